/**
 * Plain-date arithmetic on 'YYYY-MM-DD' strings. Dates become whole day numbers (days since
 * 1970-01-01, computed in UTC), so no local time zone or DST can shift a day.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidDateError extends RangeError {
  override name = 'InvalidDateError';
  constructor(readonly value: string) {
    super(`日期无效：“${value}”（应为 YYYY-MM-DD 格式的真实日期）`);
  }
}

export interface PlainDate {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses 'YYYY-MM-DD' (a real calendar date, years 1000–9999) or throws InvalidDateError. */
export function parseDate(value: string): PlainDate {
  const m = ISO_DATE.exec(value);
  if (!m) throw new InvalidDateError(value);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidDateError(value);
  }
  return { year, month, day };
}

export function isValidDate(value: string): boolean {
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatDate({ year, month, day }: PlainDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01. */
export function toDayNumber(value: string): number {
  const { year, month, day } = parseDate(value);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(value: string): number {
  // 1970-01-01 was a Thursday.
  return (((toDayNumber(value) + 4) % 7) + 7) % 7;
}

export function yearOf(value: string): number {
  return parseDate(value).year;
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}必须是整数，收到 ${n}`);
}

/** N个自然日: the date n calendar days later (earlier when n < 0). */
export function addCalendarDays(date: string, n: number): string {
  assertInteger(n, '天数');
  return fromDayNumber(toDayNumber(date) + n);
}

/** N个月: same day of the month n months later, clamped to the month's last day (1/31 + 1 → 2/28). */
export function addMonths(date: string, n: number): string {
  assertInteger(n, '月数');
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** Calendar days from a to b (negative when b is earlier). */
export function calendarDaysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}
