import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Statistics (统计) and 好差评:
 * - `evaluations`: one citizen rating (five national levels, 5 = 非常满意 … 1 = 非常不满意); a low
 *   rating (1–2) carries a reason and stays on the follow-up list until a supervisor closes it.
 * - `stats_daily`: the aggregate of one closed hall day (JSON, versioned), so a year's report
 *   merges 365 small rows instead of re-reading millions of tickets and periods.
 * - an index on case_history(at): a day's case events are read by time.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'stats',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('evaluations')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('counter', 'integer')
      .addColumn('clerk', 'text')
      .addColumn('ticket_id', 'text')
      .addColumn('case_no', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('follow_up', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('close_note', 'text')
      .execute();
    await db.schema.createIndex('evaluations_day').on('evaluations').column('day').execute();
    await db.schema.createIndex('evaluations_follow_up').on('evaluations').column('follow_up').execute();
    await db.schema
      .createTable('stats_daily')
      .addColumn('day', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX case_history_at ON case_history (at)`.execute(db);
  },
};
