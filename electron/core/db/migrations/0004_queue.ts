import { type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * The ticket queue: categories (业务类别), counters (窗口), tickets, and each ticket's timed
 * periods — every wait and service time in statistics is a sum of these, so they are exact.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'queue',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('queue_categories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('range_start', 'integer', (c) => c.notNull())
      .addColumn('range_end', 'integer', (c) => c.notNull())
      .addColumn('daily_cap', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('queue_counters')
      .addColumn('number', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('categories', 'text', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('paused_reason', 'text')
      .addColumn('staff', 'text')
      .execute();
    await db.schema
      .createTable('tickets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('category_id', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('priority_kind', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer')
      .addColumn('taken_at', 'text', (c) => c.notNull())
      .addColumn('queued_at', 'text', (c) => c.notNull())
      .addColumn('called_at', 'text')
      .addColumn('called_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('case_nos', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tickets_day_status').on('tickets').columns(['day', 'status', 'queued_at']).execute();
    await db.schema
      .createTable('ticket_periods')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema.createIndex('ticket_periods_ticket').on('ticket_periods').column('ticket_id').execute();
    await db.schema
      .createTable('queue_sequence')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('category_id', 'text', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addColumn('taken', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('queue_sequence_pk', ['day', 'category_id'])
      .execute();
    await db.schema
      .createTable('queue_calls')
      .addColumn('seq', 'integer', kit.autoId)
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('recall', 'integer', (c) => c.notNull())
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
