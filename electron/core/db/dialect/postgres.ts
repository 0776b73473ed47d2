import fs from 'node:fs';
import { CompiledQuery, Kysely, PostgresDialect, sql, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema';
import type { MigrationKit } from '../migrations/types';
import type { Settings } from '../../../../shared/settings/schema';
import { maskUrlPassword } from '../../../../shared/settings/schema';

/**
 * Everything PostgreSQL-specific lives here (hall mode, docs/hall.md): the pool, TLS, the
 * schema-version row, the PostgreSQL spelling of the migration kit. db/dialect/sqlite.ts is its twin.
 */
export type PostgresSettings = Settings['storage']['postgres'];

export interface PostgresHandle {
  dialect: 'postgres';
  /** The connection string with its password masked, for status screens and logs. */
  url: string;
  schema: string;
  pool: pg.Pool;
  db: Kysely<Database>;
  /** Connection settings for a client of its own (LISTEN needs one connection for good). */
  clientConfig: pg.ClientConfig;
}

/** Statements whose text ends the transaction they run in with their own COMMIT (endingTransaction). */
const ENDS_TRANSACTION = new WeakSet<CompiledQuery>();

/**
 * A statement sent inside a Kysely transaction that ends it itself: `…; COMMIT` as one
 * simple-query message (queue/context.ts sends a queue change's audit entry, note and COMMIT
 * together). Once it has run, the transaction's commit() only hands the connection back: a second
 * COMMIT would cost a round trip and leave a WARNING ("there is no transaction in progress") in
 * the server's log for every queue change of the hall.
 */
export function endingTransaction(text: string): CompiledQuery {
  const query = CompiledQuery.raw(text);
  ENDS_TRANSACTION.add(query);
  return query;
}

/**
 * Kysely's PostgreSQL driver, told when a statement of a transaction committed it already
 * (endingTransaction): that transaction's commit() then sends nothing. Every other call is the
 * inner driver's. A statement that fails marks nothing, so the caller's rollback() still runs.
 */
class CommitAwareDriver implements Driver {
  readonly #inner: Driver;
  readonly #innerOf = new WeakMap<DatabaseConnection, DatabaseConnection>();
  readonly #committed = new WeakSet<DatabaseConnection>();

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    const inner = this.#innerOf.get(connection);
    if (!inner) throw new Error('connection not acquired through this driver');
    return inner;
  }

  init() {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection();
    const connection: DatabaseConnection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = await inner.executeQuery<R>(query);
        if (ENDS_TRANSACTION.has(query)) this.#committed.add(connection);
        return result;
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => inner.streamQuery<R>(query, chunkSize),
    };
    this.#innerOf.set(connection, inner);
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    this.#committed.delete(connection);
    return this.#inner.beginTransaction(this.#unwrap(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    if (this.#committed.delete(connection)) return;
    await this.#inner.commitTransaction(this.#unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection) {
    this.#committed.delete(connection);
    return this.#inner.rollbackTransaction(this.#unwrap(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['savepoint']>>[2]) {
    await this.#inner.savepoint!(this.#unwrap(connection), name, compileQuery);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]) {
    await this.#inner.rollbackToSavepoint!(this.#unwrap(connection), name, compileQuery);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compileQuery: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]) {
    await this.#inner.releaseSavepoint!(this.#unwrap(connection), name, compileQuery);
  }

  releaseConnection(connection: DatabaseConnection) {
    this.#committed.delete(connection);
    return this.#inner.releaseConnection(this.#unwrap(connection));
  }

  destroy() {
    return this.#inner.destroy();
  }
}

class HallPostgresDialect extends PostgresDialect {
  override createDriver(): Driver {
    return new CommitAwareDriver(super.createDriver());
  }
}

export function postgresClientConfig(cfg: PostgresSettings): pg.ClientConfig {
  if (!cfg.url) throw new Error('storage.postgres.url is empty: set the hall database connection string in settings.json');
  const ssl = cfg.tls === 'off' ? undefined : { rejectUnauthorized: cfg.tls === 'verify', ...(cfg.caCertFile ? { ca: fs.readFileSync(cfg.caCertFile, 'utf8') } : {}) };
  return {
    connectionString: cfg.url,
    ...(ssl ? { ssl } : {}),
    // Seen in pg_stat_activity: which program, and which hall schema when not the default.
    application_name: cfg.schema === 'public' ? 'medins-counter' : `medins-counter/${cfg.schema}`,
    // A counter that cannot reach the hall database says so within seconds instead of hanging.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  };
}

/**
 * Opens a pool on the hall database. `onPoolError` hears about connections that broke (server
 * restart, network cut, connections killed); without a listener pg would crash the process.
 * The pool listens only to idle connections, so each connection gets its own listener too: one
 * checked out between two statements of a transaction also breaks, and pg emits that on the
 * client (found by the e2e test that cuts the database: the web host died).
 */
export async function openPostgres(cfg: PostgresSettings, onPoolError: (error: Error) => void = () => undefined): Promise<PostgresHandle> {
  const clientConfig = postgresClientConfig(cfg);
  const pool = new pg.Pool({ ...clientConfig, max: cfg.poolSize, idleTimeoutMillis: 30_000 });
  pool.on('error', onPoolError);
  pool.on('connect', (client) => client.on('error', onPoolError));
  const searchPath = CompiledQuery.raw(`SET search_path TO ${quoteIdent(cfg.schema)}, public`);
  const db = new Kysely<Database>({
    dialect: new HallPostgresDialect({ pool, onCreateConnection: async (connection) => void (await connection.executeQuery(searchPath)) }),
  });
  try {
    // The owner role creates the schema on first start; the app role finds it made.
    const exists = await sql<{ n: number }>`SELECT 1 AS n FROM pg_namespace WHERE nspname = ${cfg.schema}`.execute(db);
    if (exists.rows.length === 0) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(cfg.schema)}`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { dialect: 'postgres', url: maskUrlPassword(cfg.url), schema: cfg.schema, pool, db, clientConfig: { ...clientConfig, options: `-c search_path=${cfg.schema},public` } };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The schema version is the one row of `medins_schema_version` (0 before the first migration). */
export async function readPostgresSchemaVersion<DB>(db: Kysely<DB>): Promise<number> {
  const table = await sql<{ t: string | null }>`SELECT to_regclass('medins_schema_version')::text AS t`.execute(db);
  if (!table.rows[0]?.t) return 0;
  const r = await sql<{ version: number }>`SELECT version FROM medins_schema_version WHERE id = 1`.execute(db);
  return r.rows[0]?.version ?? 0;
}

/** Runs inside the migration's transaction so version and schema change together. */
export async function writePostgresSchemaVersion<DB>(db: Kysely<DB>, version: number): Promise<void> {
  if (!Number.isInteger(version) || version < 0) throw new Error(`invalid schema version ${version}`);
  await sql`CREATE TABLE IF NOT EXISTS medins_schema_version (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)`.execute(db);
  await sql`INSERT INTO medins_schema_version (id, version) VALUES (1, ${version}) ON CONFLICT (id) DO UPDATE SET version = excluded.version`.execute(db);
}

export async function serverVersion(handle: PostgresHandle): Promise<string> {
  const r = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(handle.db);
  return r.rows[0]?.v ?? '';
}

export async function closePostgres(handle: PostgresHandle): Promise<void> {
  await handle.db.destroy();
}

export const postgresMigrationKit: MigrationKit = {
  dialect: 'postgres',
  autoId: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
  // citext is a trusted extension (PostgreSQL 13+): the database owner may create it.
  nocaseText: sql`citext`,
  nocase: (c) => c,
  async prepare(db) {
    // In public (always on the search path) so a hall that uses a schema of its own finds it.
    await sql`CREATE EXTENSION IF NOT EXISTS citext SCHEMA public`.execute(db);
  },
  async appendOnly(db, table) {
    await sql`CREATE OR REPLACE FUNCTION medins_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_no_change`)} BEFORE UPDATE OR DELETE ON ${sql.id(table)} FOR EACH STATEMENT EXECUTE FUNCTION medins_append_only()`.execute(db);
  },
};
