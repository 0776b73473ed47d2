import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { StatsReport } from '../../shared/contract/stats';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { CLERK } from '../fixtures/cases';

/**
 * Past days are fixed facts (docs/stats.md): a ticket still waiting or being served when its
 * queue day ends is closed at the day's end and counted 未办理, not as hours of waiting. One
 * day (Tue 2026-12-01, hall time), minutes after 09:00:
 *  A001 taken 0, called 10, started 11, finished 19        wait 600  service 480
 *  A002 taken 1, called 20, 过号 21 (requeued), never back  → 未办理
 *  A003 taken 2, called 30, 过号 31 (requeued), never back  → 未办理
 *  A004 taken 3, called 40, started 41, still served at the day's end → 未办理
 *  A005 taken 4, called 50, started 51, finished 55         wait 2760 service 240
 * waits 600 2760 → mean 1680, p90 2760; services 480 240 → mean 360, p90 480.
 * The day is then computed from the raw rows at three moments after it ended — 00:00:01, 08:00
 * after the next day's first ticket (whose rollover closes the open periods) and 23:50 the next
 * day — and must not move.
 */
const DAY = '2026-12-01';
const at = (min: number) => Date.parse(`${DAY}T09:00:00+08:00`) + min * 60_000;

let t = at(-30);
let core: Core;
const ids: Record<string, string> = {};

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
  const q = core.services.queue;
  await q.ensureDefaults([1]);
  await q.saveCounter(CLERK, { number: 1, name: '', categories: ['A'] });
  await q.setOpen(CLERK, 1, true);
  for (const min of [0, 1, 2, 3, 4]) {
    t = at(min);
    const r = await q.take(CLERK, 'A', null, 'kiosk');
    ids[r.ticket.label] = r.ticket.id;
  }
  const step = async (min: number, fn: () => Promise<unknown>) => {
    t = at(min);
    await fn();
  };
  await step(10, () => q.call(CLERK, ids.A001!, 1));
  await step(11, () => q.start(CLERK, ids.A001!));
  await step(19, () => q.finish(CLERK, ids.A001!));
  await step(20, () => q.call(CLERK, ids.A002!, 1));
  await step(21, () => q.noShow(CLERK, ids.A002!));
  await step(30, () => q.call(CLERK, ids.A003!, 1));
  await step(31, () => q.noShow(CLERK, ids.A003!));
  await step(40, () => q.call(CLERK, ids.A004!, 1));
  await step(41, () => q.start(CLERK, ids.A004!));
  // A005 is served at counter 2 (A004 never leaves counter 1).
  await q.saveCounter(CLERK, { number: 2, name: '', categories: ['A'] });
  await q.setOpen(CLERK, 2, true);
  await step(50, () => q.call({ ...CLERK, counter: 2 }, ids.A005!, 2));
  await step(51, () => q.start({ ...CLERK, counter: 2 }, ids.A005!));
  await step(55, () => q.finish({ ...CLERK, counter: 2 }, ids.A005!));
}, 60_000);

afterAll(async () => {
  await core?.close();
});

/** The day computed from the raw rows at `moment` (the stored summary of an earlier look removed). */
async function reportAt(moment: number): Promise<StatsReport> {
  t = moment;
  await core.db.db.deleteFrom('stats_daily').execute();
  return core.services.stats.report({ from: DAY });
}

describe('a past day', () => {
  it('while it runs, open waits count up to now', async () => {
    t = at(60);
    const live = await core.services.stats.report({ from: DAY });
    expect(live.totals).toMatchObject({ taken: 5, served: 2, unserved: 0 });
    // A002 and A003 have waited again since their 过号: their waits are still growing.
    expect(live.totals.waitMeanSec).toBeGreaterThan(1680);
  });

  it('gives the same figures whenever it is first computed, the open tickets counted 未办理', async () => {
    const justAfter = await reportAt(Date.parse('2026-12-02T00:00:01+08:00'));
    t = Date.parse('2026-12-02T08:00:00+08:00');
    await core.services.queue.take(CLERK, 'A', null, 'kiosk'); // the new day's first ticket closes yesterday's
    const morning = await reportAt(Date.parse('2026-12-02T08:00:05+08:00'));
    const lateNight = await reportAt(Date.parse('2026-12-02T23:50:00+08:00'));

    expect(justAfter.totals).toMatchObject({ taken: 5, served: 2, noShows: 0, unserved: 3, waitMeanSec: 1680, waitP90Sec: 2760, serviceMeanSec: 360, serviceP90Sec: 480 });
    for (const later of [morning, lateNight]) {
      expect(later.totals).toEqual(justAfter.totals);
      expect(later.hourly).toEqual(justAfter.hourly);
      expect(later.rows).toEqual(justAfter.rows);
    }
  });

  it('stores the fixed figures once and serves them from the summary', async () => {
    t = Date.parse('2026-12-03T10:00:00+08:00');
    const first = await core.services.stats.report({ from: DAY });
    t = Date.parse('2026-12-20T10:00:00+08:00');
    expect((await core.services.stats.report({ from: DAY })).totals).toEqual(first.totals);
    expect(first.totals.unserved).toBe(3);
  });
});
