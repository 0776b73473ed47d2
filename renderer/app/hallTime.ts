import dayjs, { type Dayjs } from 'dayjs';
import { hallDate, hallTimeZone, isTimeZone, setHallTimeZone, toHallIso } from '../../shared/system/hall-time';
import type { ClockTick } from '../../shared/contract';

/**
 * Hall time on screen: what is shown (header clock, times in lists, "today" in date pickers)
 * follows core's clock and the hall's zone (setting hall.timeZone), never the browser's zone.
 * Every tick of core's clock stream sets both: the zone, and how far the browser's clock is
 * from core's (a training clock, or a workstation whose clock drifts).
 */
let skewMs = 0;

export function noteHallClock(tick: Pick<ClockTick, 'now' | 'timeZone'>): void {
  const coreNow = Date.parse(tick.now);
  if (!Number.isNaN(coreNow)) skewMs = coreNow - Date.now();
  adoptHallTimeZone(tick.timeZone);
}

/** The hall's zone as core names it (clock ticks; public pages from their answers). */
export function adoptHallTimeZone(zone: string): void {
  if (zone !== hallTimeZone() && isTimeZone(zone)) setHallTimeZone(zone);
}

/** Core's now (ms), as far as the last tick tells. */
export function hallNow(): number {
  return Date.now() + skewMs;
}

/**
 * A dayjs holding the hall's wall-clock time of an instant (now when absent): format it, never
 * compute instants with it — it is read as if the browser were in the hall's zone.
 */
export function hallDayjs(at?: string | number | Date | null): Dayjs {
  if (at === null) return dayjs(null);
  const ms = at === undefined ? hallNow() : typeof at === 'number' ? at : new Date(at).getTime();
  return Number.isNaN(ms) ? dayjs(at) : dayjs(toHallIso(ms).slice(0, 23));
}

/** The hall's today as a date-only dayjs (for pickers and their presets). */
export function hallToday(): Dayjs {
  return dayjs(hallDate(hallNow()));
}
