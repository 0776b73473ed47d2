import { describe, expect, it } from 'vitest';
import { ORPCError } from '@orpc/client';
import { amountProblem, bankAccountProblem, codeProblem, dateProblem, fieldProblem, idNumberProblem, phoneProblem } from '../../../renderer/features/counter/fieldRules';
import { splitCoreErrors } from '../../../renderer/features/counter/coreErrors';
import { applicantValueFor } from '../../../shared/cases/mirror';
import { makeResidentId } from '../../fixtures/identity';

describe('窗口受理 field checks', () => {
  it('phone: 11-digit mobile or landline with area code', () => {
    for (const ok of ['13900001111', '0371-66661234', '037166661234', '010-1234567']) expect(phoneProblem(ok)).toBeNull();
    // As core: a landline needs its area code.
    expect(phoneProblem('66661234')).toContain('区号');
    expect(phoneProblem('1390000111')).toContain('11位');
    expect(phoneProblem('abc')).toContain('格式');
  });
  it('bank account: 12–30 digits', () => {
    expect(bankAccountProblem('6222 0202 0011 2233')).toBeNull();
    expect(bankAccountProblem('12345678901')).toContain('实际11位');
    expect(bankAccountProblem('62220202001122X')).toContain('数字');
  });
  it('date: a real YYYY-MM-DD', () => {
    expect(dateProblem('2026-02-28')).toBeNull();
    expect(dateProblem('2026-02-30')).toContain('没有这一天');
    expect(dateProblem('2026/02/01')).toContain('YYYY-MM-DD');
  });
  it('amount: not negative, at most two decimals', () => {
    expect(amountProblem('0')).toBeNull();
    expect(amountProblem('1280.50')).toBeNull();
    expect(amountProblem('-1')).toContain('负数');
    expect(amountProblem('1.234')).toContain('两位小数');
  });
  it('code and idNumber', () => {
    expect(codeProblem('DW-0001')).toBeNull();
    expect(codeProblem('单位1')).not.toBeNull();
    const id = makeResidentId({ birthDate: '1990-01-01', sex: '女', seq: 12 });
    expect(idNumberProblem(id)).toBeNull();
    expect(idNumberProblem(id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), 'resident')).toContain('校验位');
  });
  it('empty values are left to required; text is free', () => {
    expect(fieldProblem('phone', '')).toBeNull();
    expect(fieldProblem('text', '任何内容')).toBeNull();
    expect(fieldProblem('amount', 'abc')).not.toBeNull();
  });
});

describe('core errors on the intake screen', () => {
  const materials = [{ seq: '1' }, { seq: '2' }, { seq: '1①' }];
  it('puts each field error where it belongs', () => {
    const error = new ORPCError('BAD_REQUEST', {
      data: { code: 'BAD_REQUEST', message: '材料不齐', fields: { 'applicant.idNumber': '校验位错误', 'form.联系电话': '应为手机号', 'materials.2': '缺少', 'materials.1①': '缺少', 'answers.personType': '请选择', reason: '请填写原因' } },
    });
    const split = splitCoreErrors(error, materials);
    expect(split.fields).toEqual([
      { name: ['applicant', 'idNumber'], message: '校验位错误' },
      { name: ['form', '联系电话'], message: '应为手机号' },
    ]);
    // A seq that looks like a number is a seq, not an index.
    expect(split.materials).toEqual({ '2': '缺少', '1①': '缺少' });
    expect(split.answers).toEqual({ personType: '请选择' });
    expect(split.reason).toBe('请填写原因');
    expect(split.general).toBeUndefined();
  });
  it('an error without fields is shown at the decision', () => {
    const split = splitCoreErrors(new ORPCError('CONFLICT', { data: { code: 'CONFLICT', message: '本窗口今日办件编号已用完' } }), materials);
    expect(split.general).toBe('本窗口今日办件编号已用完');
  });
});

describe('受理信息 filled from the applicant', () => {
  const a = { idKind: 'resident' as const, idNumber: '41010219900101001x', name: '测试', phone: '13900001111' };
  it('copies name, phone and ID into fields that ask for them', () => {
    expect(applicantValueFor('姓名', a)).toBe('测试');
    expect(applicantValueFor('联系电话', a)).toBe('13900001111');
    expect(applicantValueFor('证件类型及号码', a)).toBe('居民身份证 41010219900101001X');
    expect(applicantValueFor('单位名称', a)).toBeUndefined();
  });
});
