import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Core } from '../../electron/core/core';
import { PASSWORD, preparedCore, tokenFor } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { employeeEnrolment, CLERK } from '../fixtures/cases';
import { messagePortClient } from '../fixtures/clients';

/**
 * Figures against values worked out by hand. One simulated morning (Mon 2026-11-23, hall time),
 * two counters, a moved clock; minutes after 09:00:
 *  A001 taken 0, called 10 @1 by clerk1, started 11, finished 19      wait 600  service 480
 *  A002 taken 2, called 20 @2 by clerk2, started 20.5, paused 22–25,
 *       finished 30                                                     wait 1080 service 90+300=390
 *  B001 taken 5, called 21 @1 by clerk1, transferred to A at 22,
 *       called again 32, started 33, finished 35                        wait 960+600=1560 service 120
 *  A003 taken 6, called 40 @2 by clerk2, 过号 41 (requeued), called 45,
 *       过号 46 (final)                                                  wait 2040+240=2280
 * waits 600 1080 1560 2280 → mean 1380, p90 (nearest rank 4 of 4) 2280
 * services 480 390 120     → mean 330,  p90 (rank 3 of 3) 480
 * Cases: accepted 1 (linked to A001, then 办结), 不予受理 1, 一次性告知 1 on the day; one case
 * accepted 11-02 (due 11-09: overdue) and one 11-18 (due 11-25: 2 working days left: due soon).
 * Ratings: A001 5, A002 4, B001 1 (with a reason) → satisfaction 2/3, one open follow-up.
 */
const DAY = '2026-11-23';
const at = (min: number) => Date.parse(`${DAY}T09:00:00+08:00`) + min * 60_000;

let t = Date.parse('2026-11-02T10:00:00+08:00');
let core: Core;
const CLERK2 = { id: null, name: 'clerk2', counter: 2, transport: 'direct' };
const ids: Record<string, string> = {};
let acceptedNo = '';
let itemKey = '';

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
  const s = core.services;
  await s.users.create({ id: null, name: 'test' }, { username: 'clerk2', displayName: '窗口二', roles: ['clerk'], counters: [2], password: PASSWORD });
  await employeeEnrolment(core, {}, 11); // 11-02: overdue by 11-23
  t = Date.parse('2026-11-18T10:00:00+08:00');
  await employeeEnrolment(core, {}, 12); // 11-18: due 11-25
  t = at(-30);
  const q = s.queue;
  await q.ensureDefaults([1]);
  for (const n of [1, 2]) {
    await q.saveCounter(CLERK, { number: n, name: '', categories: ['A', 'B'] });
    await q.setOpen(CLERK, n, true);
  }
  const take = async (min: number, cat: string) => {
    t = at(min);
    const r = await q.take(CLERK, cat, null, 'kiosk');
    ids[r.ticket.label] = r.ticket.id;
  };
  await take(0, 'A');
  await take(2, 'A');
  await take(5, 'B');
  await take(6, 'A');
  t = at(10);
  await q.call(CLERK, ids.A001!, 1);
  t = at(11);
  await q.start(CLERK, ids.A001!);
  t = at(15);
  // A001 is being served at counter 1: core links the case to it (nobody types a case number).
  const accepted = await employeeEnrolment(core, {}, 1);
  acceptedNo = accepted.caseNo;
  itemKey = accepted.itemKey;
  t = at(19);
  await q.finish(CLERK, ids.A001!);
  t = at(20);
  await q.call(CLERK2, ids.A002!, 2);
  t = at(20.5);
  await q.start(CLERK2, ids.A002!);
  t = at(21);
  await q.call(CLERK, ids.B001!, 1);
  t = at(22);
  await q.pause(CLERK2, 2, '临时离开');
  await q.transfer(CLERK, ids.B001!, { category: 'A' });
  t = at(25);
  await q.resume(CLERK2, 2);
  t = at(30);
  await q.finish(CLERK2, ids.A002!);
  t = at(32);
  await q.call(CLERK, ids.B001!, 1);
  t = at(33);
  await q.start(CLERK, ids.B001!);
  t = at(35);
  await q.finish(CLERK, ids.B001!);
  t = at(40);
  await q.call(CLERK2, ids.A003!, 2);
  t = at(41);
  await q.noShow(CLERK2, ids.A003!);
  t = at(45);
  await q.call(CLERK2, ids.A003!, 2);
  t = at(46);
  await q.noShow(CLERK2, ids.A003!);
  t = at(50);
  await employeeEnrolment(core, { decision: 'refuse', reason: '不属于本中心受理范围' }, 2);
  await employeeEnrolment(core, { decision: 'requestCorrection', reason: '材料不齐', materials: [] }, 3);
  await s.cases.transition(CLERK, acceptedNo, 'approve', {});
  await s.cases.transition(CLERK, acceptedNo, 'complete', { result: '已办结' });
  await s.evaluations.submit(CLERK, { level: 5, ticketId: ids.A001! });
  await s.evaluations.submit(CLERK2, { level: 4, ticketId: ids.A002! });
  await s.evaluations.submit(CLERK, { level: 1, reason: '等候时间过长', ticketId: ids.B001! });
  t = at(60);
}, 60_000);

afterAll(async () => {
  await core?.close();
});

describe('stats report', () => {
  it('totals of the day match the hand-worked figures', async () => {
    const r = await core.services.stats.report({ from: DAY });
    expect(r.totals).toMatchObject({
      taken: 4,
      served: 3,
      noShows: 1,
      waitMeanSec: 1380,
      waitP90Sec: 2280,
      serviceMeanSec: 330,
      serviceP90Sec: 480,
      accepted: 1,
      refused: 1,
      corrections: 1,
      completed: 1,
      overdue: 1,
      dueSoon: 1,
      evaluations: 3,
      satisfied: 2,
      satisfactionRate: 2 / 3,
      levels: [1, 0, 0, 1, 1],
    });
    expect(r.hourly[9]).toEqual({ hour: 9, arrivals: 4, served: 3 });
    expect(r.hourly.reduce((s, h) => s + h.arrivals, 0)).toBe(4);
    // 600 → 10–15 min; 1080 → 15–20; 1560 → 20–30; 2280 → 30–45
    expect(Object.fromEntries(r.waitDistribution.filter((b) => b.count).map((b) => [b.label, b.count]))).toEqual({ '10–15分钟': 1, '15–20分钟': 1, '20–30分钟': 1, '30–45分钟': 1 });
    expect(r.followUpsOpen).toBe(1);
    expect(r.syncBacklog.count).toBeGreaterThanOrEqual(0);
  });

  it('groups by counter, clerk, category and item', async () => {
    const byCounter = await core.services.stats.report({ from: DAY, groupBy: 'counter' });
    const c1 = byCounter.rows.find((x) => x.key === '1')!;
    const c2 = byCounter.rows.find((x) => x.key === '2')!;
    // counter 1: A001 and B001; counter 2: A002; A003 left without a counter after its final 过号
    expect(c1).toMatchObject({ label: '1号窗口', taken: 2, served: 2, waitMeanSec: 1080, serviceMeanSec: 300, accepted: 1, refused: 1, corrections: 1, completed: 1 });
    expect(c2).toMatchObject({ taken: 1, served: 1, waitMeanSec: 1080, serviceMeanSec: 390 });
    expect(byCounter.rows.find((x) => x.key === '')).toMatchObject({ taken: 1, noShows: 1, waitMeanSec: 2280 });

    const byClerk = await core.services.stats.report({ from: DAY, groupBy: 'clerk' });
    expect(byClerk.rows.find((x) => x.key === 'clerk1')).toMatchObject({ label: '窗口一（clerk1）', taken: 2, served: 2, accepted: 1, refused: 1, corrections: 1, completed: 1, evaluations: 2 });
    expect(byClerk.rows.find((x) => x.key === 'clerk2')).toMatchObject({ taken: 2, served: 1, noShows: 1, waitMeanSec: (1080 + 2280) / 2, evaluations: 1 });
    expect(byClerk.workload.map((w) => [w.clerk, w.served, w.serviceMinutes])).toEqual([
      ['窗口一（clerk1）', 2, 10],
      ['窗口二（clerk2）', 1, 6.5],
    ]);

    const byCategory = await core.services.stats.report({ from: DAY, groupBy: 'category' });
    // B001 was moved to A by its transfer: the category is where a ticket ended
    expect(byCategory.rows.map((x) => [x.key, x.taken])).toEqual([['A', 4], ['', 0]]);
    // The case accepted while A001 was served counts under A001's category; the two decided
    // with no ticket at the counter under （无取号）.
    expect(byCategory.rows.find((x) => x.key === 'A')).toMatchObject({ accepted: 1, refused: 0, corrections: 0 });
    expect(byCategory.rows.find((x) => x.key === '')).toMatchObject({ accepted: 0, refused: 1, corrections: 1 });
    expect(byCategory.rows[0]!.overdue).toBeNull();

    const byItem = await core.services.stats.report({ from: DAY, groupBy: 'item' });
    expect(byItem.rows.find((x) => x.key === itemKey)).toMatchObject({ taken: 1, served: 1, accepted: 1, overdue: 1, dueSoon: 1, waitMeanSec: 600 });
    const byMain = await core.services.stats.report({ from: DAY, groupBy: 'mainItem' });
    expect(byMain.rows.reduce((s, x) => s + x.taken, 0)).toBe(4);
  });

  it('folds closed days into stats_daily and sums a range', async () => {
    const single = await core.services.stats.report({ from: '2026-11-02' });
    expect(single.totals).toMatchObject({ taken: 0, accepted: 1 });
    const range = await core.services.stats.report({ from: '2026-11-02', to: DAY });
    expect(range.totals).toMatchObject({ taken: 4, accepted: 3, refused: 1, corrections: 1, completed: 1, waitMeanSec: 1380 });
    const cached = await core.db.db.selectFrom('stats_daily').select('day').execute();
    expect(cached.length).toBe(21); // 11-02 … 11-22; today stays live
    expect((await core.services.stats.report({ from: '2026-11-02', to: DAY })).totals).toEqual(range.totals);
    await expect(core.services.stats.report({ from: DAY, to: '2026-11-01' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('drills down to the tickets and cases behind a figure', async () => {
    const s = core.services.stats;
    expect((await s.tickets({ from: DAY, figure: 'noShows' })).rows.map((x) => [x.label, x.waitSec])).toEqual([['A003', 2280]]);
    expect((await s.tickets({ from: DAY, figure: 'served', groupBy: 'clerk', key: 'clerk1' })).rows.map((x) => [x.label, x.serviceSec])).toEqual([
      ['A001', 480],
      ['B001', 120],
    ]);
    expect((await s.cases({ from: DAY, figure: 'completed' })).rows.map((x) => x.caseNo)).toEqual([acceptedNo]);
    expect((await s.cases({ from: DAY, figure: 'overdue' })).total).toBe(1);
    expect((await s.cases({ from: DAY, figure: 'refused', groupBy: 'counter', key: '1' })).total).toBe(1);
  });
});

describe('好差评 and access', () => {
  it('a low rating needs a reason; follow-ups close with a note', async () => {
    await expect(core.services.evaluations.submit(CLERK, { level: 2, ticketId: ids.A002! })).rejects.toMatchObject({ code: 'BAD_REQUEST', fields: { reason: expect.any(String) } });
    const [open] = await core.services.evaluations.followUps('open');
    expect(open).toMatchObject({ level: 1, levelLabel: '非常不满意', reason: '等候时间过长', ticketLabel: 'B001', clerk: 'clerk1', status: 'open' });
    const closed = await core.services.evaluations.closeFollowUp({ id: null, name: 'chief1', transport: 'direct' }, open!.id, '已电话回访，致歉');
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'chief1', closeNote: '已电话回访，致歉' });
    await expect(core.services.evaluations.closeFollowUp(CLERK, open!.id, 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('stats for supervisors only; an evaluator tablet may rate, nothing else', async () => {
    const clerk = messagePortClient(core, await tokenFor(core, 'clerk1'));
    await expect(clerk.client.stats.report({ from: DAY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    clerk.close();
    const chief = messagePortClient(core, await tokenFor(core, 'chief1'));
    expect((await chief.client.stats.report({ from: DAY })).totals.taken).toBe(4);
    const xlsx = await chief.client.stats.export({ from: DAY, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sum = wb.getWorksheet('汇总')!;
    const value = (label: string) => sum.getColumn(1).values.indexOf(label);
    expect(sum.getRow(value('取号数')).getCell(2).value).toBe(4);
    expect(sum.getRow(value('平均等候(分)')).getCell(2).value).toBe(23);
    chief.close();
    const device = await core.services.sessions.issueDeviceToken({ id: null, name: 'admin', transport: 'direct' }, '1号窗评价器', 'evaluator');
    const tablet = messagePortClient(core, device.token);
    // B001, the last ticket of counter 1, finished 25 minutes ago and was rated: nothing to offer.
    expect(await tablet.client.evaluation.context({ counter: 1 })).toMatchObject({ counter: 1, ticket: null, clerk: null });
    await expect(tablet.client.evaluation.submit({ level: 5, ticketId: ids.B001! })).rejects.toMatchObject({ code: 'CONFLICT', message: 'B001 号已评价过，感谢您的参与' });
    await expect(tablet.client.stats.report({ from: DAY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(tablet.client.queue.callNext({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    tablet.close();
    expect((await core.services.stats.report({ from: DAY })).totals.evaluations).toBe(3);
  });
});
