import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { messagePortClient } from '../fixtures/clients';
import { partyFromCard } from '../../shared/cases/card';
import { maskNamePublic } from '../../shared/identity';
import { createCore } from '../../electron/core/core';
import { tempDir } from '../fixtures/temp';
import { CLERK, applicant, employeeEnrolment, sampleForm } from '../fixtures/cases';
import { makeResidentId, withWrongCheckChar } from '../fixtures/identity';
import type { CaseDocument } from '../../shared/contract/cases';
import { setupInputSchema } from '../../shared/contract/auth';

/**
 * One visit, one record (issue 15): core links ticket ↔ case ↔ evaluation, keeps the 受理信息
 * in step with the applicant, hands a 不予受理通知书 for a refusal, and serves 实名取号.
 */
let t = Date.parse('2026-11-23T09:00:00+08:00'); // Monday
let core: Core;
const CLERK2 = { id: null, name: 'clerk2', counter: 2, transport: 'direct' };

async function errorOf(p: Promise<unknown>): Promise<{ code: string; userText?: string; fields?: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; userText?: string; fields?: Record<string, string> };
  }
  throw new Error('expected a refusal');
}

const text = (doc: CaseDocument) => JSON.stringify(doc.blocks);
const caseCount = async () => Number((await core.db.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
  await core.services.queue.ensureDefaults([1]);
  for (const n of [1, 2]) {
    await core.services.queue.saveCounter(CLERK, { number: n, name: '', categories: ['A', 'B'] });
    await core.services.queue.setOpen(CLERK, n, true);
  }
}, 60_000);

afterAll(async () => {
  await core?.close();
});

describe('ticket ↔ case, linked by core', () => {
  it('links every decision made while a ticket is served at the counter; finish keeps the list', async () => {
    const q = core.services.queue;
    await q.take(CLERK, 'A', null, 'kiosk');
    const ticket = (await q.callNext(CLERK, 1))!;
    const accepted = await employeeEnrolment(core, {}, 1);
    expect(accepted).toMatchObject({ ticketId: ticket.id, ticketLabel: ticket.label, clerk: 'clerk1', clerkName: '窗口一' });
    await q.start(CLERK, ticket.id);
    const refused = await employeeEnrolment(core, { decision: 'refuse', reason: '不属于本窗口受理范围', materials: [] }, 2);
    expect(refused.ticketId).toBe(ticket.id);
    const finished = await q.finish(CLERK, ticket.id);
    expect(finished.caseNos).toEqual([accepted.caseNo, refused.caseNo]);
    // No ticket at the counter any more: the next case stands alone.
    expect((await employeeEnrolment(core, {}, 3)).ticketId).toBeNull();
    expect((await q.snapshot()).counters.find((c) => c.number === 1)?.current).toBeNull();
  });

  it('a ticket served at another counter is not linked to this counter’s cases', async () => {
    const q = core.services.queue;
    await q.take(CLERK, 'A', null, 'kiosk');
    const other = (await q.callNext(CLERK2, 2))!;
    expect((await employeeEnrolment(core, {}, 4)).ticketId).toBeNull();
    expect((await q.finish(CLERK2, other.id)).caseNos).toEqual([]);
  });
});

describe('不予受理通知书 and the hall’s contacts', () => {
  it('a refusal hands a 不予受理通知书 with reason, item, basis and remedies — not a request for materials', async () => {
    const refused = await core.services.cases.intake(CLERK, { item: '002036001003', applicant: applicant(6), materials: [], decision: 'refuse', reason: '不属于本窗口受理范围' });
    expect(refused.documents.map((d) => d.kind)).toEqual(['refusalNotice']);
    const doc = await core.services.cases.document(refused.documents[0]!.id);
    expect(doc.title).toBe('不予受理通知书');
    const body = text(doc);
    expect(body).toContain('不予受理的理由：不属于本窗口受理范围');
    expect(body).toContain('城乡居民参保登记');
    expect(body).toContain('"依据"');
    expect(body).toMatch(/六十日内依法申请行政复议（《中华人民共和国行政复议法》）/);
    expect(body).toMatch(/六个月内依法向人民法院提起行政诉讼（《中华人民共和国行政诉讼法》）/);
    expect(body).not.toMatch(/补正|一次性告知/);
    expect(body).toContain('["经办人","窗口一"]');
    // No phone set: no placeholder, no empty 咨询电话.
    expect(body).not.toMatch(/\(电话\)|咨询电话/);
    const pdf = await core.services.cases.documentPdf(doc.id, 'receipt58');
    expect(pdf.fileName).toContain('不予受理通知书');
    // The receipt printer has a template of its own for it, 58 and 80 mm.
    for (const width of [58, 80] as const) {
      const paper = (await core.services.printing.preview({ documentId: doc.id }, width)).lines.join('\n');
      expect(paper).toContain('不予受理通知书');
      expect(paper).toContain('行政复议');
    }
  });

  it('首次设置 records the hall’s 咨询电话 and address; a bad phone is refused at its field', async () => {
    const fresh = await createCore({ dataDir: tempDir(), runtime: 'test', logToFile: false });
    const input = (phone: string) => ({ admin: { username: 'admin', displayName: '管理员', password: 'Admin2026' }, hall: { name: '大厅', regionCode: '410100', phone, address: '示例路1号' }, counter: { number: 1 }, catalogSourceId: 'national-2020' });
    expect(setupInputSchema.safeParse(input('电话')).error?.issues[0]).toMatchObject({ path: ['hall', 'phone'], message: '咨询电话只能包含数字、空格、括号和“-”' });
    await fresh.services.setup.complete(input('0371-87654321'), 'direct');
    expect(fresh.services.settings.get().hall).toMatchObject({ phone: '0371-87654321', address: '示例路1号' });
    await fresh.close();
  });

  it('prints the hall’s 咨询电话 and address from settings once set', async () => {
    core.services.settings.update({ hall: { phone: '0371-12345678', address: '郑州市金水区示例路1号' } });
    const notice = await employeeEnrolment(core, { decision: 'requestCorrection', reason: '材料不齐', materials: [] }, 7);
    const body = text(await core.services.cases.document(notice.documents[0]!.id));
    expect(body).toContain('郑州市金水区示例路1号');
    expect(body).toContain('咨询电话 0371-12345678');
    core.services.settings.update({ hall: { phone: '', address: '' } });
  });
});

describe('one source of truth for the applicant', () => {
  const fields = () => core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] }).fields;

  it('defect 1: the ID corrected on the applicant but kept wrong in 证件类型及号码 is refused at that field; nothing is saved', async () => {
    const person = applicant(8);
    const before = await caseCount();
    const e = await errorOf(employeeEnrolment(core, { applicant: person, form: { ...sampleForm(fields()), 证件类型及号码: `居民身份证 ${withWrongCheckChar(person.idNumber)}`, 联系电话: person.phone } }, 8));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.fields?.['form.证件类型及号码']).toBe(`证件类型及号码与申请人证件号码（${person.idNumber}）不一致`);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a name or birth date that contradicts the applicant, field by field', async () => {
    const person = applicant(9);
    const e = await errorOf(employeeEnrolment(core, { applicant: person, form: { ...sampleForm(fields()), 姓名: '别人' } }, 9));
    expect(e.fields).toMatchObject({ 'form.姓名': `姓名与申请人姓名（${person.name}）不一致` });
    const rural = core.services.cases.requirements({ item: '002036001003', answers: {}, flags: [] }).fields;
    const e2 = await errorOf(core.services.cases.intake(CLERK, { item: '002036001003', applicant: person, materials: [], form: { ...sampleForm(rural), 出生日期: '2001-01-01' }, decision: 'refuse', reason: '测试' }));
    expect(e2.fields?.['form.出生日期']).toMatch(/^出生日期与申请人出生日期（\d{4}-\d{2}-\d{2}）不一致$/);
  });

  it('fills what the form leaves empty from the applicant, the card and the condition answer', async () => {
    const spec = fields();
    expect(spec.find((f) => f.name === '证件类型及号码')).toMatchObject({ mirror: 'idDoc' });
    expect(spec.find((f) => f.name === '人员类别')).toMatchObject({ fromCondition: 'personType', options: ['在职职工', '灵活就业人员'] });
    expect(spec.find((f) => f.name === '参保险种')?.options).toContain('职工基本医疗保险');
    const person = applicant(10);
    const c = await employeeEnrolment(core, { applicant: person }, 10);
    expect(c.form).toMatchObject({ 姓名: person.name, 证件类型及号码: `居民身份证 ${person.idNumber}`, 联系电话: person.phone, 人员类别: '在职职工' });

    const rural = core.services.cases.requirements({ item: '002036001003', answers: {}, flags: [] });
    const birthDate = '1990-04-12';
    const card = { idKind: 'resident' as const, idNumber: makeResidentId({ region: '410102', birthDate, sex: '女', seq: 31 }), name: '测试卡', sex: '女' as const, nation: '汉', birthDate, address: '河南省郑州市金水区示例路2号', cardSource: 'idcard' as const };
    const form = sampleForm(rural.fields);
    delete form.户籍地址;
    const r = await core.services.cases.intake(CLERK, { item: '002036001003', applicant: { ...card, phone: '13800000000' }, materials: rural.materials.map((m) => ({ seq: m.seq, status: 'original' as const })), form, decision: 'accept' });
    expect(r.form).toMatchObject({ 户籍地址: card.address, 出生日期: birthDate });
    expect(r.applicant).toMatchObject({ sex: '女', nation: '汉', birthDate, address: card.address, cardSource: 'idcard' });
  });

  it('choice fields take only their options; a condition’s field must agree with its answer', async () => {
    const e = await errorOf(employeeEnrolment(core, { form: { ...sampleForm(fields()), 参保险种: '随便写的', 人员类别: '灵活就业人员' } }, 11));
    expect(e.fields?.['form.参保险种']).toMatch(/^参保险种只能选择：职工基本医疗保险、/);
    expect(e.fields?.['form.人员类别']).toBe('人员类别应与“参保人员类别”的回答一致：在职职工');
  });

  it('card facts must agree with the ID number', async () => {
    const person = applicant(12);
    const e = await errorOf(employeeEnrolment(core, { applicant: { ...person, birthDate: '1901-01-01', sex: person.idNumber.charCodeAt(16) % 2 ? '女' : '男' } }, 12));
    expect(Object.keys(e.fields ?? {})).toEqual(expect.arrayContaining(['applicant.birthDate', 'applicant.sex']));
  });
});

describe('实名取号', () => {
  const holder = { idKind: 'resident' as const, idNumber: makeResidentId({ region: '410105', birthDate: '1985-07-01', sex: '男', seq: 55 }), name: '张小三', cardSource: 'idcard' as const };

  it('is refused while the setting is off', async () => {
    expect((await errorOf(core.services.queue.take(CLERK, 'B', null, 'kiosk', holder))).userText).toBe('本大厅未开启实名取号');
  });

  it('the board sees 张*三; the clerk who calls it gets the person, audited; other counters do not', async () => {
    core.services.settings.update({ queue: { realNameTickets: true } });
    const q = core.services.queue;
    const taken = await q.take(CLERK, 'B', null, 'kiosk', holder);
    expect(taken.ticket.holderName).toBe('张*三');
    expect(JSON.stringify(await q.snapshot())).not.toContain('张小三');
    await expect(q.take(CLERK, 'B', null, 'kiosk', { ...holder, idNumber: withWrongCheckChar(holder.idNumber) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const called = (await q.call(CLERK, taken.ticket.id, 1))!;
    const snapshot = await q.snapshot();
    expect(snapshot.counters.find((c) => c.number === 1)?.current?.holderName).toBe('张*三');
    expect(snapshot.recentCalls.find((c) => c.ticketId === called.id)?.text).not.toContain('张');
    expect(await q.holder(CLERK, called.id, 1)).toMatchObject({ name: '张小三', idNumber: holder.idNumber });
    const audit = await core.db.db.selectFrom('audit_log').select(['action', 'target']).where('target', '=', `ticket:${called.id}`).where('action', '=', 'person.view').execute();
    expect(audit).toHaveLength(1);
    await expect(q.holder(CLERK2, called.id, 2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await q.finish(CLERK, called.id);
    core.services.settings.update({ queue: { realNameTickets: false } });
  });

  it('the kiosk reads the card on its own reader and takes a ticket with every fact the card holds', async () => {
    core.services.settings.update({ queue: { realNameTickets: true } });
    const admin = messagePortClient(core, await tokenFor(core, 'admin'));
    const [card] = await admin.client.readers.simulator.cards();
    await admin.client.readers.simulator.place({ id: card!.id });
    admin.close();
    const device = await core.services.sessions.issueDeviceToken({ id: null, name: 'admin', transport: 'direct' }, '大厅取号机', 'kiosk');
    const kiosk = messagePortClient(core, device.token);
    expect((await kiosk.client.queue.snapshot()).realNameTickets).toBe(true);
    const record = await kiosk.client.readers.readIdCard({ waitMs: 5000 });
    const holder = partyFromCard(record);
    expect(holder).toMatchObject({ name: record.name, sex: record.sex, birthDate: record.birthDate, cardSource: 'idcard' });
    const taken = await kiosk.client.queue.take({ categoryId: 'B', priorityKind: null, holder });
    expect(taken.ticket.holderName).toBe(maskNamePublic(record.name));
    await expect(kiosk.client.queue.holder({ ticketId: taken.ticket.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    kiosk.close();
    await core.services.queue.manage(CLERK, taken.ticket.id, { cancelReason: '测试结束' });
    core.services.settings.update({ queue: { realNameTickets: false } });
  });
});

describe('好差评 of the ticket just finished', () => {
  it('offers only the ticket just finished at its own counter, once, and ties it to clerk, counter and cases', async () => {
    const q = core.services.queue;
    const ev = core.services.evaluations;
    t += 60_000;
    await q.take(CLERK, 'A', null, 'kiosk');
    const ticket = (await q.callNext(CLERK, 1))!;
    const c = await employeeEnrolment(core, {}, 13);
    // Still being served: nothing to rate yet, and the tablet of counter 2 never sees it.
    expect((await ev.context(1)).ticket).toBeNull();
    expect((await errorOf(ev.submit(CLERK, { level: 5, ticketId: ticket.id }))).code).toBe('CONFLICT');
    t += 60_000;
    await q.finish(CLERK, ticket.id);
    expect(await ev.context(1)).toMatchObject({ ticket: { id: ticket.id, label: ticket.label, caseNos: [c.caseNo] }, clerk: '窗口一' });
    expect((await ev.context(2)).ticket?.id).not.toBe(ticket.id);
    const device = { id: null, name: 'device:1号窗评价器', transport: 'direct' };
    await ev.submit(device, { level: 2, reason: '态度一般', ticketId: ticket.id });
    const row = await core.db.db.selectFrom('evaluations').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ counter: 1, clerk: 'clerk1', case_no: c.caseNo, source: 'device', follow_up: 'open' });
    expect((await ev.context(1)).ticket).toBeNull();
    expect(await errorOf(ev.submit(device, { level: 5, ticketId: ticket.id }))).toMatchObject({ code: 'CONFLICT', userText: `${ticket.label} 号已评价过，感谢您的参与` });
  });

  it('a finished ticket is no longer offered after ten minutes', async () => {
    const q = core.services.queue;
    t += 60_000;
    await q.take(CLERK, 'A', null, 'kiosk');
    const ticket = (await q.callNext(CLERK, 1))!;
    await q.finish(CLERK, ticket.id);
    expect((await core.services.evaluations.context(1)).ticket?.id).toBe(ticket.id);
    t += 11 * 60_000;
    expect((await core.services.evaluations.context(1)).ticket).toBeNull();
  });
});
