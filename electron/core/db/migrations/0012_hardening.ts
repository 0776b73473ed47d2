import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * - client_requests: the first answer to a creating call, by the client's request id, so a call
 *   the client retries after losing the connection returns that answer instead of acting twice
 *   (rpc/client-requests.ts).
 * - audit_head: how many entries the audit chain has and the last one's hash, written with each
 *   entry; deleting the newest entries then shows (auth/audit.ts verify()).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'hardening',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('client_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('output', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('client_requests_created').on('client_requests').column('created_at').execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('entries', 'integer', (c) => c.notNull())
      .addColumn('last_id', 'integer', (c) => c.notNull())
      .addColumn('last_hash', 'text', (c) => c.notNull())
      .execute();
    // The chain as it stands when this runs becomes the first head.
    await sql`INSERT INTO audit_head (id, entries, last_id, last_hash)
      SELECT 1, COUNT(*), COALESCE(MAX(id), 0),
        COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), ${'0'.repeat(64)}) FROM audit_log`.execute(db);
  },
};
