import { toHallIso } from '../../../shared/system/hall-time';

/** Seconds as minutes with one decimal, or — when there is nothing to show. */
export function minutes(sec: number | null | undefined): string {
  return sec === null || sec === undefined ? '—' : `${(sec / 60).toFixed(1)}`;
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function hhmm(iso: string | null): string {
  if (!iso) return '—';
  return toHallIso(Date.parse(iso)).slice(11, 16);
}
