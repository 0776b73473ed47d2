import type { PolicyState } from '../../../shared/queue/policy';
import type { Db } from './context';

/**
 * Running figures of the queue, kept up to date by the writes instead of recounted from history:
 * the interleave count (queue_state) and each line's served time of the day (queue_sequence).
 */
export async function policyState(db: Db): Promise<PolicyState> {
  const row = await db.selectFrom('queue_state').select('normals_since_priority').where('id', '=', 1).executeTakeFirst();
  return { normalsSincePriority: row?.normals_since_priority ?? 0 };
}

/** Mean minutes of serving per finished ticket of each line today (absent: nothing finished yet). */
export async function serviceMinutes(db: Db, day: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('queue_sequence').select(['category_id', 'served_ms', 'served_count']).where('day', '=', day).where('served_count', '>', 0).execute();
  return new Map(rows.map((r) => [r.category_id, Math.max(1, Math.round(r.served_ms / r.served_count / 60_000))]));
}

/** Adds one finished ticket's serving time to its line's figure of the day (last -1: no number issued yet). */
export async function recordServed(trx: Db, day: string, categoryId: string, ms: number): Promise<void> {
  await trx
    .insertInto('queue_sequence')
    .values({ day, category_id: categoryId, last: -1, taken: 0, served_ms: ms, served_count: 1 })
    .onConflict((oc) => oc.columns(['day', 'category_id']).doUpdateSet((eb) => ({ served_ms: eb('queue_sequence.served_ms', '+', ms), served_count: eb('queue_sequence.served_count', '+', 1) })))
    .execute();
}
