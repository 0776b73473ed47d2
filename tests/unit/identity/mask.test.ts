import { describe, expect, it } from 'vitest';
import { maskCreditCode, maskIdNumber, maskName, maskPhone, redactPersonalData } from '../../../shared/identity';
import { makeCreditCode, makeForeign2017Id, makeResidentId } from '../../fixtures/identity';

describe('masking', () => {
  it('maskIdNumber keeps the first 4 and last 4 characters', () => {
    const id = makeResidentId({ birthDate: '1990-01-01', sex: '男' });
    expect(maskIdNumber(id)).toBe(`${id.slice(0, 4)}**********${id.slice(14)}`);
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });

  it('maskPhone shows 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('037112345678')).toBe('037*****5678');
    expect(maskPhone('1234')).toBe('****');
  });

  it('maskName keeps the surname', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('买买提·艾力')).toBe('买**·**');
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('maskCreditCode hides the 主体标识码', () => {
    const code = makeCreditCode();
    expect(maskCreditCode(code)).toBe(`${code.slice(0, 6)}********${code.slice(14)}`);
  });
});

describe('redactPersonalData', () => {
  it('masks identity and mobile numbers inside free text', () => {
    const id = makeResidentId({ birthDate: '1990-01-01', sex: '女' });
    const lower = `${id.slice(0, 17)}x`;
    const foreign = makeForeign2017Id();
    const text = `受理 ${id}，电话13812345678；代办人证件:${lower} 手机 +86 139-1234-5678、8615912345678 外籍 ${foreign}`;
    const redacted = redactPersonalData(text);
    expect(redacted).not.toContain(id);
    expect(redacted).not.toContain(id.slice(4, 14));
    expect(redacted).toContain(maskIdNumber(id));
    expect(redacted).toContain('电话138****5678；');
    expect(redacted).toContain('+86 139-****-5678');
    expect(redacted).toContain('86159****5678');
    expect(redacted).toContain(maskIdNumber(foreign));
    expect(redacted).not.toMatch(/\d{7}/);
  });

  it('leaves other numbers alone', () => {
    const text = '业务编号 20261122000123456789，金额 1381234567.89 元，时间戳 1763779200000，工号 12345678901234';
    expect(redactPersonalData(text)).toBe(text);
  });
});
