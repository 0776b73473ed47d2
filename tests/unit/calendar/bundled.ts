import { readFileSync } from 'node:fs';
import { parseCalendarJson } from '../../../shared/calendar';
import type { CalendarData } from '../../../shared/calendar';

/** The shipped resources/calendar/holidays.json, parsed the way `calendar import` parses a file. */
export function loadBundledCalendar(): CalendarData {
  return parseCalendarJson(readFileSync(new URL('../../../resources/calendar/holidays.json', import.meta.url), 'utf8'));
}
