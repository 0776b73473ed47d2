import { sql } from 'kysely';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeSqlite, openSqlite, readSqliteSchemaVersion } from '../../../electron/core/db/dialect/sqlite';
import { DatabaseTooNewError, migrate } from '../../../electron/core/db/migrator';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../electron/core/db/migrations';
import type { Migration } from '../../../electron/core/db/migrations/types';
import { tempDir } from '../../fixtures/temp';

describe('migrations', () => {
  it('are numbered 1..N in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  // Each migration runs on an in-memory database on top of the ones before it.
  it.each(migrations.map((m) => [m.version, m.name, m] as const))('%i_%s applies on an in-memory DB', async (version, _name, _m) => {
    const handle = openSqlite(':memory:');
    const result = await migrate(handle, migrations.slice(0, version));
    expect(result.to).toBe(version);
    expect(await readSqliteSchemaVersion(handle.db)).toBe(version);
    await closeSqlite(handle);
  });

  it('0001 records an install id and creation time', async () => {
    const handle = openSqlite(':memory:');
    await migrate(handle);
    const rows = await handle.db.selectFrom('app_meta').selectAll().orderBy('key').execute();
    expect(rows.map((r) => r.key)).toEqual(['created_at', 'install_id']);
    expect(rows[1]!.value).toMatch(/^[0-9a-f-]{36}$/);
    await closeSqlite(handle);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const file = path.join(tempDir(), 'm.sqlite');
    const a = openSqlite(file);
    expect((await migrate(a)).applied.length).toBe(LATEST_SCHEMA_VERSION);
    await closeSqlite(a);
    const b = openSqlite(file);
    expect(await migrate(b)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    await closeSqlite(b);
  });

  it('refuses a database written by a newer version, leaving it untouched', async () => {
    const handle = openSqlite(':memory:');
    handle.raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    await expect(migrate(handle)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(migrate(handle)).rejects.toThrow(/newer than this build supports/);
    expect(await readSqliteSchemaVersion(handle.db)).toBe(LATEST_SCHEMA_VERSION + 3);
    await closeSqlite(handle);
  });

  it('rolls back a failing migration: neither its tables nor its version stay', async () => {
    const failing: Migration = {
      version: 2,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        await sql`INSERT INTO no_such_table VALUES (1)`.execute(db);
      },
    };
    const handle = openSqlite(':memory:');
    await expect(migrate(handle, [migrations[0]!, failing])).rejects.toThrow(/no such table/);
    expect(await readSqliteSchemaVersion(handle.db)).toBe(1);
    const tables = handle.raw.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='half_done'").all();
    expect(tables).toEqual([]);
    await closeSqlite(handle);
  });

  it('rejects a gap in the numbering', async () => {
    const handle = openSqlite(':memory:');
    await expect(migrate(handle, [{ ...migrations[0]!, version: 2 }])).rejects.toThrow(/expected 1/);
    await closeSqlite(handle);
  });

  it('opens files with WAL, foreign keys, FULL sync and a busy timeout', async () => {
    const handle = openSqlite(path.join(tempDir(), 'p.sqlite'));
    expect(handle.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.raw.pragma('synchronous', { simple: true })).toBe(2);
    expect(handle.raw.pragma('busy_timeout', { simple: true })).toBe(5000);
    await closeSqlite(handle);
  });
});

describe('file protection', () => {
  it.runIf(process.platform !== 'win32')('the database file is readable by its owner only', async () => {
    const file = path.join(tempDir(), 'perm.sqlite');
    const handle = openSqlite(file);
    expect((await import('node:fs')).statSync(file).mode & 0o777).toBe(0o600);
    await closeSqlite(handle);
  });
});
