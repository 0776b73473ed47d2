/**
 * Halls work in China Standard Time (UTC+8, no daylight saving), whatever the workstation's
 * clock zone is set to; everything shown or counted by calendar day uses this offset.
 */
export const HALL_UTC_OFFSET_MINUTES = 8 * 60;

/** ISO 8601 in hall time, e.g. 2026-11-22T09:30:00.000+08:00 */
export function toHallIso(ms: number): string {
  return new Date(ms + HALL_UTC_OFFSET_MINUTES * 60_000).toISOString().replace('Z', '+08:00');
}

/** YYYY-MM-DD of the hall's calendar day at that instant. */
export function hallDate(ms: number): string {
  return toHallIso(ms).slice(0, 10);
}
