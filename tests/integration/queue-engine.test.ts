import { describe, expect, it, vi } from 'vitest';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { onPostgres } from '../fixtures/postgres';

const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };

async function hall(counters = [1]) {
  let t = Date.parse('2026-11-23T09:00:00+08:00');
  const core = await preparedCore(tempDir(), { now: () => t });
  const q = core.services.queue;
  await q.ensureDefaults([1]);
  for (const n of counters) {
    await q.saveCounter(CLERK, { number: n, name: '', categories: ['A', 'B'] });
    await q.setOpen(CLERK, n, true);
  }
  return { core, q, tick: (ms = 1000) => (t += ms) };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; userText: string });

describe('queue engine', () => {
  it('never issues a label that is still waiting or being served; a used-up range is said in Chinese and shown', async () => {
    const { core, q, tick } = await hall();
    await q.saveCategory(CLERK, { id: 'A', name: '参保登记', items: [], rangeStart: 1, rangeEnd: 3, dailyCap: 0, enabled: true });
    const take = async () => {
      tick();
      return (await q.take(CLERK, 'A', null, 'kiosk')).ticket;
    };
    const [a1, a2, a3] = [await take(), await take(), await take()];
    expect([a1.label, a2.label, a3.label]).toEqual(['A001', 'A002', 'A003']);

    // Every label of the range is in the hall: refused, nothing counted, the console sees it.
    const e = await refusal(q.take(CLERK, 'A', null, 'kiosk'));
    expect(e).toMatchObject({ code: 'CONFLICT', userText: '今日该类号码已取完，请咨询引导台' });
    const before = (await q.snapshot()).categories.find((c) => c.id === 'A')!;
    expect(before).toMatchObject({ rangeUsedUp: true, taken: 3, waiting: 3 });

    // A001 is called and finished (free again); A002 is called and sent back to the line.
    const first = (await q.callNext(CLERK, 1))!;
    expect(first.label).toBe('A001');
    await q.finish(CLERK, first.id);
    const second = (await q.callNext(CLERK, 1))!;
    expect(second.label).toBe('A002');
    await q.noShow(CLERK, second.id);
    // The range wraps onto the free A001; A002 and A003 are still in the hall.
    expect((await take()).label).toBe('A001');
    expect((await refusal(q.take(CLERK, 'A', null, 'kiosk')))?.userText).toBe('今日该类号码已取完，请咨询引导台');
    const open = (await q.snapshot()).waiting.map((t) => t.label);
    expect(new Set(open).size).toBe(open.length);
    expect((await q.snapshot()).categories.find((c) => c.id === 'A')).toMatchObject({ rangeUsedUp: true });
    await core.close();
  });

  it('wraps past labels still in the hall to the next free one', async () => {
    const { core, q, tick } = await hall();
    await q.saveCategory(CLERK, { id: 'A', name: '参保登记', items: [], rangeStart: 1, rangeEnd: 4, dailyCap: 0, enabled: true });
    const take = async () => {
      tick();
      return (await q.take(CLERK, 'A', null, 'kiosk')).ticket;
    };
    for (let i = 0; i < 4; i++) await take(); // A001…A004 waiting
    // A001 and A003 finish; A002 and A004 still wait.
    for (const label of ['A001', 'A002', 'A003']) {
      const t = (await q.callNext(CLERK, 1))!;
      expect(t.label).toBe(label);
      if (label === 'A002') await q.noShow(CLERK, t.id);
      else await q.finish(CLERK, t.id);
    }
    expect((await take()).label).toBe('A001');
    expect((await take()).label).toBe('A003'); // A002 is waiting again (过号): skipped
    expect((await refusal(q.take(CLERK, 'A', null, 'kiosk')))?.userText).toBe('今日该类号码已取完，请咨询引导台');
    await core.close();
  });

  it('audits every queue action in its own transaction, on a chain that verifies', async () => {
    const { core, q, tick } = await hall([1, 2]);
    for (let i = 0; i < 6; i++) {
      tick();
      await q.take(CLERK, i % 2 ? 'B' : 'A', i === 3 ? '老年人' : null, 'kiosk');
    }
    const [one, two] = await Promise.all([q.callNext({ ...CLERK, counter: 1 }, 1), q.callNext({ ...CLERK, counter: 2 }, 2)]);
    await q.start(CLERK, one!.id);
    await q.finish(CLERK, one!.id);
    await q.noShow(CLERK, two!.id);
    await q.pause(CLERK, 2, '午休');
    // A refused call leaves no entry.
    expect(await refusal(q.callNext({ ...CLERK, counter: 2 }, 2))).toMatchObject({ code: 'CONFLICT' });
    const { entries } = await core.services.audit.list({ action: 'ticket.', limit: 100 });
    expect(entries.filter((e) => e.action === 'ticket.call').map((e) => e.target).sort()).toEqual([`ticket:${one!.id}`, `ticket:${two!.id}`].sort());
    expect(entries.filter((e) => e.action === 'ticket.call').map((e) => e.detail.counter).sort()).toEqual([1, 2]);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['ticket.take', 'ticket.start', 'ticket.finish', 'ticket.no_show']));
    expect((await core.services.audit.list({ action: 'counter.pause' })).total).toBe(1);
    expect(await core.services.audit.verify()).toMatchObject({ ok: true });
    await core.close();
  });

  it('quotes, backslashes and SQL in what a change audits are stored as written (literals on PostgreSQL)', async () => {
    const { core, q, tick } = await hall([1]);
    const odd = { ...CLERK, name: "o'brien\\" };
    const reason = "午休'); DROP TABLE tickets; -- \\' \\\\ \"$$ E'\\n'";
    tick();
    await q.take(odd, 'A', null, 'kiosk');
    await q.pause(odd, 1, reason);
    const paused = (await core.services.audit.list({ action: 'counter.pause' })).entries;
    expect(paused.map((e) => [e.actor, e.detail.reason])).toEqual([[odd.name, reason]]);
    expect((await core.services.audit.list({ action: 'ticket.take' })).entries.map((e) => e.actor)).toEqual([odd.name]);
    // The counter is paused with exactly that reason, and nothing else was run.
    expect(await refusal(q.callNext({ ...CLERK, counter: 1 }, 1))).toMatchObject({ userText: `1 号窗口已暂停服务（${reason}），请先恢复` });
    expect((await q.snapshot()).waiting.map((t) => t.label)).toEqual(['A001']);
    expect(await core.services.audit.verify()).toMatchObject({ ok: true });
    await core.close();
  });

  it('counters calling together: one refusal leaves the other calls, nobody gets a ticket twice', async () => {
    const { core, q, tick } = await hall([1, 2, 3]);
    for (let i = 0; i < 5; i++) {
      tick();
      await q.take(CLERK, 'A', null, 'kiosk');
    }
    await q.pause(CLERK, 2, '午休');
    const results = await Promise.allSettled([1, 2, 3].map((n) => q.callNext({ ...CLERK, counter: n }, n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const labels = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value!.label] : []));
    expect(labels.sort()).toEqual(['A001', 'A002']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ userText: '2 号窗口已暂停服务（午休），请先恢复' });
    expect((await q.snapshot()).counters.filter((c) => c.current).map((c) => c.number)).toEqual([1, 3]);
    await core.close();
  });

  it('calls arriving together pick exactly what the same calls one after another pick (interleave, transfers, chain)', async () => {
    // Two identical halls: one takes six counters' calls as one batch, the other one by one.
    const picks = async (together: boolean) => {
      const { core, q, tick } = await hall([1, 2, 3, 4, 5, 6]);
      const kinds = [null, '老年人', null, null, '孕妇', null, null, '老年人', null, null];
      for (const [i, kind] of kinds.entries()) {
        tick();
        await q.take(CLERK, i % 3 ? 'A' : 'B', kind, 'kiosk');
      }
      // One ticket is called, then sent to counter 5: counter 5 calls it before anyone else's.
      const sent = (await q.callNext({ ...CLERK, counter: 4 }, 4))!;
      await q.transfer(CLERK, sent.id, { counter: 5 });
      tick();
      const calls = [1, 2, 3, 4, 5, 6].map((n) => () => q.callNext({ ...CLERK, counter: n }, n));
      const called = together ? await Promise.all(calls.map((c) => c())) : await calls.reduce(async (done, c) => [...(await done), await c()], Promise.resolve([] as Awaited<ReturnType<typeof q.callNext>>[]));
      const result = { labels: called.map((t) => t?.label ?? null), transferred: sent.label, snapshot: (await q.snapshot()).waiting.map((t) => t.label), audit: await core.services.audit.verify() };
      // The next call after the batch sees the interleave count the batch left behind.
      await q.finish(CLERK, called[0]!.id);
      const after = (await q.callNext({ ...CLERK, counter: 1 }, 1))?.label;
      await core.close();
      return { ...result, after };
    };
    const batched = await picks(true);
    const sequential = await picks(false);
    // By the 2:1 interleave from one normal call before: normal, priority, normal, normal, then
    // counter 5's transferred B001 (normal), priority; afterwards a normal one again.
    expect(sequential.labels).toEqual(['A002', 'A001', 'B002', 'A004', 'B001', 'A003']);
    expect(sequential.transferred).toBe('B001');
    expect(sequential.after).toBe('B003');
    expect(sequential.audit).toMatchObject({ ok: true });
    if (!onPostgres) {
      // SQLite batches the six calls in arrival order: exactly the sequential picks.
      expect(batched).toEqual(sequential);
      return;
    }
    // PostgreSQL serves them in the order they reach the hall lock, which the pool decides: the
    // order may differ, but counter 5 still gets its transfer, nobody is called twice, no called
    // ticket is still waiting and as many stay behind.
    expect(batched.labels[4]).toBe('B001');
    expect(new Set(batched.labels).size).toBe(6);
    expect(batched.labels.every((l) => l !== null && !batched.snapshot.includes(l))).toBe(true);
    expect(batched.snapshot.length).toBe(sequential.snapshot.length);
    expect(batched.audit).toMatchObject({ ok: true });
  });

  it('estimated waits come from the running served time of the day', async () => {
    const { core, q, tick } = await hall();
    for (let i = 0; i < 3; i++) {
      tick();
      await q.take(CLERK, 'A', null, 'kiosk');
    }
    const t = (await q.callNext(CLERK, 1))!;
    await q.start(CLERK, t.id);
    tick(12 * 60_000); // served for 12 minutes
    await q.finish(CLERK, t.id);
    const a = (await q.snapshot()).categories.find((c) => c.id === 'A')!;
    expect(a).toMatchObject({ waiting: 2, estimatedWaitMinutes: 24 });
    await core.close();
  });

  it('every watcher gets the same snapshot, one per burst of changes', async () => {
    const { core, q } = await hall();
    const ac = new AbortController();
    const boards = [[], [], []].map((seen: Awaited<ReturnType<typeof q.snapshot>>[]) => {
      void (async () => {
        for await (const s of q.watch(ac.signal)) seen.push(s);
      })();
      return seen;
    });
    await vi.waitFor(() => expect(boards.map((b) => b.length)).toEqual([1, 1, 1]));
    // Fifty changes at once (as many counters calling together): one snapshot, shared.
    for (let i = 0; i < 50; i++) q.changes.emit('change');
    await vi.waitFor(() => expect(boards.map((b) => b.length)).toEqual([2, 2, 2]));
    expect(boards[0]![1]).toBe(boards[1]![1]);
    expect(boards[1]![1]).toBe(boards[2]![1]);
    // A real change reaches every board, again as one object.
    await q.take(CLERK, 'A', null, 'kiosk');
    await vi.waitFor(() => expect(boards.map((b) => b.at(-1)!.waiting.length)).toEqual([1, 1, 1]));
    expect(boards[0]!.at(-1)).toBe(boards[2]!.at(-1));
    await new Promise((r) => setTimeout(r, 100));
    expect(boards.map((b) => b.length)).toEqual([3, 3, 3]);
    ac.abort();
    await core.close();
  });

  it('readers asking at the same time share one snapshot; a change since makes a new one', async () => {
    const { core, q } = await hall();
    const [a, b, c] = await Promise.all([q.snapshot(), q.snapshot(), q.snapshot()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    // Asked while the shared one is still being built, after a change: it is not handed out.
    const before = q.snapshot();
    await q.take(CLERK, 'A', null, 'kiosk');
    const after = await q.snapshot();
    expect(after).not.toBe(await before);
    expect(after.waiting.map((t) => t.label)).toEqual(['A001']);
    // Asked one after the other: each its own, built then.
    expect(await q.snapshot()).not.toBe(after);
    await core.close();
  });
});
