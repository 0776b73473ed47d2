import type { Kysely } from 'kysely';
import type { DatabaseHandle } from './handle';
import { migrationKit, readSchemaVersion, serialize, writeSchemaVersion } from './handle';
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
 * In a hall, counters start together: each migration runs under a lock and re-reads the
 * version inside it, so exactly one counter applies it and the others see it done.
 */
export async function migrate(handle: DatabaseHandle, migrations: readonly Migration[] = allMigrations): Promise<MigrationResult> {
  assertConsecutive(migrations);
  const latest = migrations.length;
  const kit = migrationKit(handle.dialect);
  const from = await readSchemaVersion(handle.dialect, handle.db);
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  const applied: string[] = [];
  let prepared = false;
  for (;;) {
    const done = await handle.db.transaction().execute(async (typed) => {
      // Migrations see the database as it is at their version, not as db/schema.ts says.
      const trx = typed as unknown as Kysely<unknown>;
      await serialize(trx, 'migrate');
      const version = await readSchemaVersion(handle.dialect, trx);
      if (version > latest) throw new DatabaseTooNewError(version, latest);
      if (version === latest) return true;
      if (!prepared) await kit.prepare(trx);
      const m = migrations[version]!;
      await m.up(trx, kit);
      await writeSchemaVersion(handle.dialect, trx, m.version);
      applied.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
      return false;
    });
    prepared = true;
    if (done) break;
  }
  return { from, to: latest, applied };
}

function assertConsecutive(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}
