/**
 * The figures of statistics as plain data: one `Group` per (dimension, key) of a day, merged
 * over a range. Wait and service times keep their sum (exact mean) and a sparse histogram in
 * 10-second steps (each time rounded UP to the next 10 s), from which the 90th percentile is
 * read by nearest rank. See docs/stats.md for the definitions.
 */
/** 2: open periods are cut at the queue day's end and their tickets counted 未办理 (unserved). */
export const AGGREGATE_VERSION = 2;
export const BUCKET_SECONDS = 10;

export const DIMENSIONS = ['category', 'counter', 'clerk', 'item'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Group {
  taken: number;
  served: number;
  noShows: number;
  /** 未办理: still waiting or being served when the queue day ended */
  unserved: number;
  waitN: number;
  waitSum: number;
  /** bucket (ceil(seconds / 10)) → tickets */
  waitHist: Record<string, number>;
  serviceN: number;
  serviceSum: number;
  serviceHist: Record<string, number>;
  accepted: number;
  refused: number;
  corrections: number;
  completed: number;
  /** Ratings per level, index 0 = level 1 (非常不满意) … 4 = level 5 (非常满意). */
  levels: number[];
}

export interface DayAggregate {
  v: number;
  day: string;
  total: Group;
  groups: Record<Dimension, Record<string, Group>>;
  /** Hall-time hours 0–23: tickets taken, tickets finished. */
  arrivals: number[];
  served: number[];
  /** item key → [name, source id]; for labels and 主项 lookup. */
  items: Record<string, [string, string]>;
}

export function emptyGroup(): Group {
  return { taken: 0, served: 0, noShows: 0, unserved: 0, waitN: 0, waitSum: 0, waitHist: {}, serviceN: 0, serviceSum: 0, serviceHist: {}, accepted: 0, refused: 0, corrections: 0, completed: 0, levels: [0, 0, 0, 0, 0] };
}

export function emptyDay(day: string): DayAggregate {
  return { v: AGGREGATE_VERSION, day, total: emptyGroup(), groups: { category: {}, counter: {}, clerk: {}, item: {} }, arrivals: Array(24).fill(0) as number[], served: Array(24).fill(0) as number[], items: {} };
}

export function bucketOf(seconds: number): number {
  return Math.ceil(Math.max(0, seconds) / BUCKET_SECONDS);
}

function addHist(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

export function mergeGroup(into: Group, g: Group): Group {
  into.taken += g.taken;
  into.served += g.served;
  into.noShows += g.noShows;
  into.unserved += g.unserved;
  into.waitN += g.waitN;
  into.waitSum += g.waitSum;
  addHist(into.waitHist, g.waitHist);
  into.serviceN += g.serviceN;
  into.serviceSum += g.serviceSum;
  addHist(into.serviceHist, g.serviceHist);
  into.accepted += g.accepted;
  into.refused += g.refused;
  into.corrections += g.corrections;
  into.completed += g.completed;
  for (let i = 0; i < 5; i++) into.levels[i]! += g.levels[i] ?? 0;
  return into;
}

export function mergeDays(days: readonly DayAggregate[], label: string): DayAggregate {
  const out = emptyDay(label);
  for (const d of days) {
    mergeGroup(out.total, d.total);
    for (const dim of DIMENSIONS) {
      for (const [k, g] of Object.entries(d.groups[dim])) out.groups[dim][k] = mergeGroup(out.groups[dim][k] ?? emptyGroup(), g);
    }
    for (let h = 0; h < 24; h++) {
      out.arrivals[h]! += d.arrivals[h] ?? 0;
      out.served[h]! += d.served[h] ?? 0;
    }
    Object.assign(out.items, d.items);
  }
  return out;
}

/** Nearest-rank percentile (p in 0–100) of a 10-second histogram, in seconds; null when empty. */
export function percentile(hist: Record<string, number>, p: number): number | null {
  const entries = Object.entries(hist)
    .map(([k, n]) => [Number(k), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [bucket, n] of entries) {
    seen += n;
    if (seen >= rank) return bucket * BUCKET_SECONDS;
  }
  return entries[entries.length - 1]![0] * BUCKET_SECONDS;
}

/** Wait-time distribution for the chart, in minutes: [0,5) [5,10) … [60,∞). */
export const WAIT_BUCKETS: readonly { label: string; from: number; to: number }[] = [
  { label: '5分钟内', from: 0, to: 5 },
  { label: '5–10分钟', from: 5, to: 10 },
  { label: '10–15分钟', from: 10, to: 15 },
  { label: '15–20分钟', from: 15, to: 20 },
  { label: '20–30分钟', from: 20, to: 30 },
  { label: '30–45分钟', from: 30, to: 45 },
  { label: '45–60分钟', from: 45, to: 60 },
  { label: '60分钟以上', from: 60, to: Infinity },
];

export function waitDistribution(hist: Record<string, number>): { label: string; from: number; to: number | null; count: number }[] {
  const counts = WAIT_BUCKETS.map(() => 0);
  for (const [k, n] of Object.entries(hist)) {
    const minutes = (Number(k) * BUCKET_SECONDS) / 60;
    const i = WAIT_BUCKETS.findIndex((b) => minutes >= b.from && minutes < b.to);
    counts[i < 0 ? counts.length - 1 : i]! += n;
  }
  return WAIT_BUCKETS.map((b, i) => ({ label: b.label, from: b.from, to: Number.isFinite(b.to) ? b.to : null, count: counts[i]! }));
}
