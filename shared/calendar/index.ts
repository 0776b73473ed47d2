export { createWorkCalendar } from './work-calendar';
export type { WorkCalendar, DayInfo, DayKind } from './work-calendar';
export { calendarDataSchema, parseCalendarData, parseCalendarJson, mergeCalendarData } from './schema';
export type { CalendarData, YearArrangement, CalendarDayEntry } from './schema';
export { CalendarNotPublishedError, CalendarDataError } from './errors';
export {
  addCalendarDays,
  addMonths,
  calendarDaysBetween,
  daysInMonth,
  formatDate,
  isValidDate,
  parseDate,
  weekdayOf,
  InvalidDateError,
} from './dates';
export type { PlainDate } from './dates';
