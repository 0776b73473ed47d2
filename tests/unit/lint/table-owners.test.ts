import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/schema';

/**
 * Each table has one owning module (docs/architecture.md § Table owners); any other module
 * reads through a function the owner exports. This scans electron/core for table names in
 * query-builder calls and raw SQL text and fails on a module naming a table it does not own.
 * Typed against `Database`, so a new table without an owner fails the typecheck.
 */
const OWNERS: Record<keyof Database, string> = {
  app_meta: 'db',
  leases: 'db',
  users: 'auth',
  sessions: 'auth',
  audit_log: 'auth',
  audit_head: 'auth',
  cases: 'cases',
  case_materials: 'cases',
  case_history: 'cases',
  case_documents: 'cases',
  case_sequence: 'cases',
  case_pages: 'attachments',
  queue_categories: 'queue',
  queue_counters: 'queue',
  tickets: 'queue',
  ticket_periods: 'queue',
  queue_sequence: 'queue',
  queue_calls: 'queue',
  queue_state: 'queue',
  sync_outbox: 'sync',
  sync_attempts: 'sync',
  sync_attachments: 'sync',
  sync_state: 'sync',
  evaluations: 'stats',
  stats_daily: 'stats',
  print_jobs: 'printing',
  client_requests: 'rpc',
  appointment_plans: 'appointments',
  appointment_closures: 'appointments',
  bookings: 'appointments',
  booking_events: 'appointments',
};

/** Files that create or copy every table as such, not as a module using it. */
const EXEMPT = [/^db\/migrations\//, /^db\/schema\.ts$/, /^db\/copy-to-postgres\.ts$/];

/**
 * Known trespasses, file → tables, each with its reason (also in docs/architecture.md). A listed
 * trespass that is gone fails too, so the list only shrinks.
 */
const KNOWN: Record<string, (keyof Database)[]> = {
  // sync reads cases directly: to move into cases/readers.ts (sync is being optimised elsewhere).
  'sync/outbox.ts': ['cases', 'case_materials', 'case_history'],
  // The queue's call-next hot path writes its ticket.call audit entry in its own prepared
  // statements (one synchronous batch); the PostgreSQL path does the same in queue_call_next.
  'queue/call-next-sqlite.ts': ['audit_log', 'audit_head'],
};

const CORE = path.resolve('electron/core');
const BUILDER = /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|sql\.table)\(\s*(\[[^\]]*\]|['"`][a-z_]+)/g;
const RAW = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_]+)"?/g;

/** The owned tables a source names in SQL: query-builder calls and raw SQL text, comments left out. */
function tablesNamedIn(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  const found = new Set<string>();
  for (const m of code.matchAll(BUILDER)) for (const name of m[1]!.matchAll(/['"`]([a-z_]+)/g)) found.add(name[1]!);
  for (const m of code.matchAll(RAW)) found.add(m[1]!);
  return new Set([...found].filter((t) => t in OWNERS));
}

function moduleOf(rel: string): string {
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : rel.replace(/\.ts$/, '');
}

function coreFiles(dir = CORE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return coreFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path.relative(CORE, full).split(path.sep).join('/')] : [];
  });
}

/** Every (file, table) where a module other than the owner names the table. */
function trespasses(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rel of coreFiles()) {
    if (EXEMPT.some((re) => re.test(rel))) continue;
    const foreign = [...tablesNamedIn(fs.readFileSync(path.join(CORE, rel), 'utf8'))].filter((t) => OWNERS[t as keyof Database] !== moduleOf(rel));
    if (foreign.length) out.set(rel, foreign.sort());
  }
  return out;
}

describe('table owners', () => {
  it('finds table names in builder calls and raw SQL, not in comments or types', () => {
    expect([...tablesNamedIn("db.selectFrom('tickets').innerJoin('cases as c', 'c.id', 'x')")].sort()).toEqual(['cases', 'tickets']);
    expect([...tablesNamedIn("trx.insertInto('evaluations'); trx.updateTable(\"users\"); trx.deleteFrom('case_pages')")].sort()).toEqual(['case_pages', 'evaluations', 'users']);
    expect([...tablesNamedIn('db.selectFrom([\'tickets as t\', \'queue_calls\'])')].sort()).toEqual(['queue_calls', 'tickets']);
    expect([...tablesNamedIn('sql`SELECT c.id FROM cases c JOIN case_history h ON h.case_id = c.id`; raw.prepare("UPDATE tickets SET x = 1"); sql`INSERT INTO app_meta (key) VALUES (1)`')].sort()).toEqual([
      'app_meta',
      'case_history',
      'cases',
      'tickets',
    ]);
    expect([...tablesNamedIn("// db.selectFrom('tickets')\n/* FROM cases */\ntype R = Database['users'];\nconst u = 'http://x';")]).toEqual([]);
  });

  it('sees the owners themselves (the scan is not blind)', () => {
    expect(tablesNamedIn(fs.readFileSync(path.join(CORE, 'queue/facts.ts'), 'utf8'))).toEqual(new Set(['tickets', 'ticket_periods', 'queue_counters', 'queue_categories']));
    expect(tablesNamedIn(fs.readFileSync(path.join(CORE, 'cases/readers.ts'), 'utf8'))).toEqual(new Set(['cases', 'case_history', 'case_materials']));
  });

  it('no module names a table it does not own, beyond the known list', () => {
    const found = Object.fromEntries(trespasses());
    const known = Object.fromEntries(Object.entries(KNOWN).map(([f, ts]) => [f, [...ts].sort()]));
    expect(found).toEqual(known);
  });

  it('every owner is a module folder and docs/architecture.md lists the same owners', () => {
    for (const owner of new Set(Object.values(OWNERS))) expect(fs.statSync(path.join(CORE, owner)).isDirectory()).toBe(true);
    const doc = fs.readFileSync('docs/architecture.md', 'utf8');
    const section = doc.slice(doc.indexOf('## Table owners'), doc.indexOf('\n## ', doc.indexOf('## Table owners') + 1));
    const listed: Record<string, string> = {};
    for (const m of section.matchAll(/^\| `([a-z_]+)` \| `([a-z]+)` \|/gm)) listed[m[1]!] = m[2]!;
    expect(listed).toEqual(OWNERS);
  });
});
