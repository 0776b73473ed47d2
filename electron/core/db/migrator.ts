import { sql } from 'kysely';
import { readSchemaVersion, writeSchemaVersionSql, type SqliteHandle } from './dialect/sqlite';
import type { Migration } from './migrations/types';
import { migrations as allMigrations } from './migrations';

export class DatabaseTooNewError extends Error {
  readonly code = 'DB_TOO_NEW';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema version ${found} is newer than this build supports (${supported}); upgrade the app`);
  }
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the database to the latest version, one transaction per migration, and refuses a
 * database written by a newer version instead of guessing at a schema it does not know.
 */
export async function migrate(
  handle: SqliteHandle,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationResult> {
  assertConsecutive(migrations);
  const latest = migrations.length;
  const from = readSchemaVersion(handle);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const applied: string[] = [];
  for (const m of migrations.slice(from)) {
    await handle.db.transaction().execute(async (trx) => {
      await m.up(trx as never);
      await sql.raw(writeSchemaVersionSql(m.version)).execute(trx);
    });
    applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
  }
  return { from, to: latest, applied };
}

function assertConsecutive(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
