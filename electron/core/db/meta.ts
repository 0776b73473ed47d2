import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * app_meta, the database's own key/value facts (install id, setup done, kiosk PIN): db owns the
 * table (docs/architecture.md § Table owners) and every module reads and writes it here.
 */

export async function readMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Sets a key (inside the caller's transaction when given one); `at` is the ISO instant of the change. */
export async function writeMeta(db: Kysely<Database>, key: string, value: string, at: string): Promise<void> {
  await sql`INSERT INTO app_meta (key, value, updated_at) VALUES (${key}, ${value}, ${at})
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`.execute(db);
}
