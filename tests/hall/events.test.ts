import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { QueueSnapshot } from '../../shared/contract/queue';
import { preparedCore } from '../fixtures/hall';
import { usePostgres } from '../fixtures/postgres';
import { tempDir } from '../fixtures/temp';

const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };
const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});

/** Counter 1 and a board: two cores (two machines of a hall) on one PostgreSQL schema. */
async function counterAndBoard() {
  const counterDir = tempDir();
  const counter = await preparedCore(counterDir);
  cores.push(counter);
  const schema = (counter.db.dialect === 'postgres' && counter.db.schema) || '';
  const boardDir = tempDir();
  usePostgres(boardDir, schema);
  const board = await createCore({ dataDir: boardDir, runtime: 'test', logToFile: false });
  cores.push(board);
  const q = counter.services.queue;
  await q.ensureDefaults([1]);
  await q.saveCounter(CLERK, { number: 1, name: '', categories: ['A', 'B'] });
  await q.setOpen(CLERK, 1, true);
  return { counter, board, q };
}

/** The first snapshot after `ready` for which `until` holds, and when it came. */
async function nextSnapshot(core: Core, until: (s: QueueSnapshot) => boolean, ac: AbortController) {
  const stream = core.services.queue.watch(ac.signal);
  await stream.next(); // the initial snapshot: the subscription is live from here on
  return async () => {
    for (;;) {
      const r = await stream.next();
      if (r.done) throw new Error('stream ended');
      if (until(r.value)) return { snapshot: r.value, at: performance.now() };
    }
  };
}

describe('hall events across cores (PostgreSQL LISTEN/NOTIFY)', () => {
  it('a call at one counter reaches the board of another core within 200 ms', async () => {
    const { board, q } = await counterAndBoard();
    const taken = await q.take(CLERK, 'A', null, 'kiosk');
    const ac = new AbortController();
    const waitFor = await nextSnapshot(board, (s) => s.recentCalls.some((c) => c.ticketId === taken.ticket.id), ac);
    const pending = waitFor();
    const calledAt = performance.now();
    const called = await q.callNext(CLERK, 1);
    const seen = await pending;
    ac.abort();
    expect(called?.id).toBe(taken.ticket.id);
    expect(seen.snapshot.counters.find((c) => c.number === 1)?.current?.label).toBe(taken.ticket.label);
    expect(seen.at - calledAt).toBeLessThan(200);
  });

  it('a ticket taken at the kiosk core reaches the console of a counter at once', async () => {
    const { board, counter } = await counterAndBoard();
    const ac = new AbortController();
    const waitFor = await nextSnapshot(counter, (s) => s.waiting.length === 1, ac);
    const pending = waitFor();
    // The kiosk (here the board's core) takes a ticket; the counter's console hears of it.
    const takenAt = performance.now();
    const taken = await board.services.queue.take(CLERK, 'B', null, 'kiosk');
    const seen = await pending;
    ac.abort();
    expect(seen.snapshot.waiting.map((t) => t.id)).toEqual([taken.ticket.id]);
    expect(seen.at - takenAt).toBeLessThan(200);
  });
});
