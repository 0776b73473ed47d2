import { addCalendarDays, addMonths, fromDayNumber, toDayNumber, weekdayOf, yearOf } from './dates';
import { CalendarNotPublishedError } from './errors';
import type { CalendarData } from './schema';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup';

export interface DayInfo {
  workday: boolean;
  /** holiday = 法定节假日放假 (including weekend days inside the break); makeup = 调休上班. */
  kind: DayKind;
  /** The festival for holiday and makeup days, e.g. 春节. */
  name?: string;
  /** Set on a day of an unloaded year read Monday–Friday by a provisional calendar (暂定). */
  provisional?: true;
}

export interface WorkCalendar {
  /** Years whose arrangement is loaded, ascending. */
  readonly publishedYears: readonly number[];
  isPublished(year: number): boolean;
  dayInfo(date: string): DayInfo;
  isWorkday(date: string): boolean;
  /**
   * 不超过N个工作日: the start day is not counted, the period starts the next day; returns the
   * n-th working day after `date` (before it when n < 0; `date` itself when n = 0).
   */
  addWorkdays(date: string, n: number): string;
  addCalendarDays(date: string, n: number): string;
  addMonths(date: string, n: number): string;
  /** Working days in (a, b]; negative when b is before a. workdaysBetween(a, addWorkdays(a, n)) === n. */
  workdaysBetween(a: string, b: string): number;
  /**
   * The same calendar, except that a year whose arrangement is not loaded counts Monday–Friday
   * as working days instead of throwing: for 暂定办结日期 only, which say so wherever they appear.
   * Never use it to answer what a day is; no holiday is ever invented.
   */
  provisional(): WorkCalendar;
}

/** All methods throw CalendarNotPublishedError when a day they must look at is in an unloaded year. */
export function createWorkCalendar(data: CalendarData): WorkCalendar {
  return build(data, false);
}

function build(data: CalendarData, mondayToFridayWhenUnloaded: boolean): WorkCalendar {
  const special = new Map<string, DayInfo>();
  const published = new Set<number>();
  for (const [year, arrangement] of Object.entries(data.years)) {
    published.add(Number(year));
    for (const { date, name } of arrangement.holidays) special.set(date, { workday: false, kind: 'holiday', name });
    for (const { date, name } of arrangement.makeupWorkdays) special.set(date, { workday: true, kind: 'makeup', name });
  }
  const publishedYears = [...published].sort((a, b) => a - b);

  function dayInfo(date: string): DayInfo {
    const year = yearOf(date);
    const loaded = published.has(year);
    if (!loaded && !mondayToFridayWhenUnloaded) throw new CalendarNotPublishedError(year);
    const info = special.get(date);
    if (info) return { ...info };
    const weekday = weekdayOf(date);
    const plain: DayInfo = weekday === 0 || weekday === 6 ? { workday: false, kind: 'weekend' } : { workday: true, kind: 'workday' };
    return loaded ? plain : { ...plain, provisional: true };
  }

  function isWorkday(date: string): boolean {
    return dayInfo(date).workday;
  }

  function addWorkdays(date: string, n: number): string {
    if (!Number.isSafeInteger(n)) throw new RangeError(`工作日数必须是整数，收到 ${n}`);
    const step = n < 0 ? -1 : 1;
    let day = toDayNumber(date);
    for (let remaining = Math.abs(n); remaining > 0; ) {
      day += step;
      if (isWorkday(fromDayNumber(day))) remaining--;
    }
    return fromDayNumber(day);
  }

  function workdaysBetween(a: string, b: string): number {
    const start = toDayNumber(a);
    const end = toDayNumber(b);
    if (end < start) return -workdaysBetween(b, a);
    let count = 0;
    for (let day = start + 1; day <= end; day++) if (isWorkday(fromDayNumber(day))) count++;
    return count;
  }

  let provisionalView: WorkCalendar | undefined;
  const self: WorkCalendar = {
    publishedYears,
    isPublished: (year) => published.has(year),
    dayInfo,
    isWorkday,
    addWorkdays,
    addCalendarDays,
    addMonths,
    workdaysBetween,
    provisional: () => (mondayToFridayWhenUnloaded ? self : (provisionalView ??= build(data, true))),
  };
  return self;
}
