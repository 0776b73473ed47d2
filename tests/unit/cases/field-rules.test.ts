import { describe, expect, it } from 'vitest';
import { fieldProblem, isInstantItem, phoneProblem, valueProblem } from '../../../shared/cases/field-rules';
import * as screen from '../../../renderer/features/counter/fieldRules';
import * as core from '../../../electron/core/cases/validate';
import { makeResidentId } from '../../fixtures/identity';

describe('intake rules: one module, same messages on the screen and in core', () => {
  it('the screen and core use the shared functions themselves', () => {
    expect(screen.fieldProblem).toBe(valueProblem);
    expect(screen.phoneProblem).toBe(phoneProblem);
    expect(core.fieldProblem).toBe(fieldProblem);
  });

  it('a whole field: required first, then the value by type, named', () => {
    expect(fieldProblem({ name: '联系电话', type: 'phone', required: true }, '')).toBe('请填写联系电话');
    expect(fieldProblem({ name: '代办人电话', type: 'phone', required: false }, '  ')).toBeNull();
    expect(fieldProblem({ name: '联系电话', type: 'phone', required: true }, '1390000111')).toBe('联系电话：手机号码应为11位，实际10位');
    expect(fieldProblem({ name: '申请备案开始日期', type: 'date', required: true }, '2026-02-30')).toBe('申请备案开始日期：没有这一天：2026-02-30');
    expect(fieldProblem({ name: '情况说明', type: 'textarea', required: true }, 'x'.repeat(501))).toBe('情况说明：不超过500字');
  });

  it('the core party check says what the screen says', () => {
    const problems = core.partyProblems({ idKind: 'resident', idNumber: makeResidentId({ birthDate: '1990-03-07', sex: '男', seq: 45 }), name: '测试', phone: '66661234' }, 'applicant', '2026-11-23');
    expect(problems['applicant.phone']).toBe(phoneProblem('66661234'));
  });

  it('即办件: by 办件类型 or by the time limit', () => {
    expect(isInstantItem('即办件', null)).toBe(true);
    expect(isInstantItem(undefined, '即时办结')).toBe(true);
    expect(isInstantItem('承诺件', '5个工作日')).toBe(false);
  });
});
