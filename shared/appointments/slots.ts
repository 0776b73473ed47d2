/**
 * 预约时段: a line's bookable hours cut into slots of equal length (pure, so the console, the
 * kiosk and core cut them alike). Times are hall-time 'HH:mm'; a slot never straddles the end
 * of an opening period (a 30-minute plan over 09:00–11:45 gives 09:00–11:30 in five slots).
 */
import { hallDayStartMs } from '../system/hall-time';

export interface Slot {
  start: string;
  end: string;
}

export type OpeningHours = [string, string][];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Why a plan's hours cannot be used, in the queue manager's words; null when they can. */
export function hoursProblem(hours: OpeningHours, slotMinutes: number): string | null {
  if (hours.length === 0) return '请至少设置一个预约时间段';
  let previousEnd = -1;
  for (const [start, end] of hours) {
    if (!HHMM.test(start) || !HHMM.test(end)) return `时间格式应为 时:分（如 09:00），收到“${start}–${end}”`;
    const s = minutesOf(start);
    const e = minutesOf(end);
    if (e <= s) return `${start}–${end} 结束时间应晚于开始时间`;
    if (s < previousEnd) return `${start}–${end} 与前一时间段重叠或顺序颠倒`;
    if (e - s < slotMinutes) return `${start}–${end} 不足一个时段（${slotMinutes} 分钟）`;
    previousEnd = e;
  }
  return null;
}

export function cutSlots(hours: OpeningHours, slotMinutes: number): Slot[] {
  const slots: Slot[] = [];
  for (const [start, end] of hours) {
    for (let t = minutesOf(start); t + slotMinutes <= minutesOf(end); t += slotMinutes) slots.push({ start: hhmm(t), end: hhmm(t + slotMinutes) });
  }
  return slots;
}

/** The instant (ms) of `time` ('HH:mm', hall time) on hall day `day`: a slot's start or end. */
export function slotInstant(day: string, time: string): number {
  return hallDayStartMs(day) + minutesOf(time) * 60_000;
}
