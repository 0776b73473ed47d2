import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparedCore, sqliteOf } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { buildIntakeStream, crashIntakes } from '../fixtures/intake-crash';

describe('intake: the case and its audit entry are one commit', () => {
  it('an audit entry that cannot be written leaves no case behind', async () => {
    const core = await preparedCore(tempDir());
    await employeeEnrolment(core, {}, 1);
    // The audit table refuses the next case.accept: the whole intake must roll back with it.
    await sql`CREATE TRIGGER refuse_accept BEFORE INSERT ON audit_log WHEN NEW.action = 'case.accept' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`.execute(sqliteOf(core).db);
    await expect(employeeEnrolment(core, {}, 2)).rejects.toThrow(/audit refused/);
    const cases = await core.db.db.selectFrom('cases').select('case_no').execute();
    expect(cases).toHaveLength(1);
    expect(await core.db.db.selectFrom('case_documents').select('id').execute()).toHaveLength(1);
    expect(await core.db.db.selectFrom('case_sequence').select('last').execute()).toEqual([{ last: 1 }]);
    await core.close();
  });

  it('what intake returns is what a fresh read of the case shows', async () => {
    const core = await preparedCore(tempDir());
    const returned = await employeeEnrolment(core, { completeNow: false }, 3);
    const read = await core.services.cases.get(CLERK, returned.caseNo);
    expect(returned).toEqual(read);
    await core.close();
  });
});

describe('intake under kill -9', () => {
  beforeAll(buildIntakeStream, 60_000);

  it('every stored case has its case.accept audit entry and the chain verifies', async () => {
    const dir = tempDir();
    await (await preparedCore(dir)).close();
    // Three kills at different points of the stream (bench/intake-crash.ts runs twenty).
    const report = await crashIntakes(dir, 3, (round) => 3 + round * 7);
    expect(report.acknowledged).toBeGreaterThanOrEqual(3 + 10 + 17);
    expect(report.lost).toEqual([]);
    expect(report.stored).toBeGreaterThanOrEqual(report.acknowledged);
    expect(report.withoutAudit).toEqual([]);
    expect(report.chain.ok).toBe(true);
    expect(report.chain.checked).toBeGreaterThan(report.stored);
  }, 120_000);
});
