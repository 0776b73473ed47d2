import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema';
import type { MigrationKit } from '../migrations/types';

/**
 * Everything SQLite-specific lives here: pragmas, the schema-version slot, online backup, WAL
 * checkpoints and the SQLite spelling of the migration kit. db/dialect/postgres.ts is its twin.
 */
export interface SqliteHandle {
  dialect: 'sqlite';
  file: string;
  raw: BetterSqlite3.Database;
  db: Kysely<Database>;
}

export function openSqlite(file: string, options: { readonly?: boolean } = {}): SqliteHandle {
  const raw = new BetterSqlite3(file, { readonly: options.readonly ?? false });
  // Personal data: readable by this user only (docs/security.md § Data at rest).
  if (file !== ':memory:' && !options.readonly && process.platform !== 'win32') fs.chmodSync(file, 0o600);
  // WAL lets the CLI and a backup read while the app writes; FULL fsyncs every commit because
  // an accepted case must survive a power cut at the counter.
  if (!options.readonly) raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { dialect: 'sqlite', file, raw, db };
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every statement it runs; compiling the SQL again costs about as much as
 * running a small insert. The same text gets the same prepared statement back (SQLite
 * re-prepares it by itself after a schema change); one still being iterated (a streamed
 * select) is busy, so that caller gets a fresh one.
 */
function withStatementCache(raw: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const hit = cache.get(text);
      if (hit && !hit.busy) return hit;
      const stmt = raw.prepare(text);
      if (!hit) {
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/** The schema version lives in `PRAGMA user_version`; read through `db` (may be a transaction). */
export async function readSqliteSchemaVersion<DB>(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return r.rows[0]?.user_version ?? 0;
}

/** Runs inside the migration's transaction so version and schema change together. */
export async function writeSqliteSchemaVersion<DB>(db: Kysely<DB>, version: number): Promise<void> {
  if (!Number.isInteger(version) || version < 0) throw new Error(`invalid schema version ${version}`);
  await sql.raw(`PRAGMA user_version = ${version}`).execute(db);
}

export function journalMode(handle: SqliteHandle): string {
  return String(handle.raw.pragma('journal_mode', { simple: true }));
}

/** SQLite online backup: a consistent copy even while other connections write. */
export async function backupTo(handle: SqliteHandle, target: string): Promise<{ pages: number }> {
  const result = await handle.raw.backup(target);
  return { pages: result.totalPages };
}

/** Fold the WAL back into the main file and close: leaves a single self-contained file. */
export async function closeSqlite(handle: SqliteHandle): Promise<void> {
  if (handle.raw.open && !handle.raw.readonly) handle.raw.pragma('wal_checkpoint(TRUNCATE)');
  await handle.db.destroy();
  if (handle.raw.open) handle.raw.close();
}

export const sqliteMigrationKit: MigrationKit = {
  dialect: 'sqlite',
  autoId: (c) => c.primaryKey().autoIncrement(),
  nocaseText: 'text',
  nocase: (c) => c.modifyEnd(sql`COLLATE NOCASE`),
  async prepare() {},
  async appendOnly(db, table) {
    const t = sql.id(table);
    const message = sql.lit(`${table} is append-only`);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, ${message}); END`.execute(db);
  },
};
