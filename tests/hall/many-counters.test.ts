import { beforeAll, describe, expect, it } from 'vitest';
import { preparedCore } from '../fixtures/hall';
import { usePostgres } from '../fixtures/postgres';
import { tempDir } from '../fixtures/temp';
import { buildCounterProcess, runCounters } from '../fixtures/counters';

const ACTOR = { id: null, name: 'test', transport: 'direct' };
const COUNTERS = Array.from({ length: 20 }, (_, i) => i + 1);
const TICKETS = 120;

beforeAll(buildCounterProcess);

describe('a hall of 20 counter processes on one PostgreSQL database', () => {
  it('calling at once: no ticket called twice, none skipped, first come first served within a rank', { timeout: 180_000 }, async () => {
    const core = await preparedCore(tempDir());
    const schema = core.db.dialect === 'postgres' ? core.db.schema : '';
    const q = core.services.queue;
    await q.ensureDefaults([1]);
    for (const n of COUNTERS) {
      await q.saveCounter(ACTOR, { number: n, name: '', categories: ['A', 'B'] });
      await q.setOpen(ACTOR, n, true);
    }
    // Two lines (A, B) and two ranks (every fifth ticket is a priority one).
    const taken: { id: string; priority: boolean }[] = [];
    for (let i = 0; i < TICKETS; i++) {
      const t = await q.take(ACTOR, i % 3 === 0 ? 'B' : 'A', i % 5 === 0 ? '老年人' : null, 'kiosk');
      taken.push({ id: t.ticket.id, priority: i % 5 === 0 });
    }

    const dirs = COUNTERS.map((number) => {
      const dataDir = tempDir();
      usePostgres(dataDir, schema, { counter: { number } });
      return { dataDir, number };
    });
    const results = await runCounters(dirs);

    const called = [...results.values()].flat().map((c) => c.ticketId);
    expect(new Set(called).size).toBe(called.length); // never twice
    expect(new Set(called)).toEqual(new Set(taken.map((t) => t.id))); // none skipped
    expect([...results.values()].filter((calls) => calls.length > 0).length).toBeGreaterThan(1); // really concurrent

    // The hall-wide order of calls: within each rank, tickets come in the order they queued.
    const calls = await core.db.db.selectFrom('queue_calls').innerJoin('tickets', 'tickets.id', 'queue_calls.ticket_id').select(['tickets.id', 'tickets.queued_at', 'tickets.number', 'tickets.priority_kind', 'queue_calls.seq']).where('queue_calls.recall', '=', 0).orderBy('queue_calls.seq').execute();
    expect(calls.length).toBe(TICKETS);
    const queueOrder = [...calls].sort((a, b) => a.queued_at.localeCompare(b.queued_at) || a.number - b.number);
    for (const priority of [true, false]) {
      const inRank = (rows: typeof calls) => rows.filter((r) => (r.priority_kind !== null) === priority).map((r) => r.id);
      expect(inRank(calls)).toEqual(inRank(queueOrder));
    }
    const statuses = await core.db.db.selectFrom('tickets').select('status').distinct().execute();
    expect(statuses.map((s) => s.status)).toEqual(['done']);
    await core.close();
  });
});
