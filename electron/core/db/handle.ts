import { PostgresAdapter, sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { Settings } from '../../../shared/settings/schema';
import type { MigrationKit } from './migrations/types';
import { closeSqlite, journalMode, openSqlite, readSqliteSchemaVersion, sqliteMigrationKit, writeSqliteSchemaVersion, type SqliteHandle } from './dialect/sqlite';
import { closePostgres, endingTransaction, openPostgres, postgresMigrationKit, readPostgresSchemaVersion, serverVersion, writePostgresSchemaVersion, type PostgresHandle } from './dialect/postgres';

/**
 * The database core runs on: embedded SQLite (one counter) or the hall's PostgreSQL (hall
 * mode, docs/hall.md). Services see only `db` (Kysely); what differs sits in the two dialect
 * modules and is chosen here.
 */
export type DatabaseHandle = SqliteHandle | PostgresHandle;
export type { SqliteHandle, PostgresHandle };
export { endingTransaction };

export interface OpenDatabaseOptions {
  storage: Settings['storage'];
  /** The SQLite file in the data folder (used when the dialect is sqlite). */
  sqliteFile: string;
  /** Connections of the PostgreSQL pool that broke while idle. */
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.storage.dialect === 'postgres') return openPostgres(options.storage.postgres, options.onPoolError);
  return openSqlite(options.sqliteFile);
}

export async function closeDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === 'postgres') await closePostgres(handle);
  else await closeSqlite(handle);
}

export function migrationKit(dialect: DatabaseHandle['dialect']): MigrationKit {
  return dialect === 'postgres' ? postgresMigrationKit : sqliteMigrationKit;
}

export function readSchemaVersion<DB>(dialect: DatabaseHandle['dialect'], db: Kysely<DB>): Promise<number> {
  return dialect === 'postgres' ? readPostgresSchemaVersion(db) : readSqliteSchemaVersion(db);
}

export function writeSchemaVersion<DB>(dialect: DatabaseHandle['dialect'], db: Kysely<DB>, version: number): Promise<void> {
  return dialect === 'postgres' ? writePostgresSchemaVersion(db, version) : writeSqliteSchemaVersion(db, version);
}

/** Where the data is, for 系统状态 and `medins status`: a file, or a masked URL and schema. */
export async function describeDatabase(handle: DatabaseHandle): Promise<{ location: string; mode: string }> {
  if (handle.dialect === 'postgres') return { location: `${handle.url} (schema ${handle.schema})`, mode: `PostgreSQL ${await serverVersion(handle)}` };
  return { location: handle.file, mode: journalMode(handle) };
}

export function isPostgres(db: QueryExecutorProvider): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises one kind of transaction across every counter of the hall: a PostgreSQL advisory
 * lock held until the transaction ends, keyed by schema and name. On SQLite there is one
 * connection and transactions already run one at a time, so nothing to do.
 */
export async function serialize(trx: QueryExecutorProvider, name: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':' || ${name}))`.execute(trx);
}

const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '55000', '3D000']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/**
 * Whether an error means "the hall database cannot be reached" (server down, network cut,
 * connection killed, connections refused) rather than a fault in the request: callers then
 * say 数据库暂时无法访问 and the clerk retries; the transaction it interrupted left nothing.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed/i.test(error.message);
}
