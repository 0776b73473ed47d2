import { daysInMonth, formatDate, weekdayOf } from '../../../shared/calendar';
import type { CalendarYearDetail } from '../../../shared/contract/calendar';

export interface MonthCell {
  date: string;
  day: number;
  weekend: boolean;
}

/** A month as week rows starting on Monday: null for the blanks before the 1st. */
export function monthGrid(year: number, month: number): (MonthCell | null)[] {
  const first = formatDate({ year, month, day: 1 });
  const lead = (weekdayOf(first) + 6) % 7;
  const cells: (MonthCell | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysInMonth(year, month); day++) {
    const date = formatDate({ year, month, day });
    const w = weekdayOf(date);
    cells.push({ date, day, weekend: w === 0 || w === 6 });
  }
  return cells;
}

export interface FestivalSummary {
  name: string;
  /** consecutive days off, as [first, last] */
  ranges: [string, string][];
  days: number;
  makeup: string[];
}

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** One line per festival, in date order: the breaks (runs of consecutive days) and make-up days. */
export function festivalsOf(detail: Pick<CalendarYearDetail, 'holidays' | 'makeupWorkdays'>): FestivalSummary[] {
  const byName = new Map<string, FestivalSummary>();
  const get = (name: string) => {
    let f = byName.get(name);
    if (!f) byName.set(name, (f = { name, ranges: [], days: 0, makeup: [] }));
    return f;
  };
  for (const { date, name } of [...detail.holidays].sort((a, b) => a.date.localeCompare(b.date))) {
    const f = get(name);
    const last = f.ranges.at(-1);
    if (last && dayNumber(date) - dayNumber(last[1]) === 1) last[1] = date;
    else f.ranges.push([date, date]);
    f.days++;
  }
  for (const { date, name } of [...detail.makeupWorkdays].sort((a, b) => a.date.localeCompare(b.date))) get(name).makeup.push(date);
  const firstDate = (f: FestivalSummary) => f.ranges[0]?.[0] ?? f.makeup[0] ?? '';
  return [...byName.values()].sort((a, b) => firstDate(a).localeCompare(firstDate(b)));
}

/** 2026-02-14 → 2月14日 */
export function formatMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
