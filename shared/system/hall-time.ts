/**
 * Hall time: the one clock zone the hall works in (setting `hall.timeZone`, an IANA name,
 * default Asia/Shanghai), whatever the zone of the machine running core or the browser. The
 * queue day, case days, due dates, statistics hours, document dates and exported times are all
 * read through these functions; nothing else adds an offset by hand.
 *
 * The zone is module state, set once from settings by core (and by the renderer from core's
 * clock), so the pure functions below keep their one-argument shape. Offsets come from Intl,
 * so a zone with daylight saving is handled too.
 */

export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Whether `name` is an IANA time zone this runtime knows (Intl refuses unknown names). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

let zone = DEFAULT_HALL_TIME_ZONE;
let formatter = makeFormatter(zone);
/** Offsets by quarter hour: every zone changes its offset on a quarter-hour boundary. */
let offsets = new Map<number, number>();

function makeFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
}

/** Sets the hall's zone; an unknown name is refused (settings validate it before). */
export function setHallTimeZone(name: string): void {
  if (name === zone) return;
  if (!isTimeZone(name)) throw new RangeError(`unknown time zone "${name}"`);
  zone = name;
  formatter = makeFormatter(name);
  offsets = new Map();
}

export function hallTimeZone(): string {
  return zone;
}

/** Minutes the hall's wall clock is ahead of UTC at that instant (480 for Asia/Shanghai). */
export function hallOffsetMinutes(ms: number): number {
  const key = Math.floor(ms / (15 * MINUTE_MS));
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(key * 15 * MINUTE_MS)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = Math.round((wall - key * 15 * MINUTE_MS) / MINUTE_MS);
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** ISO 8601 in hall time with its offset, e.g. 2026-11-22T09:30:00.000+08:00 */
export function toHallIso(ms: number): string {
  const offset = hallOffsetMinutes(ms);
  return new Date(ms + offset * MINUTE_MS).toISOString().slice(0, 23) + offsetText(offset);
}

/** YYYY-MM-DD of the hall's calendar day at that instant. */
export function hallDate(ms: number): string {
  return toHallIso(ms).slice(0, 10);
}

/** The hall's hour of the day (0–23) at that instant: the hourly charts count by it. */
export function hallHour(ms: number): number {
  return Number(toHallIso(ms).slice(11, 13));
}

/** `YYYY-MM-DD HH:mm` (or with `:ss`) in hall time, for lists, documents and exports. */
export function hallDateTime(ms: number, seconds = false): string {
  return toHallIso(ms).slice(0, seconds ? 19 : 16).replace('T', ' ');
}

/** The instant (ms) at which the hall's calendar day `day` (YYYY-MM-DD) starts, plus `days` days. */
export function hallDayStartMs(day: string, days = 0): number {
  const midnight = Date.parse(`${day}T00:00:00Z`) + days * DAY_MS;
  if (Number.isNaN(midnight)) throw new RangeError(`not a date: ${day}`);
  // Two passes: the offset at the guessed instant may differ from the one at midnight (DST).
  const first = midnight - hallOffsetMinutes(midnight) * MINUTE_MS;
  return midnight - hallOffsetMinutes(first) * MINUTE_MS;
}

/** The same as an ISO string in UTC (`…Z`): stored times compare with it as text. */
export function hallDayStartUtc(day: string, days = 0): string {
  return new Date(hallDayStartMs(day, days)).toISOString();
}
