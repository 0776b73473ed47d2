import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { openCoreHost } from '../../electron/core/profiles';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';

const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };

async function hall(options: { counters?: number[]; at?: string } = {}) {
  let t = Date.parse(options.at ?? '2026-11-23T09:00:00+08:00');
  const dir = tempDir();
  const core = await preparedCore(dir, { now: () => t });
  const q = core.services.queue;
  await q.ensureDefaults([1]);
  for (const n of options.counters ?? [1]) {
    await q.saveCounter(CLERK, { number: n, name: '', categories: ['A', 'B'] });
    await q.setOpen(CLERK, n, true);
  }
  return { core, q, dir, tick: (ms = 1000) => (t += ms), at: (iso: string) => (t = Date.parse(iso)) };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe('queue', () => {
  it('numbers tickets per category with a prefix, and counts people ahead', async () => {
    const { core, q, tick } = await hall();
    const a1 = await q.take(CLERK, 'A', null, 'kiosk');
    tick();
    const a2 = await q.take(CLERK, 'A', null, 'kiosk');
    tick();
    const b1 = await q.take(CLERK, 'B', '老年人', 'kiosk');
    expect([a1.ticket.label, a2.ticket.label, b1.ticket.label]).toEqual(['A001', 'A002', 'B001']);
    expect([a1.ahead, a2.ahead, b1.ahead]).toEqual([0, 1, 0]);
    await core.close();
  });

  it('calls in the policy order (interleave 2:1 by default), FIFO within a rank', async () => {
    const { core, q, tick } = await hall();
    const take = async (cat: string, prio: string | null) => {
      tick();
      return (await q.take(CLERK, cat, prio, 'kiosk')).ticket.label;
    };
    await take('A', null); // A001
    await take('B', '老年人'); // B001
    await take('A', null); // A002
    await take('A', null); // A003
    await take('B', '残疾人'); // B002
    const called: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = (await q.callNext(CLERK, 1))!;
      called.push(t.label);
      await q.finish(CLERK, t.id);
    }
    expect(called).toEqual(['A001', 'A002', 'B001', 'A003', 'B002']);
    expect(await q.callNext(CLERK, 1)).toBeNull();
    await core.close();
  });

  it('strict policy from settings: priority first', async () => {
    const { core, q, tick } = await hall();
    core.services.settings.update({ queue: { policy: 'strict' } });
    await q.take(CLERK, 'A', null, 'kiosk');
    tick();
    await q.take(CLERK, 'A', '孕妇', 'kiosk');
    expect((await q.callNext(CLERK, 1))?.label).toBe('A002');
    await core.close();
  });

  it('twenty counters calling at once never get the same ticket', async () => {
    const counters = Array.from({ length: 20 }, (_, i) => i + 1);
    const { core, q, tick } = await hall({ counters });
    for (let i = 0; i < 30; i++) {
      tick();
      await q.take(CLERK, i % 2 ? 'A' : 'B', i % 5 === 0 ? '老年人' : null, 'kiosk');
    }
    const results = await Promise.all(counters.map((n) => q.callNext({ ...CLERK, counter: n }, n)));
    const labels = results.map((r) => r!.label);
    expect(new Set(labels).size).toBe(20);
    const snap = await q.snapshot();
    expect(snap.waiting).toHaveLength(10);
    expect(snap.counters.filter((c) => c.current).map((c) => c.current!.label).sort()).toEqual([...labels].sort());
    await core.close();
  });

  it('a closed or paused counter cannot call; a busy counter must finish first', async () => {
    const { core, q } = await hall({ counters: [1, 2] });
    await q.take(CLERK, 'A', null, 'kiosk');
    await q.setOpen(CLERK, 2, false);
    expect(await codeOf(q.callNext(CLERK, 2))).toBe('CONFLICT');
    await q.pause(CLERK, 1, '系统故障');
    expect(await codeOf(q.callNext(CLERK, 1))).toBe('CONFLICT');
    await q.resume(CLERK, 1);
    const t = (await q.callNext(CLERK, 1))!;
    expect(await codeOf(q.callNext(CLERK, 1))).toBe('CONFLICT');
    expect(await codeOf(q.setOpen(CLERK, 1, false))).toBe('CONFLICT');
    await q.finish(CLERK, t.id);
    await core.close();
  });

  it('the daily cap is explained, and numbers restart the next queue day', async () => {
    const { core, q, at } = await hall();
    await q.saveCategory(CLERK, { id: 'A', name: '参保登记', items: [], rangeStart: 1, rangeEnd: 999, dailyCap: 2, enabled: true });
    await q.take(CLERK, 'A', null, 'kiosk');
    await q.take(CLERK, 'A', null, 'kiosk');
    const e = (await q.take(CLERK, 'A', null, 'kiosk').catch((x: unknown) => x)) as { code: string; userText: string };
    expect(e.code).toBe('CONFLICT');
    expect(e.userText).toContain('今日号码已取完');
    expect((await q.snapshot()).categories.find((c) => c.id === 'A')?.capReached).toBe(true);
    at('2026-11-24T08:00:00+08:00');
    const next = await q.take(CLERK, 'A', null, 'kiosk');
    expect(next.ticket.label).toBe('A001');
    // Yesterday's waiting tickets expired and cannot be called.
    expect((await q.snapshot()).waiting.map((t) => t.label)).toEqual(['A001']);
    await core.close();
  });

  it('过号 puts the ticket at the end of the line once; recall repeats the announcement', async () => {
    const { core, q, tick } = await hall();
    const a = (await q.take(CLERK, 'A', null, 'kiosk')).ticket;
    tick();
    await q.take(CLERK, 'A', null, 'kiosk');
    await q.callNext(CLERK, 1);
    await q.recall(CLERK, a.id);
    const calls = (await q.snapshot()).recentCalls;
    expect(calls.map((c) => [c.label, c.recall, c.text])).toEqual([
      ['A001', true, '请 A001 号 到 1 号窗口办理'],
      ['A001', false, '请 A001 号 到 1 号窗口办理'],
    ]);
    tick();
    expect((await q.noShow(CLERK, a.id)).status).toBe('waiting');
    expect((await q.snapshot()).waiting.map((t) => t.label)).toEqual(['A002', 'A001']);
    await q.callNext(CLERK, 1).then((t) => q.finish(CLERK, t!.id));
    await q.callNext(CLERK, 1);
    expect((await q.noShow(CLERK, a.id)).status).toBe('no_show');
    await core.close();
  });

  it('each ticket life is a series of timed periods that add up', async () => {
    const { core, q, tick } = await hall();
    const a = (await q.take(CLERK, 'A', null, 'kiosk')).ticket;
    tick(60_000);
    await q.callNext(CLERK, 1);
    tick(30_000);
    await q.start(CLERK, a.id);
    tick(120_000);
    await q.pause(CLERK, 1, '临时离开');
    tick(10_000);
    await q.resume(CLERK, 1);
    tick(60_000);
    await q.finish(CLERK, a.id);
    const periods = await q.periods(a.id);
    const ms = (p: { startedAt: string; endedAt: string | null }) => Date.parse(p.endedAt!) - Date.parse(p.startedAt);
    expect(periods.map((p) => [p.kind, ms(p)])).toEqual([
      ['waiting', 60_000],
      ['called', 30_000],
      ['serving', 120_000],
      ['paused', 10_000],
      ['serving', 60_000],
    ]);
    await core.close();
  });

  it('transfer to another category keeps its place; to a counter, that counter calls it first', async () => {
    const { core, q, tick } = await hall({ counters: [1, 2] });
    const a = (await q.take(CLERK, 'A', null, 'kiosk')).ticket;
    tick();
    await q.take(CLERK, 'B', null, 'kiosk');
    await q.callNext(CLERK, 1);
    await q.transfer(CLERK, a.id, { counter: 2 });
    expect((await q.callNext(CLERK, 2))?.label).toBe('A001');
    expect((await q.periods(a.id)).map((p) => p.kind)).toEqual(['waiting', 'called', 'transferred', 'called']);
    await core.close();
  });

  it('a restart in the middle of the day keeps the queue', async () => {
    const dir = tempDir();
    const host = await openCoreHost({ dataDir: dir, runtime: 'test', logToFile: false });
    const core: Core = host.current();
    await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Admin2026' }, hall: { name: '大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
    await core.services.queue.ensureDefaults([1]);
    await core.services.queue.take(CLERK, 'A', null, 'kiosk');
    await core.services.queue.take(CLERK, 'C', null, 'kiosk');
    await core.services.queue.callNext(CLERK, 1);
    await host.close();
    const again = await openCoreHost({ dataDir: dir, runtime: 'test', logToFile: false });
    const snap = await again.current().services.queue.snapshot();
    expect(snap.waiting.map((t) => t.label)).toEqual(['C001']);
    expect(snap.counters[0]?.current?.label).toBe('A001');
    await again.close();
  });

  it('streams a snapshot on every change', async () => {
    const { core, q } = await hall();
    const ac = new AbortController();
    const seen: number[] = [];
    const done = (async () => {
      for await (const s of q.watch(ac.signal)) {
        seen.push(s.waiting.length);
        if (seen.length === 3) ac.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await q.take(CLERK, 'A', null, 'kiosk');
    await new Promise((r) => setTimeout(r, 50));
    await q.take(CLERK, 'A', null, 'kiosk');
    await done;
    expect(seen).toEqual([0, 1, 2]);
    await core.close();
  });
});
