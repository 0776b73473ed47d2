import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Upstream sync (docs/upstream-protocol.md): the outbox, written in the transaction that closes
 * a case; every attempt the worker makes; the attachments each message needs uploaded first.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'sync',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('sync_outbox')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('msg_id', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('case_no', 'text', (c) => c.notNull())
      .addColumn('case_status', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('upstream_ref', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('acked_at', 'text')
      .execute();
    // One closing message per case: a case closes once (final states are terminal).
    await db.schema.createIndex('sync_outbox_case').on('sync_outbox').columns(['case_id', 'kind']).unique().execute();
    await db.schema.createIndex('sync_outbox_due').on('sync_outbox').columns(['status', 'next_attempt_at']).execute();
    await db.schema
      .createTable('sync_attempts')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('outbox_id', 'integer', (c) => c.notNull().references('sync_outbox.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('http_status', 'integer')
      .addColumn('detail', 'text')
      .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('sync_attempts_outbox').on('sync_attempts').column('outbox_id').execute();
    await db.schema
      .createTable('sync_attachments')
      .addColumn('outbox_id', 'integer', (c) => c.notNull().references('sync_outbox.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('uploaded', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('sync_attachments_pk', ['outbox_id', 'sha256'])
      .execute();
    await sql`CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`.execute(db);
  },
};
