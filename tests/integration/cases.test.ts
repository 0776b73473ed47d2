import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { CLERK, applicant, employeeEnrolment, sampleForm } from '../fixtures/cases';
import { withWrongCheckChar } from '../fixtures/identity';

/** A core whose clock stands at a given hall time and can move. */
async function coreAt(isoHallTime: string): Promise<{ core: Core; set(iso: string): void }> {
  let t = Date.parse(isoHallTime);
  const core = await preparedCore(tempDir(), { now: () => t });
  return { core, set: (iso) => (t = Date.parse(iso)) };
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; userText?: string; fields?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; userText?: string; fields?: Record<string, string> };
  }
  throw new Error('expected a refusal');
}

describe('intake', () => {
  it('accepts with complete materials: case number, due date, history, receipt, audit', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00'); // Monday
    const c = await employeeEnrolment(core);
    expect(c.caseNo).toMatch(/^41010020261123001\d{4}$/);
    expect(c.caseNo.endsWith('0001')).toBe(true);
    expect(c.status).toBe('accepted');
    expect(c.acceptedOn).toBe('2026-11-23');
    expect(c.dueDate).toBe('2026-11-30'); // 5 working days after Monday 11-23: Tue..Mon
    expect(c.ruleText).toContain('5个工作日');
    expect(c.history.map((h) => [h.action, h.toStatus])).toEqual([['accept', 'accepted']]);
    expect(c.documents.map((d) => d.kind)).toEqual(['acceptanceReceipt']);
    const receipt = await core.services.cases.document(c.documents[0]!.id);
    expect(JSON.stringify(receipt.blocks)).toContain('职工参保登记');
    expect(JSON.stringify(receipt.blocks)).not.toContain(c.applicant.idNumber);
    expect((await employeeEnrolment(core, {}, 2)).caseNo.endsWith('0002')).toBe(true);
    const audit = await core.services.audit.list({ action: 'case.' });
    expect(audit.entries.map((e) => e.action)).toEqual(['case.accept', 'case.accept']);
    await core.close();
  });

  it('a 5-working-day item accepted just before Spring Festival 2026 is due after the holiday', async () => {
    // Thu 2026-02-12; Sat 2/14 is a make-up working day, 2/15–2/23 are the holiday.
    const { core } = await coreAt('2026-02-12T10:00:00+08:00');
    const c = await employeeEnrolment(core);
    // Working days after 2/12: Fri 2/13, Sat 2/14 (make-up), Tue 2/24, Wed 2/25, Thu 2/26.
    expect(c.dueDate).toBe('2026-02-26');
    await core.close();
  });

  it('refuses to accept with missing materials and names every one; nothing is saved', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
    const e = await errorOf(employeeEnrolment(core, { materials: req.materials.map((m, i) => ({ seq: m.seq, status: i === 0 ? 'missing' : 'original' })) }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.userText).toContain('材料不齐');
    expect(Object.keys(e.fields!)).toEqual([`materials.${req.materials[0]!.seq}`]);
    expect((await core.services.cases.search({})).total).toBe(0);
    await core.close();
  });

  it('one-time notice (补正) lists exactly the missing and defective materials, stored and counted', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
    const [first, second] = req.materials;
    const c = await employeeEnrolment(core, {
      decision: 'requestCorrection',
      reason: '材料不全',
      materials: [{ seq: first!.seq, status: 'missing' }, { seq: second!.seq, status: 'defective', note: '复印件不清晰' }],
    });
    expect(c.status).toBe('correction_requested');
    expect(c.dueDate).toBeNull();
    const notice = await core.services.cases.document(c.documents[0]!.id);
    expect(notice.kind).toBe('oneTimeNotice');
    const text = JSON.stringify(notice.blocks);
    expect(text).toContain(first!.name);
    expect(text).toContain(second!.name);
    expect(text.split(first!.name).length - 1).toBe(1);
    expect((await core.services.cases.search({ status: 'correction_requested' })).total).toBe(1);
    await core.close();
  });

  it('bad input gets a clear Chinese message at the field and saves nothing', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const good = applicant(3);
    const cases: [Parameters<typeof employeeEnrolment>[1], string, RegExp][] = [
      [{ applicant: { ...good, idNumber: withWrongCheckChar(good.idNumber) } }, 'applicant.idNumber', /校验/],
      [{ applicant: { ...good, idNumber: good.idNumber.slice(0, 10) + '0230' + good.idNumber.slice(14) } }, 'applicant.idNumber', /./],
      [{ answers: {} }, 'answers.personType', /参保人员类别/],
      [{ refuseBecause: undefined, decision: 'refuse' } as never, 'reason', /原因/],
    ];
    for (const [over, field, message] of cases) {
      const e = await errorOf(employeeEnrolment(core, over));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.fields?.[field]).toMatch(message);
    }
    expect((await errorOf(employeeEnrolment(core, { item: '不存在的事项' }))).code).toBe('NOT_FOUND');
    expect((await core.services.cases.search({})).total).toBe(0);
    await core.close();
  });

  it('an item due in an unpublished year is accepted with a 暂定 date counted Monday–Friday (tests/integration/provisional.test.ts)', async () => {
    const { core } = await coreAt('2026-12-28T09:00:00+08:00');
    const c = await employeeEnrolment(core);
    expect(c).toMatchObject({ status: 'accepted', dueDate: '2027-01-04', dueProvisional: true });
    expect((await core.services.cases.search({})).total).toBe(1);
    await core.close();
  });

  it('an instant item can be completed on the spot', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const req = core.services.cases.requirements({ item: '002036001003', answers: {}, flags: [] });
    const c = await core.services.cases.intake(CLERK, { item: '002036001003', applicant: applicant(5), materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' })), form: sampleForm(req.fields), decision: 'accept', completeNow: true, answers: {} }).catch((e: { fields?: unknown }) => {
      throw new Error(JSON.stringify(e.fields));
    });
    expect(c.status).toBe('completed');
    expect(c.dueDate).toBe('2026-11-23');
    expect(c.documents.map((d) => d.kind)).toEqual(['acceptanceReceipt', 'completionNotice']);
    await core.close();
  });
});

describe('lifecycle', () => {
  it('受理 → 审核 → 办结 with history; transitions not allowed from the current state are refused', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const c = await employeeEnrolment(core);
    const cases = core.services.cases;
    expect((await errorOf(cases.transition(CLERK, c.caseNo, 'complete', { result: '已办结' }))).code).toBe('CONFLICT');
    expect((await cases.transition(CLERK, c.caseNo, 'approve', {})).status).toBe('approved');
    expect((await errorOf(cases.transition(CLERK, c.caseNo, 'pay', {}))).userText).toContain('没有拨付环节');
    const done = await cases.transition(CLERK, c.caseNo, 'complete', { result: '已完成参保登记' });
    expect(done.status).toBe('completed');
    expect(done.message).toBeNull(); // the national list prints no message templates
    expect(done.history.map((h) => h.action)).toEqual(['accept', 'approve', 'complete']);
    expect(done.documents.map((d) => d.kind)).toEqual(['acceptanceReceipt', 'completionNotice']);
    const e = await errorOf(cases.transition(CLERK, c.caseNo, 'withdraw', { reason: '不办了' }));
    expect(e.userText).toContain('该办件已结束');
    await core.close();
  });

  it('return for 补正 marks the defective materials; resubmit puts it back to 已受理', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    const returned = await core.services.cases.transition(CLERK, c.caseNo, 'return', { reason: '表格未签字', defects: [{ seq, note: '未签字' }] });
    expect(returned.status).toBe('returned');
    expect(returned.materials[0]).toMatchObject({ status: 'defective', note: '未签字' });
    expect((await errorOf(core.services.cases.transition(CLERK, c.caseNo, 'resubmit', { materials: [] }))).code).toBe('BAD_REQUEST');
    const back = await core.services.cases.transition(CLERK, c.caseNo, 'resubmit', { materials: [{ seq, status: 'original' }] });
    expect(back.status).toBe('accepted');
    await core.close();
  });

  it('the history cannot be edited', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    await employeeEnrolment(core);
    await expect(sql`UPDATE case_history SET actor = 'x'`.execute(core.db.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM case_history`.execute(core.db.db)).rejects.toThrow(/append-only/);
    await core.close();
  });
});

describe('documents', () => {
  it('renders the stored receipt as a PDF with the CJK font embedded', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const c = await employeeEnrolment(core);
    const pdf = await core.services.cases.documentPdf(c.documents[0]!.id, 'a4');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    expect(pdf.fileName).toContain(c.caseNo);
    await core.close();
  });
});

describe('reading cases', () => {
  it('searches by case number, ID number, name, status and clerk; lists mask personal data', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const a = await employeeEnrolment(core, {}, 1);
    await employeeEnrolment(core, {}, 2);
    const s = core.services.cases;
    expect((await s.search({ caseNo: a.caseNo })).cases.map((c) => c.caseNo)).toEqual([a.caseNo]);
    expect((await s.search({ idNumber: a.applicant.idNumber.toLowerCase() })).total).toBe(1);
    expect((await s.search({ name: a.applicant.name.slice(0, 2) })).total).toBeGreaterThanOrEqual(1);
    expect((await s.search({ clerk: 'clerk1', status: 'accepted' })).total).toBe(2);
    // A colleague is found by the name the hall knows them by, and listed by it.
    expect((await s.search({ clerk: '窗口一' })).total).toBe(2);
    expect((await s.search({ clerk: '窗口二' })).total).toBe(0);
    const listed = (await s.search({ caseNo: a.caseNo })).cases[0]!;
    expect(listed).toMatchObject({ clerk: 'clerk1', clerkName: '窗口一' });
    expect(listed.applicantIdMasked).not.toContain(a.applicant.idNumber.slice(6, 14));
    expect(listed.applicantName).toContain('*');
    await s.get(CLERK, a.caseNo);
    expect((await core.services.audit.list({ action: 'person.view' })).entries[0]?.target).toBe(`case:${a.caseNo}`);
    await core.close();
  });

  it('lists overdue and due-soon cases with working days left', async () => {
    const clock = await coreAt('2026-11-23T09:00:00+08:00');
    const a = await employeeEnrolment(clock.core); // due 11-30
    clock.set('2026-11-26T09:00:00+08:00'); // Thursday: 2 working days left (Fri, Mon)
    let d = await clock.core.services.cases.deadlines(3);
    expect(d.dueSoon.map((c) => [c.caseNo, c.workdaysLeft])).toEqual([[a.caseNo, 2]]);
    clock.set('2026-12-01T09:00:00+08:00');
    d = await clock.core.services.cases.deadlines(3);
    expect(d.overdue.map((c) => c.caseNo)).toEqual([a.caseNo]);
    expect(d.overdue[0]!.workdaysLeft).toBe(-1);
    await clock.core.close();
  });

  it('the receipt QR opens the configured 进度查询地址, or this web host when none is set', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const qrOf = async (n: number) => {
      const c = await employeeEnrolment(core, {}, n);
      const receipt = await core.services.cases.document(c.documents[0]!.id);
      const qr = receipt.blocks.find((b) => b.type === 'qr');
      return { qr: qr && 'value' in qr ? qr.value : undefined, code: c.queryCode };
    };
    const local = await qrOf(1);
    expect(local.qr).toBe(`http://127.0.0.1:${core.services.settings.get().webHost.port}/#/progress?code=${local.code}`);
    core.services.settings.update({ hall: { progressUrl: 'https://ybj.example.gov.cn/jdcx' } });
    const hall = await qrOf(2);
    expect(hall.qr).toBe(`https://ybj.example.gov.cn/jdcx?code=${hall.code}`);
    expect(() => core.services.settings.update({ hall: { progressUrl: 'ybj.example.gov.cn' } })).toThrow();
    expect(core.services.settings.get().hall.progressUrl).toBe('https://ybj.example.gov.cn/jdcx');
    await core.close();
  });

  it('progress by query code shows status and steps with only a masked name', async () => {
    const { core } = await coreAt('2026-11-23T09:00:00+08:00');
    const c = await employeeEnrolment(core);
    const p = await core.services.cases.progress(c.queryCode.toLowerCase());
    expect(p).toMatchObject({ caseNo: c.caseNo, status: 'accepted', statusLabel: '已受理', dueDate: '2026-11-30' });
    expect(p.applicantName).not.toBe(c.applicant.name);
    expect(p.steps.map((s) => [s.label, s.done])).toEqual([['受理', true], ['审核', false], ['办结', false]]);
    expect(JSON.stringify(p)).not.toContain(c.applicant.idNumber);
    expect((await errorOf(core.services.cases.progress('NOPE0000'))).code).toBe('NOT_FOUND');
    await core.close();
  });
});
