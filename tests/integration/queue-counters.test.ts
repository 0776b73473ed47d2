import { beforeAll, describe, expect, it } from 'vitest';
import { preparedCore } from '../fixtures/hall';
import { onPostgres, usePostgres } from '../fixtures/postgres';
import { tempDir } from '../fixtures/temp';
import { buildCounterProcess, runCounters } from '../fixtures/counters';

const ACTOR = { id: null, name: 'test', transport: 'direct' };
const COUNTERS = Array.from({ length: 20 }, (_, i) => i + 1);
const TICKETS = 120;

beforeAll(async () => {
  if (onPostgres) await buildCounterProcess();
});

/**
 * Twenty counters calling at once, on the run's store: on PostgreSQL twenty processes on one
 * schema (a hall); on SQLite, where one core owns the file and the counters reach it over the
 * network, twenty counters calling into that one core at once.
 */
async function twentyInOneCore(core: Awaited<ReturnType<typeof preparedCore>>): Promise<Map<number, { ticketId: string }[]>> {
  const q = core.services.queue;
  return new Map(
    await Promise.all(
      COUNTERS.map(async (n) => {
        const calls: { ticketId: string }[] = [];
        for (let t = await q.callNext({ ...ACTOR, counter: n }, n); t; t = await q.callNext({ ...ACTOR, counter: n }, n)) {
          calls.push({ ticketId: t.id });
          await q.finish(ACTOR, t.id);
        }
        return [n, calls] as const;
      }),
    ),
  );
}

describe('20 counters on one database', () => {
  it('calling at once: no ticket called twice, none skipped, first come first served within a rank', { timeout: 300_000 }, async () => {
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

    const processes = () =>
      runCounters(
        COUNTERS.map((number) => {
          const dataDir = tempDir();
          usePostgres(dataDir, schema, { counter: { number } });
          return { dataDir, number };
        }),
      );
    const results = onPostgres ? await processes() : await twentyInOneCore(core);

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
