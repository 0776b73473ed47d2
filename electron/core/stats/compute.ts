import { bucketOf, emptyDay, emptyGroup, DIMENSIONS, type DayAggregate, type Dimension, type Group } from './aggregate';
import type { DayFacts } from './facts';
import { hallHour } from '../../../shared/system/hall-time';

const hourOf = (iso: string) => hallHour(Date.parse(iso));

/** Folds a day's facts into its aggregate: the total and one group per key of each dimension. */
export function aggregateDay(day: string, facts: DayFacts): DayAggregate {
  const out = emptyDay(day);
  out.items = facts.items;
  const groupsOf = (keys: Record<Dimension, string>): Group[] => [out.total, ...DIMENSIONS.map((d) => (out.groups[d][keys[d]] ??= emptyGroup()))];

  for (const t of facts.tickets) {
    const gs = groupsOf({ category: t.category, counter: t.counter, clerk: t.clerk, item: t.itemKey });
    out.arrivals[hourOf(t.takenAt)]!++;
    if (t.doneAt) out.served[hourOf(t.doneAt)]!++;
    for (const g of gs) {
      g.taken++;
      if (t.doneAt) g.served++;
      if (t.unserved) g.unserved++;
      if (t.status === 'no_show') g.noShows++;
      if (t.waitSec !== null) {
        g.waitN++;
        g.waitSum += t.waitSec;
        const b = bucketOf(t.waitSec);
        g.waitHist[b] = (g.waitHist[b] ?? 0) + 1;
      }
      if (t.serviceSec !== null) {
        g.serviceN++;
        g.serviceSum += t.serviceSec;
        const b = bucketOf(t.serviceSec);
        g.serviceHist[b] = (g.serviceHist[b] ?? 0) + 1;
      }
    }
  }
  for (const c of facts.cases) {
    for (const g of groupsOf({ category: c.category, counter: c.counter, clerk: c.clerk, item: c.itemKey })) g[c.figure]++;
  }
  for (const e of facts.evaluations) {
    if (e.level < 1 || e.level > 5) continue;
    for (const g of groupsOf({ category: e.category, counter: e.counter, clerk: e.clerk, item: e.itemKey })) g.levels[e.level - 1]!++;
  }
  return out;
}
