import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../schema';

/**
 * Everything SQLite-specific lives here: pragmas, the schema-version slot, online backup and
 * WAL checkpoints. A PostgreSQL dialect module ([hall]) provides the same functions.
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return { dialect: 'sqlite', file, raw, db };
}

export function readSchemaVersion(handle: SqliteHandle): number {
  return handle.raw.pragma('user_version', { simple: true }) as number;
}

/** Runs inside the migration's transaction so version and schema change together. */
export function writeSchemaVersionSql(version: number): string {
  if (!Number.isInteger(version) || version < 0) throw new Error(`invalid schema version ${version}`);
  return `PRAGMA user_version = ${version}`;
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
