import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { AppError } from '../../electron/core/errors';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { FAKE_2027 } from '../fixtures/calendar';

/**
 * 暂定办结日期 (docs/cases.md#time-limits). The bundled calendar ends with 2026. An intake of
 * 职工参保登记 (5 working days) on Mon 2026-12-28 needs 2027: it is accepted with 2027-01-04
 * counted Monday–Friday and marked 暂定 everywhere; importing 2027 (元旦 1/1–1/3 off) makes it
 * 2027-01-05 in one audited step that names the case.
 */
let t = Date.parse('2026-12-28T10:00:00+08:00');
let core: Core;
const ADMIN = { id: 1, name: 'admin', transport: 'direct' };

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
}, 60_000);

afterAll(async () => {
  await core?.close();
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('a due date in a year whose arrangement is not loaded', () => {
  let provisionalNo = '';
  let closedNo = '';

  it('previews it as 暂定 at the counter', () => {
    const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
    expect(req.timeLimit).toMatchObject({ dueDateIfToday: '2027-01-04', dueDateProvisional: true, problem: null });
  });

  it('accepts the intake with the date counted Monday–Friday and marked 暂定 on the case, lists, receipt and progress page', async () => {
    const c = await employeeEnrolment(core, {}, 1);
    provisionalNo = c.caseNo;
    expect(c).toMatchObject({ status: 'accepted', dueDate: '2027-01-04', dueProvisional: true, workdaysLeft: 5 });
    const listed = await core.services.cases.search({ caseNo: c.caseNo });
    expect(listed.cases[0]).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true });
    const receipt = await core.services.cases.document(c.documents[0]!.id);
    const rows = receipt.blocks.flatMap((b) => (b.type === 'fields' ? b.rows : []));
    expect(rows).toContainEqual(['承诺办结日期', '2027年1月4日（暂定）']);
    expect(receipt.blocks.some((b) => b.type === 'text' && b.text.startsWith('暂定：'))).toBe(true);
    expect(await core.services.cases.progress(c.queryCode)).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true });
  });

  it('reports it upstream as provisional when the case closes', async () => {
    const c = await employeeEnrolment(core, {}, 2);
    closedNo = c.caseNo;
    await core.services.cases.transition(CLERK, c.caseNo, 'approve', {});
    await core.services.cases.transition(CLERK, c.caseNo, 'complete', { result: '已办结' });
    const row = await core.db.db.selectFrom('sync_outbox').select('payload').where('case_no', '=', c.caseNo).executeTakeFirstOrThrow();
    expect(JSON.parse(row.payload).case).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true });
  });

  it('keeps refusing the calendar queries for that year unless a provisional answer is asked for', async () => {
    const strict = await refusal(Promise.resolve().then(() => core.services.calendar.add('2026-12-28', 5, 'workday')));
    expect(strict.code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(core.services.calendar.add('2026-12-28', 5, 'workday', { provisional: true })).toEqual({ date: '2027-01-04', provisional: true });
    expect((await refusal(Promise.resolve().then(() => core.services.calendar.dayInfo('2027-01-01')))).code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(core.services.calendar.dayInfo('2027-01-01', { provisional: true })).toEqual({ date: '2027-01-01', workday: true, kind: 'workday', provisional: true });
    const timeLimit = { text: '5个工作日', rules: [{ kind: 'workdays' as const, amount: 5 }] };
    expect((await refusal(Promise.resolve().then(() => core.services.calendar.dueDate({ acceptedOn: '2026-12-28', timeLimit })))).code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(core.services.calendar.dueDate({ acceptedOn: '2026-12-28', timeLimit }, { provisional: true })).toMatchObject({ dueDate: '2027-01-04', provisional: true });
    // A date inside a loaded year stays firm and unmarked.
    expect(core.services.calendar.dueDate({ acceptedOn: '2026-12-01', timeLimit }, { provisional: true })).not.toHaveProperty('provisional');
  });

  it('tells admins and supervisors from 1 October that next year is missing', () => {
    expect(core.services.calendar.years().missingNextYear).toBe(2027);
    t = Date.parse('2026-09-30T23:59:00+08:00');
    expect(core.services.calendar.years().missingNextYear).toBeNull();
    t = Date.parse('2026-10-01T00:00:00+08:00');
    expect(core.services.calendar.years().missingNextYear).toBe(2027);
    t = Date.parse('2026-12-28T11:00:00+08:00');
  });

  it('recomputes every running provisional date when the year is imported, in one audited step naming the cases', async () => {
    const result = await core.services.calendar.import(JSON.stringify(FAKE_2027), ADMIN);
    expect(result.recomputed).toEqual([{ caseNo: provisionalNo, itemName: expect.any(String), from: '2027-01-04', to: '2027-01-05', provisional: false }]);
    expect(result.years.missingNextYear).toBeNull();
    const c = (await core.services.cases.search({ caseNo: provisionalNo })).cases[0]!;
    expect(c).toMatchObject({ dueDate: '2027-01-05', dueProvisional: false });
    // The closed case keeps the date it was closed and reported with.
    expect((await core.services.cases.search({ caseNo: closedNo })).cases[0]).toMatchObject({ dueDate: '2027-01-04', dueProvisional: true });
    const audit = await core.db.db.selectFrom('audit_log').select(['action', 'target', 'detail']).where('action', '=', 'calendar.import').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail!).recomputed).toEqual(result.recomputed);
    // New intakes into 2027 are firm now.
    const firm = await employeeEnrolment(core, {}, 3);
    expect(firm).toMatchObject({ dueDate: '2027-01-05', dueProvisional: false });
  });
});
