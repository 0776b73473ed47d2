import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The upstream backlog for statistics: closed cases still waiting for upstream (pending, outcome
 * unknown, or needing a person). Sync owns sync_outbox (docs/architecture.md § Table owners).
 */
export async function syncBacklogCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM sync_outbox WHERE status IN ('pending', 'unknown', 'needs_attention')`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
