import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * 暂定办结日期: a due date counted Monday–Friday in a year whose 节假日安排 was not loaded yet is
 * marked provisional (1) until that year's import recomputes it. Every case stored before
 * this column had a firm date (intake was refused otherwise), so 0 is their true value.
 * The partial scan of the import touches only provisional rows (index on the flag).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'hall_time',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('cases').addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('cases_due_provisional').on('cases').columns(['due_provisional', 'status']).execute();
  },
};
