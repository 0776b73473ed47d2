import { sql, type Kysely } from 'kysely';
import type { SqliteHandle } from './dialect/sqlite';
import { closePostgres, openPostgres, type PostgresSettings } from './dialect/postgres';
import { migrate } from './migrator';

export class CopyRefusedError extends Error {
  readonly code = 'COPY_REFUSED';
}

export interface CopyResult {
  schema: string;
  tables: { table: string; rows: number }[];
  rows: number;
}

/** Rows per INSERT: PostgreSQL takes at most 65 535 parameters in one statement. */
const MAX_PARAMS = 30_000;

/**
 * Moves a counter's SQLite database into the hall's PostgreSQL database (docs/hall.md § Moving
 * a counter in): migrates the target, refuses it unless it is empty, copies every table in the
 * order the migrations created them (parents before children) in ONE transaction, checks every
 * row count, and moves each identity sequence past the copied ids. Anything wrong: nothing stays.
 */
export async function copyToPostgres(source: SqliteHandle, target: PostgresSettings): Promise<CopyResult> {
  const handle = await openPostgres(target);
  try {
    await migrate(handle);
    const pgDb = handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    // sqlite_master lists tables in creation order, which is the migrations' dependency order.
    const tables = (source.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as { name: string }[]).map((t) => t.name);
    const missing: string[] = [];
    for (const table of tables) {
      const exists = await sql<{ t: string | null }>`SELECT to_regclass(${`${handle.schema}.${table}`})::text AS t`.execute(pgDb);
      if (!exists.rows[0]?.t) missing.push(table);
    }
    if (missing.length) throw new CopyRefusedError(`target lacks tables ${missing.join(', ')}: is it migrated by an older build?`);
    const counts: { table: string; rows: number }[] = [];
    await pgDb.transaction().execute(async (trx) => {
      for (const table of tables) {
        // 0001 seeds app_meta (install id) and 0011 the audit head in every new database: the counter's own replace them.
        if (table === 'app_meta' || table === 'audit_head') continue;
        const n = await countRows(trx, table);
        if (n > 0) throw new CopyRefusedError(`target schema ${handle.schema} is not empty (${table} has ${n} rows); copy only into a new, empty hall database`);
      }
      await trx.deleteFrom('app_meta').execute();
      await trx.deleteFrom('audit_head').execute();
      for (const table of tables) {
        const rows = source.raw.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
        if (rows.length) {
          const perInsert = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
          for (let i = 0; i < rows.length; i += perInsert) await trx.insertInto(table).values(rows.slice(i, i + perInsert)).execute();
        }
        const copied = await countRows(trx, table);
        if (copied !== rows.length) throw new Error(`${table}: copied ${copied} rows of ${rows.length}`);
        counts.push({ table, rows: copied });
      }
      // Ids were copied as they were: the next one the database hands out must come after them.
      const identities = await sql<{ table_name: string; column_name: string }>`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ${handle.schema} AND is_identity = 'YES'`.execute(trx);
      for (const { table_name: t, column_name: c } of identities.rows) {
        await sql`SELECT setval(pg_get_serial_sequence(${`${handle.schema}.${t}`}, ${c}), COALESCE((SELECT max(${sql.ref(c)}) FROM ${sql.table(t)}), 0) + 1, false)`.execute(trx);
      }
    });
    return { schema: handle.schema, tables: counts, rows: counts.reduce((s, t) => s + t.rows, 0) };
  } finally {
    await closePostgres(handle);
  }
}

async function countRows(db: Kysely<Record<string, Record<string, unknown>>>, table: string): Promise<number> {
  const r = await db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
