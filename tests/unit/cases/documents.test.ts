import { describe, expect, it } from 'vitest';
import { caseDocumentSchema, type CaseDocument } from '../../../shared/contract/cases';
import { buildAcceptanceReceipt, buildCompletionNotice, buildOneTimeNotice, formatChineseDate, progressLink, type CaseDocumentDraft } from '../../../shared/cases/documents';
import { makeCreditCode } from '../../fixtures/identity';
import { agentId, applicantId, fixtureCaseDetail, fixtureItem, fixtureOptions } from '../../fixtures/case-detail';

/** Every string a document prints, one per block row / item. */
function texts(doc: CaseDocumentDraft): string[] {
  return doc.blocks.flatMap((b) => {
    switch (b.type) {
      case 'fields':
        return b.rows.map(([k, v]) => `${k}：${v}`);
      case 'list':
        return [b.title, ...b.items];
      case 'text':
        return [b.text];
      case 'qr':
        return [b.value, b.caption];
      case 'signatures':
        return b.labels;
    }
  });
}
const all = (doc: CaseDocumentDraft) => texts(doc).join('\n');
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const stored = (doc: CaseDocumentDraft): CaseDocument => ({ ...doc, id: 1, createdAt: doc.issuedAt });

describe('受理回执', () => {
  const doc = buildAcceptanceReceipt(fixtureCaseDetail(), fixtureOptions);
  const text = all(doc);

  it('is a valid contract document of kind acceptanceReceipt', () => {
    expect(caseDocumentSchema.parse(stored(doc)).kind).toBe('acceptanceReceipt');
    expect(doc.title).toBe('受理回执');
    expect(doc.caseNo).toBe('410102202611200010001');
    expect(doc.hallName).toBe('郑州市医疗保障经办服务大厅');
  });

  it('names the case, the item and its code, the applicant and the agent', () => {
    expect(text).toContain('办件编号：410102202611200010001');
    expect(text).toContain('事项名称：异地安置退休人员备案');
    expect(text).toContain('事项编码：000111222333');
    expect(text).toContain('申请人：张建国');
    expect(text).toContain('代办人：李秀英');
  });

  it('never prints an identity number or phone number in full', () => {
    expect(text).not.toContain(applicantId);
    expect(text).not.toContain(agentId);
    expect(text).not.toContain('13800001234');
    expect(text).toContain(`申请人证件：居民身份证 4101**********${applicantId.slice(-4)}`);
    expect(text).toContain(`代办人证件：居民身份证 4101**********${agentId.slice(-4)}`);
  });

  it('lists the materials with their status, the due date and the time limit', () => {
    expect(text).toContain('1. 有效身份证件或社会保障卡（已收原件）');
    expect(text).toContain('授权委托书（已收复印件）');
    expect(text).toContain('参保人员异地就医备案登记表（缺少）');
    expect(text).toContain('承诺办结日期：2026年2月27日');
    expect(text).toContain('办理时限：不超过5个工作日');
    expect(text).toContain('受理日期：2026年2月13日');
  });

  it('carries the query code and a QR code of the progress address with that code', () => {
    expect(text).toContain('查询码：Q7K2M9XA');
    const qr = doc.blocks.find((b) => b.type === 'qr');
    expect(qr).toEqual({ type: 'qr', value: 'http://127.0.0.1:5180/#/progress?code=Q7K2M9XA', caption: '扫码查询办理进度' });
  });

  it('ends with hall, counter, clerk, date and the two signatures', () => {
    expect(text).toContain('受理大厅：郑州市医疗保障经办服务大厅');
    expect(text).toContain('办理窗口：3号窗口（综合受理）');
    expect(text).toContain('经办人：王经办');
    expect(text).toContain('日期：2026年2月13日');
    expect(doc.blocks.at(-1)).toEqual({ type: 'signatures', labels: ['经办人', '申请人'] });
  });

  it('uses the given clerk name and says 即时办结 when there is no due date', () => {
    const d = all(buildAcceptanceReceipt(fixtureCaseDetail({ dueDate: null }), { ...fixtureOptions, clerkName: '赵六' }));
    expect(d).toContain('经办人：赵六');
    expect(d).toContain('承诺办结日期：即时办结');
  });

  it('masks a 统一社会信用代码 keeping the authority and region', () => {
    const code = makeCreditCode();
    const unit = fixtureCaseDetail({ applicant: { idKind: 'credit-code', idNumber: code, name: '某某有限公司' }, agent: null });
    const d = all(buildAcceptanceReceipt(unit, fixtureOptions));
    expect(d).toContain(`统一社会信用代码 914101********${code.slice(-4)}`);
    expect(d).not.toContain(code);
    expect(d).not.toContain('代办人');
  });
});

describe('一次性告知书', () => {
  const detail = fixtureCaseDetail({ status: 'correction_requested', acceptedOn: null, dueDate: null, reason: '材料不齐全' });
  const doc = buildOneTimeNotice(detail, fixtureItem, fixtureOptions);
  const text = all(doc);

  it('is a valid contract document of kind oneTimeNotice', () => {
    expect(caseDocumentSchema.parse(stored(doc)).kind).toBe('oneTimeNotice');
    expect(doc.title).toBe('一次性告知书');
  });

  it('lists every missing or defective material exactly once, with its reason, and nothing received', () => {
    const list = doc.blocks.find((b) => b.type === 'list' && b.title.includes('一次性告知'));
    expect(list?.type === 'list' && list.items).toEqual([
      '1. 参保人员异地就医备案登记表（缺少：未提供；要求：须本人签字）',
      '2. 异地居住证明（不符合要求：居住证已过期；可签署个人承诺书代替）',
    ]);
    expect(count(text, '参保人员异地就医备案登记表')).toBe(1);
    expect(count(text, '异地居住证明')).toBe(1);
    expect(text).not.toContain('有效身份证件或社会保障卡');
  });

  it('lists a material once even if the record holds it twice', () => {
    const twice = fixtureCaseDetail({ status: 'correction_requested', materials: [...detail.materials, { ...detail.materials[1]! }] });
    expect(count(all(buildOneTimeNotice(twice, fixtureItem, fixtureOptions)), '参保人员异地就医备案登记表')).toBe(1);
  });

  it('states the reason, the legal basis, what to bring back and whom to ask', () => {
    expect(text).toContain('告知事由：材料不齐全');
    expect(text).toContain('1. 关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知（医保发〔2022〕22号）');
    expect(text).toContain('2. 中华人民共和国社会保险法 第二十九条');
    expect(text).toMatch(/补正时请携带：本告知书、申请人居民身份证原件、代办人居民身份证原件、授权委托书、上列需补正的全部材料/);
    expect(text).toContain('咨询电话 0371-12345678');
    expect(text).toContain('一次性告知如下');
    expect(doc.blocks.at(-1)).toEqual({ type: 'signatures', labels: ['经办人', '申请人（签收）'] });
  });

  it('masks identity numbers', () => {
    expect(text).not.toContain(applicantId);
    expect(text).not.toContain(agentId);
  });

  it('words refusal and 审核退回 differently', () => {
    expect(all(buildOneTimeNotice(fixtureCaseDetail({ status: 'refused' }), fixtureItem, fixtureOptions))).toContain('决定不予受理');
    expect(all(buildOneTimeNotice(fixtureCaseDetail({ status: 'returned' }), fixtureItem, fixtureOptions))).toContain('经审核，所提交材料需要补正');
  });

  it('says so when the item has no legal basis or no material is at fault', () => {
    const ok = fixtureCaseDetail({ status: 'refused', reason: '不属于本地受理范围', materials: [] });
    const d = all(buildOneTimeNotice(ok, { legalBasis: [] }, fixtureOptions));
    expect(d).toContain('（本事项目录未列明设定依据）');
    expect(d).toContain('（无材料需补正，原因见告知事由）');
  });
});

describe('办结通知', () => {
  const detail = fixtureCaseDetail({
    status: 'completed',
    result: '备案成功，有效期至2027年2月27日',
    message: '张建国，您申请的异地安置退休人员备案已办结，备案成功。',
    history: [
      { at: '2026-02-13T09:30:00.000+08:00', action: 'accept', fromStatus: null, toStatus: 'accepted', actor: 'clerk1', counter: 3, note: null },
      { at: '2026-02-24T10:00:00.000+08:00', action: 'approve', fromStatus: 'accepted', toStatus: 'approved', actor: 'sup1', counter: 3, note: null },
      { at: '2026-02-25T15:00:00.000+08:00', action: 'complete', fromStatus: 'approved', toStatus: 'completed', actor: 'sup1', counter: 3, note: null },
    ],
  });
  const doc = buildCompletionNotice(detail, { ...fixtureOptions, issuedAt: '2026-02-25T15:00:01.000+08:00' });
  const text = all(doc);

  it('gives the result, the completion day and the filled message', () => {
    expect(caseDocumentSchema.parse(stored(doc)).kind).toBe('completionNotice');
    expect(doc.title).toBe('办结通知');
    expect(text).toContain('办理结果：备案成功，有效期至2027年2月27日');
    expect(text).toContain('办结日期：2026年2月25日');
    expect(text).toContain('办理状态：已办结');
    expect(doc.blocks).toContainEqual({ type: 'text', text: '张建国，您申请的异地安置退休人员备案已办结，备案成功。', emphasis: true });
    expect(text).not.toContain(applicantId);
  });
});

describe('helpers', () => {
  it('formats dates the Chinese way and builds progress links', () => {
    expect(formatChineseDate('2026-02-03')).toBe('2026年2月3日');
    expect(formatChineseDate('2026-10-08T08:00:00+08:00')).toBe('2026年10月8日');
    // Core stores instants in UTC: 2026-10-07T17:00Z is 01:00 on 10-08 in the hall.
    expect(formatChineseDate('2026-10-07T17:00:00.000Z')).toBe('2026年10月8日');
    expect(progressLink('http://h/#/progress', 'AB 12')).toBe('http://h/#/progress?code=AB%2012');
    expect(progressLink('http://h/#/progress?kiosk=1', 'AB12')).toBe('http://h/#/progress?kiosk=1&code=AB12');
  });
});
