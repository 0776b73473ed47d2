import type { Kysely } from 'kysely';
import type { Database } from '../electron/core/db/schema';

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * A bench that calls tickets is only worth its figure if the calls were right: no ticket called
 * twice, and none skipped (within each rank, nobody still waiting entered the line before
 * someone already called). Throws, failing the bench, otherwise.
 */
export async function checkCalls(db: Kysely<Database>, day: string): Promise<{ calls: number }> {
  const calls = await db.selectFrom('queue_calls').innerJoin('tickets', 'tickets.id', 'queue_calls.ticket_id').select('queue_calls.ticket_id').where('queue_calls.recall', '=', 0).where('tickets.day', '=', day).execute();
  const ids = calls.map((c) => c.ticket_id);
  if (new Set(ids).size !== ids.length) throw new Error(`duplicate calls: ${ids.length - new Set(ids).size} tickets called twice`);
  const tickets = await db.selectFrom('tickets').select(['status', 'priority_kind', 'queued_at', 'number']).where('day', '=', day).execute();
  const key = (t: { queued_at: string; number: number }) => `${t.queued_at}#${String(t.number).padStart(6, '0')}`;
  for (const priority of [true, false]) {
    const rank = tickets.filter((t) => (t.priority_kind !== null) === priority);
    const lastCalled = rank.filter((t) => t.status !== 'waiting').map(key).sort().at(-1);
    const firstWaiting = rank.filter((t) => t.status === 'waiting').map(key).sort()[0];
    if (lastCalled && firstWaiting && firstWaiting < lastCalled) throw new Error(`skipped: ${firstWaiting} still waits while ${lastCalled} was called (${priority ? 'priority' : 'normal'} rank)`);
  }
  return { calls: ids.length };
}
