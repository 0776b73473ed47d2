import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { runCli } from '../fixtures/cli';
import { PASSWORD, preparedCore } from '../fixtures/hall';
import { freshSchema, testDatabaseUrl, usePostgres } from '../fixtures/postgres';
import { tempDir } from '../fixtures/temp';

/** A single counter on SQLite with a day's work in it. */
async function sqliteCounter() {
  const dir = tempDir();
  fs.rmSync(path.join(dir, 'settings.json')); // the PostgreSQL run points every folder at PostgreSQL
  const core = await preparedCore(dir);
  expect(core.db.dialect).toBe('sqlite');
  const cases = [await employeeEnrolment(core, {}, 1), await employeeEnrolment(core, {}, 2)];
  await core.services.queue.ensureDefaults([1]);
  const ticket = await core.services.queue.take(CLERK, 'A', null, 'kiosk');
  await core.close();
  return { dir, cases, ticket };
}

describe('medins db copy-to-postgres', { timeout: 90_000 }, () => {
  it('moves every row into an empty hall schema; the counter then works on PostgreSQL as before', async () => {
    const { dir, cases, ticket } = await sqliteCounter();
    const schema = freshSchema();
    const r = await runCli(['db', 'copy-to-postgres', testDatabaseUrl(), '--schema', schema, '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { tables: { table: string; rows: number }[] };
    expect(report.tables.find((t) => t.table === 'cases')?.rows).toBe(2);
    expect(report.tables.map((t) => t.table)).toEqual(expect.arrayContaining(['users', 'audit_log', 'tickets', 'case_history']));

    const hallDir = tempDir();
    usePostgres(hallDir, schema);
    const core = await createCore({ dataDir: hallDir, runtime: 'test', logToFile: false });
    try {
      expect(core.db.dialect).toBe('postgres');
      // Same accounts and passwords, the same cases, an unbroken audit chain.
      expect((await core.services.sessions.login('clerk1', PASSWORD, 'direct')).token).toBeTruthy();
      expect((await core.services.cases.get(CLERK, cases[1]!.caseNo)).applicant.name).toBe(cases[1]!.applicant.name);
      expect(await core.services.audit.verify()).toMatchObject({ ok: true });
      // Numbering and identities carry on after the copied rows.
      expect((await core.services.queue.take(CLERK, 'A', null, 'kiosk')).ticket.number).toBe(ticket.ticket.number + 1);
      // (the case number ends with the counter's sequence of the day: 0001, 0002 were copied)
      const third = await employeeEnrolment(core, {}, 3);
      expect(third.caseNo.slice(-4)).toBe('0003');
    } finally {
      await core.close();
    }
  });

  it('refuses a schema that already holds data, and changes nothing there', async () => {
    const { dir } = await sqliteCounter();
    const schema = freshSchema();
    expect((await runCli(['db', 'copy-to-postgres', testDatabaseUrl(), '--schema', schema], dir)).code).toBe(0);
    const again = await runCli(['db', 'copy-to-postgres', testDatabaseUrl(), '--schema', schema], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
    const hallDir = tempDir();
    usePostgres(hallDir, schema);
    const core = await createCore({ dataDir: hallDir, runtime: 'test', logToFile: false });
    try {
      const n = await core.db.db.selectFrom('cases').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(2);
    } finally {
      await core.close();
    }
  });
});
