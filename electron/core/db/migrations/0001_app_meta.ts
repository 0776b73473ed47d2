import { sql, type Kysely } from 'kysely';
import type { Migration } from './types';

/** Key/value facts about this installation (install id, creation time). */
export const migration0001: Migration = {
  version: 1,
  name: 'app_meta',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('app_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    const now = new Date().toISOString();
    await sql`INSERT INTO app_meta (key, value, updated_at) VALUES ('install_id', ${crypto.randomUUID()}, ${now}), ('created_at', ${now}, ${now})`.execute(db);
  },
};
