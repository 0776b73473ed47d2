/**
 * Who is called next. Pure, so the console can show the line in calling order and tests can
 * pin every policy. Within one rank it is always first come, first served (by the time the
 * ticket entered the line, then by number) — a LIFO slip is a known failure of other systems.
 */
export interface Waiting {
  id: string;
  number: number;
  /** Priority tickets rank above normal ones. */
  priority: boolean;
  /** ms since epoch when it entered the line (re-queued tickets re-enter). */
  queuedAt: number;
}

/**
 * The priority kind of a booked visit that checked in (预约): it ranks with the other priority
 * kinds, so the policy's N:1 interleave also bounds how long walk-ins wait behind bookings.
 */
export const BOOKED_PRIORITY = '预约';

export type QueuePolicy =
  | { kind: 'strict' }
  /** After `normal` normal calls, one priority call (when one is waiting). */
  | { kind: 'interleave'; normal: number }
  /** Each `ageingMs` of waiting counts as much as the priority rank. */
  | { kind: 'ageing'; ageingMs: number };

/** Normal calls since the last priority call: the only state interleaving needs. */
export interface PolicyState {
  normalsSincePriority: number;
}

const fifo = (a: Waiting, b: Waiting) => a.queuedAt - b.queuedAt || a.number - b.number;

export function pickNext<T extends Waiting>(waiting: readonly T[], policy: QueuePolicy, state: PolicyState, now: number): T | undefined {
  if (waiting.length === 0) return undefined;
  const priority = waiting.filter((t) => t.priority).sort(fifo);
  const normal = waiting.filter((t) => !t.priority).sort(fifo);
  switch (policy.kind) {
    case 'strict':
      return priority[0] ?? normal[0];
    case 'interleave':
      if (priority.length && (state.normalsSincePriority >= policy.normal || normal.length === 0)) return priority[0];
      return normal[0] ?? priority[0];
    case 'ageing': {
      // Effective entry time: a priority ticket counts as having come ageingMs earlier.
      const score = (t: T) => t.queuedAt - (t.priority ? policy.ageingMs : 0);
      void now;
      return [...waiting].sort((a, b) => score(a) - score(b) || fifo(a, b))[0];
    }
  }
}

/**
 * The whole line in calling order, as the policy would call it with nobody else arriving.
 * O(n log n): the two ranks are sorted once and merged the way pickNext would choose.
 */
export function callingOrder<T extends Waiting>(waiting: readonly T[], policy: QueuePolicy, state: PolicyState, now: number): T[] {
  void now;
  if (policy.kind === 'ageing') {
    const score = (t: T) => t.queuedAt - (t.priority ? policy.ageingMs : 0);
    return [...waiting].sort((a, b) => score(a) - score(b) || fifo(a, b));
  }
  const priority = waiting.filter((t) => t.priority).sort(fifo);
  const normal = waiting.filter((t) => !t.priority).sort(fifo);
  if (policy.kind === 'strict') return [...priority, ...normal];
  const out: T[] = [];
  let since = state.normalsSincePriority;
  let p = 0;
  let n = 0;
  while (p < priority.length || n < normal.length) {
    if (p < priority.length && (since >= policy.normal || n >= normal.length)) {
      out.push(priority[p++]!);
      since = 0;
    } else {
      out.push(normal[n++]!);
      since++;
    }
  }
  return out;
}

/** 请 A012 号 到 3 号窗口办理 — spaced so speech engines read the number digit by digit. */
export function announcementText(label: string, counter: number): string {
  return `请 ${label} 号 到 ${counter} 号窗口办理`;
}
