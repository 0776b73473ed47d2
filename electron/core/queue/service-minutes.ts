import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Mean minutes of serving per category today, from the periods (5 when nothing finished yet). */
export async function averageServiceMinutes(db: Kysely<Database>, day: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ticket_periods')
    .innerJoin('tickets', 'tickets.id', 'ticket_periods.ticket_id')
    .select(['tickets.category_id as category', 'ticket_periods.started_at as s', 'ticket_periods.ended_at as e'])
    .where('tickets.day', '=', day)
    .where('tickets.status', '=', 'done')
    .where('ticket_periods.kind', '=', 'serving')
    .execute();
  const sums = new Map<string, { ms: number; n: number }>();
  for (const r of rows) {
    if (!r.e) continue;
    const x = sums.get(r.category) ?? { ms: 0, n: 0 };
    x.ms += Date.parse(r.e) - Date.parse(r.s);
    x.n++;
    sums.set(r.category, x);
  }
  return new Map([...sums].map(([k, v]) => [k, Math.max(1, Math.round(v.ms / v.n / 60_000))]));
}
