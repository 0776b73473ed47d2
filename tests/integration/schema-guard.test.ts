import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type DatabaseHandle } from '../../electron/core/db/handle';
import { migrate } from '../../electron/core/db/migrator';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { dataPaths } from '../../electron/core/paths';
import { openSettingsStore } from '../../electron/core/settings/store';
import { tempDir } from '../fixtures/temp';

/**
 * The schema guard, run on both dialects (SQLite here, PostgreSQL in vitest.pg.config.ts):
 * 1. the database the migrations build matches the table types declared in db/schema.ts — the
 *    same tables and columns, numbers where it says number, NULL allowed exactly where it says
 *    `| null`, a default where it says Generated<…>;
 * 2. against the committed snapshot (tests/fixtures/schema-snapshot.json) the schema has only
 *    grown: no table or column gone, no type or nullability changed, and every new column
 *    nullable or with a default — counters of two versions share one PostgreSQL database during
 *    an upgrade, and the older one writes rows without the new columns.
 * After adding a migration, `npm run schema:snapshot` rewrites the snapshot (both dialects).
 */
const SNAPSHOT = path.resolve('tests/fixtures/schema-snapshot.json');
const WRITE = process.env.MEDINS_SCHEMA_SNAPSHOT === 'write';

type Kind = 'number' | 'string';
interface Column {
  kind: Kind;
  nullable: boolean;
  hasDefault: boolean;
}
type Schema = Record<string, Record<string, Column>>;
interface Snapshot {
  version: Record<string, number>;
  sqlite?: Schema;
  postgres?: Schema;
}

/** db/schema.ts read with the TypeScript compiler: table → column → declared type. */
function declaredSchema(): Schema {
  const file = path.resolve('electron/core/db/schema.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const members = (name: string) => interfaces.get(name)!.members.filter(ts.isPropertySignature);
  const out: Schema = {};
  for (const table of members('Database')) {
    const columns: Record<string, Column> = {};
    for (const column of members(table.type!.getText(source))) {
      let type = column.type!.getText(source);
      const generated = /^Generated<(.+)>$/.exec(type);
      if (generated) type = generated[1]!;
      const parts = type.split('|').map((p) => p.trim());
      const nonNull = parts.filter((p) => p !== 'null');
      const kind: Kind = nonNull.every((p) => p === 'number') ? 'number' : 'string';
      if (kind === 'string' && !nonNull.every((p) => p === 'string' || /^'[^']*'$/.test(p))) throw new Error(`${table.name.getText(source)}.${column.name.getText(source)}: type ${type} is neither number nor string`);
      columns[column.name.getText(source)] = { kind, nullable: parts.includes('null'), hasDefault: generated !== null };
    }
    out[table.name.getText(source)] = columns;
  }
  return out;
}

/** The live schema the migrations built (Kysely's introspection, this connection's schema only). */
async function liveSchema(handle: DatabaseHandle): Promise<Schema> {
  const current = handle.dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(handle.db)).rows[0]!.s : undefined;
  // medins_schema_version: the migrator's own bookkeeping on PostgreSQL (SQLite uses user_version).
  const tables = (await handle.db.introspection.getTables()).filter((t) => !t.isView && t.name !== 'medins_schema_version' && (current === undefined || t.schema === current));
  const out: Schema = {};
  for (const t of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    // SQLite reports primary-key columns without NOT NULL as nullable: an INTEGER PRIMARY KEY
    // never holds NULL (it is the rowid), and the app never writes NULL into a text key, so a
    // key counts as NOT NULL here (PostgreSQL enforces it anyway).
    const keys = handle.dialect === 'sqlite' ? new Set((await sql<{ name: string }>`select name from pragma_table_info(${t.name}) where pk > 0`.execute(handle.db)).rows.map((r) => r.name)) : new Set<string>();
    const columns: Record<string, Column> = {};
    for (const c of t.columns) {
      const type = c.dataType.toLowerCase();
      const kind: Kind | null = /int|real|double|numeric|float/.test(type) ? 'number' : /text|char|citext/.test(type) ? 'string' : null;
      if (kind === null) throw new Error(`${t.name}.${c.name}: column type ${c.dataType} is neither a number nor text`);
      columns[c.name] = { kind, nullable: c.isNullable && !keys.has(c.name), hasDefault: c.hasDefaultValue || c.isAutoIncrementing || (keys.size === 1 && keys.has(c.name) && type === 'integer') };
    }
    out[t.name] = columns;
  }
  return out;
}

/** What a version sharing the database with this one would trip over. */
function nonAdditiveChanges(before: Schema, after: Schema): string[] {
  const problems: string[] = [];
  for (const [table, columns] of Object.entries(before)) {
    if (!after[table]) {
      problems.push(`table ${table} was removed`);
      continue;
    }
    for (const [name, was] of Object.entries(columns)) {
      const now = after[table][name];
      if (!now) problems.push(`column ${table}.${name} was removed`);
      else if (now.kind !== was.kind) problems.push(`column ${table}.${name} changed type (${was.kind} → ${now.kind})`);
      else if (was.nullable && !now.nullable) problems.push(`column ${table}.${name} no longer accepts NULL`);
    }
    for (const [name, now] of Object.entries(after[table])) {
      if (!columns[name] && !now.nullable && !now.hasDefault) problems.push(`new column ${table}.${name} is NOT NULL without a default: the older version's inserts would fail`);
    }
  }
  return problems;
}

describe('schema guard', () => {
  it('the migrated database matches db/schema.ts and only grew since the committed snapshot', async () => {
    const dir = tempDir();
    const settings = openSettingsStore(dataPaths(dir).settingsFile);
    const handle = await openDatabase({ storage: settings.get().storage, sqliteFile: dataPaths(dir).dbFile });
    try {
      await migrate(handle);
      const live = await liveSchema(handle);
      const declared = declaredSchema();
      // 1. Declared types = live schema (table and column sets, number/text, NULL, defaults).
      expect(Object.keys(live).sort()).toEqual(Object.keys(declared).sort());
      const mismatches: string[] = [];
      for (const [table, columns] of Object.entries(declared)) {
        expect(Object.keys(live[table]!).sort(), table).toEqual(Object.keys(columns).sort());
        for (const [name, d] of Object.entries(columns)) {
          const l = live[table]![name]!;
          if (l.kind !== d.kind) mismatches.push(`${table}.${name}: declared ${d.kind}, the database has ${l.kind}`);
          if (l.nullable !== d.nullable) mismatches.push(`${table}.${name}: declared ${d.nullable ? '' : 'not '}nullable, the database ${l.nullable ? 'accepts' : 'refuses'} NULL`);
          // Generated<…> = the database fills it in when an insert leaves it out.
          if (d.hasDefault && !l.hasDefault) mismatches.push(`${table}.${name}: declared Generated<…>, the database has no default`);
        }
      }
      expect(mismatches).toEqual([]);
      // 2. Against the snapshot: additive only.
      const snapshot: Snapshot = fs.existsSync(SNAPSHOT) ? (JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Snapshot) : { version: {} };
      if (WRITE) {
        snapshot[handle.dialect] = live;
        snapshot.version[handle.dialect] = LATEST_SCHEMA_VERSION;
        fs.writeFileSync(SNAPSHOT, `${JSON.stringify(snapshot, null, 1)}\n`);
      }
      const before = snapshot[handle.dialect];
      expect(before, `no ${handle.dialect} schema in ${SNAPSHOT}: run npm run schema:snapshot`).toBeDefined();
      expect(nonAdditiveChanges(before!, live)).toEqual([]);
    } finally {
      await closeDatabase(handle);
    }
  });

  it('flags what would break a counter of the previous version', () => {
    const col = (kind: Kind, nullable: boolean, hasDefault = false): Column => ({ kind, nullable, hasDefault });
    const before: Schema = { t: { a: col('string', true), b: col('number', false) }, gone: { x: col('string', false) } };
    const after: Schema = { t: { a: col('string', false), b: col('string', false), c: col('number', false), d: col('number', false, true), e: col('string', true) } };
    expect(nonAdditiveChanges(before, after).sort()).toEqual([
      'column t.a no longer accepts NULL',
      'column t.b changed type (number → string)',
      'new column t.c is NOT NULL without a default: the older version\'s inserts would fail',
      'table gone was removed',
    ]);
    expect(nonAdditiveChanges(before, { ...before, t: { ...before.t, e: col('string', true) }, added: { y: col('string', false) } })).toEqual([]);
  });
});
