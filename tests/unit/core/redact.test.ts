import { describe, expect, it } from 'vitest';
import { scrubPersonalData } from '../../../electron/core/logging/redact';
import { makeResidentId } from '../../fixtures/identity';

describe('log scrubbing', () => {
  const id = makeResidentId({ region: '410102', birthDate: '1985-03-09', sex: '女' });

  it('masks identity numbers and phones inside free text', () => {
    const out = scrubPersonalData(`申请人 ${id} 电话 13812345678 已受理`) as string;
    expect(out).not.toContain(id);
    expect(out).not.toContain('13812345678');
    expect(out).toContain(id.slice(0, 4));
  });

  it('masks known personal fields by name, at any depth, and in errors', () => {
    const out = JSON.stringify(
      scrubPersonalData({ case: { applicantName: '王喆', idNumber: id, phone: '13900001111' }, err: new Error(`bad id ${id}`) }),
    );
    expect(out).not.toContain(id);
    expect(out).not.toContain('王喆');
    expect(out).not.toContain('13900001111');
    expect(out).toContain('王*');
  });

  it('leaves other values alone', () => {
    expect(scrubPersonalData({ count: 3, item: '参保登记', ok: true })).toEqual({ count: 3, item: '参保登记', ok: true });
  });
});
