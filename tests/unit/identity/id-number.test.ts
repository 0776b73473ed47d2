import { describe, expect, it } from 'vitest';
import { checkIdNumber, checkIdNumberAs, normalizeIdNumber } from '../../../shared/identity';
import {
  GB32100_CHARS,
  makeCreditCode,
  makeForeign2017Id,
  makeForeign2023Id,
  makeHkmoId,
  makeResidentId,
  makeTaiwanId,
  withWrongCheckChar,
} from '../../fixtures/identity';

const TODAY = '2026-11-22';

/** A resident number whose check character is X (found by trying sequence numbers). */
function residentEndingInX(): string {
  for (let seq = 0; seq < 500; seq++) {
    const id = makeResidentId({ birthDate: '1990-03-15', seq, sex: '女' });
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X found');
}

describe('checkIdNumber — 居民身份证', () => {
  it('accepts a valid number and reads birth date, sex and province', () => {
    const id = makeResidentId({ region: '410102', birthDate: '1988-02-29', sex: '男' });
    expect(checkIdNumber(id, TODAY)).toEqual({
      valid: true,
      kind: 'resident',
      birthDate: '1988-02-29',
      sex: '男',
      region: '河南省',
      normalized: id,
    });
    expect(checkIdNumber(makeResidentId({ region: '650102', birthDate: '2001-12-31', sex: '女' }), TODAY)).toMatchObject({
      valid: true,
      sex: '女',
      region: '新疆维吾尔自治区',
    });
  });

  it('accepts lower-case x and full-width input, normalised to upper-case ASCII', () => {
    const id = residentEndingInX();
    const result = checkIdNumber(` ${id.slice(0, 17)}x `, TODAY);
    expect(result).toMatchObject({ valid: true, kind: 'resident', normalized: id });
    const fullWidth = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(checkIdNumber(fullWidth, TODAY)).toMatchObject({ valid: true, normalized: id });
  });

  it('rejects a wrong check digit', () => {
    const id = withWrongCheckChar(makeResidentId({ birthDate: '1975-06-01', sex: '男' }));
    expect(checkIdNumber(id, TODAY)).toMatchObject({ valid: false, kind: 'resident', reason: '校验位错误' });
  });

  it('rejects impossible dates even with a correct check digit', () => {
    for (const birthDate of ['1990-02-30', '2023-02-29', '1990-13-01', '1990-00-10', '1990-04-31', '1899-12-31']) {
      const result = checkIdNumber(makeResidentId({ birthDate, sex: '男' }), TODAY);
      expect(result).toMatchObject({ valid: false, kind: 'resident' });
      expect(result.reason).toContain('出生日期无效');
    }
    expect(checkIdNumber(makeResidentId({ birthDate: '2024-02-29', sex: '男' }), TODAY).valid).toBe(true);
  });

  it('rejects a birth date after today, and accepts one equal to today', () => {
    expect(checkIdNumber(makeResidentId({ birthDate: '2026-11-23', sex: '女' }), TODAY)).toMatchObject({
      valid: false,
      reason: expect.stringContaining('出生日期晚于今天'),
    });
    expect(checkIdNumber(makeResidentId({ birthDate: '2026-11-22', sex: '女' }), TODAY).valid).toBe(true);
  });

  it('rejects bad characters and wrong lengths with a clear reason', () => {
    const id = makeResidentId({ birthDate: '1980-01-01', sex: '男' });
    expect(checkIdNumber(`${id.slice(0, 10)}@${id.slice(11)}`, TODAY)).toMatchObject({
      valid: false,
      kind: 'resident',
      reason: '含非法字符“@”',
    });
    expect(checkIdNumber(`${id.slice(0, 10)}X${id.slice(11)}`, TODAY).reason).toContain('含非法字符');
    expect(checkIdNumber(id.slice(0, 17), TODAY).reason).toContain('位数不对');
    expect(checkIdNumber(`${id}1`, TODAY).reason).toContain('位数不对');
    expect(checkIdNumber('41010219800101123', TODAY)).toMatchObject({ valid: false, kind: null });
    expect(checkIdNumber('410102800101123', TODAY).reason).toContain('15位旧身份证号码已停用');
    expect(checkIdNumber('', TODAY)).toEqual({ valid: false, kind: null, reason: '证件号码为空' });
    expect(checkIdNumber('张三', TODAY).valid).toBe(false);
  });

  it('rejects an unknown province code', () => {
    const bad = makeResidentId({ region: '071234', birthDate: '1980-01-01', sex: '男' });
    expect(checkIdNumber(bad, TODAY)).toMatchObject({ valid: false, kind: 'resident', reason: expect.stringContaining('地区代码') });
  });

  it('never throws on arbitrary input', () => {
    for (const v of ['\u0000', '😀'.repeat(18), ' '.repeat(18), 'x'.repeat(18), '9'.repeat(18), 'AAA'.repeat(6)]) {
      expect(() => checkIdNumber(v, TODAY)).not.toThrow();
      expect(checkIdNumber(v, TODAY).valid).toBe(false);
    }
  });
});

describe('checkIdNumber — 港澳台居民居住证', () => {
  it('recognises 810000 and 820000 as hkmo and 830000 as taiwan', () => {
    expect(checkIdNumber(makeHkmoId({ place: 'hk', birthDate: '1970-07-01', sex: '男' }), TODAY)).toMatchObject({
      valid: true,
      kind: 'hkmo',
      region: '香港',
      birthDate: '1970-07-01',
      sex: '男',
    });
    expect(checkIdNumber(makeHkmoId({ place: 'mo', birthDate: '1999-12-20', sex: '女' }), TODAY)).toMatchObject({
      valid: true,
      kind: 'hkmo',
      region: '澳门',
      sex: '女',
    });
    expect(checkIdNumber(makeTaiwanId({ birthDate: '1960-10-10', sex: '女' }), TODAY)).toMatchObject({
      valid: true,
      kind: 'taiwan',
      region: '台湾',
    });
  });

  it('applies the same check digit and date rules', () => {
    const id = makeTaiwanId({ birthDate: '1960-10-10', sex: '女' });
    expect(checkIdNumber(withWrongCheckChar(id), TODAY)).toMatchObject({ valid: false, kind: 'taiwan', reason: '校验位错误' });
    expect(checkIdNumber(makeHkmoId({ birthDate: '2027-01-01', sex: '男' }), TODAY).reason).toContain('出生日期晚于今天');
  });

  it('rejects 81/82/83 prefixes other than 810000/820000/830000', () => {
    const id = makeResidentId({ region: '810100', birthDate: '1980-01-01', sex: '男' });
    expect(checkIdNumber(id, TODAY).valid).toBe(false);
  });
});

describe('checkIdNumber — 外国人永久居留身份证', () => {
  it('2023: reads province, birth date and sex', () => {
    const id = makeForeign2023Id({ province: '31', country: '392', birthDate: '1985-05-05', seq: 3, sex: '女' });
    expect(id).toMatch(/^931392/);
    expect(checkIdNumber(id, TODAY)).toEqual({
      valid: true,
      kind: 'foreign2023',
      birthDate: '1985-05-05',
      sex: '女',
      region: '上海市',
      normalized: id,
    });
  });

  it('2023: rejects a wrong check digit, a bad province and a bad date', () => {
    const id = makeForeign2023Id({ birthDate: '1985-05-05', sex: '男' });
    expect(checkIdNumber(withWrongCheckChar(id), TODAY).reason).toBe('校验位错误');
    expect(checkIdNumber(makeForeign2023Id({ province: '99', birthDate: '1985-05-05', sex: '男' }), TODAY).reason).toContain(
      '省份代码',
    );
    const badDate = makeForeign2023Id({ birthDate: '1985-05-05', sex: '男' }).replace('19850505', '19850532');
    expect(checkIdNumber(badDate, TODAY).reason).toContain('出生日期无效');
  });

  it('2017: accepts three letters and twelve digits, upper-casing the letters', () => {
    const id = makeForeign2017Id({ country: 'USA', digits: '110019800101' });
    expect(checkIdNumber(id.toLowerCase(), TODAY)).toEqual({ valid: true, kind: 'foreign2017', normalized: id });
    expect(checkIdNumberAs('US1110019800101', 'foreign2017', TODAY).reason).toContain('3位字母');
    expect(checkIdNumberAs('USA11001980010', 'foreign2017', TODAY).valid).toBe(false);
  });
});

describe('checkIdNumber — 统一社会信用代码', () => {
  it('accepts valid codes and reports the province', () => {
    const code = makeCreditCode({ authority: '9', type: '1', region: '410100', body: 'MA0TEXT01' });
    expect(checkIdNumber(code, TODAY)).toEqual({ valid: true, kind: 'credit-code', region: '河南省', normalized: code });
    expect(checkIdNumber(makeCreditCode({ authority: '5', type: '3', region: '100000', body: '500000001' }), TODAY)).toMatchObject(
      { valid: true, kind: 'credit-code', region: '中央' },
    );
    // An all-digit code is not mistaken for a personal number.
    expect(checkIdNumber(makeCreditCode({ authority: '1', type: '2', region: '440300', body: '123456789' }), TODAY)).toMatchObject({
      valid: true,
      kind: 'credit-code',
    });
  });

  it('rejects a wrong check character, forbidden letters and implausible codes', () => {
    const code = makeCreditCode();
    expect(checkIdNumberAs(withWrongCheckChar(code, GB32100_CHARS), 'credit-code', TODAY).reason).toBe('校验位错误');
    expect(checkIdNumberAs(`${code.slice(0, 10)}O${code.slice(11)}`, 'credit-code', TODAY).reason).toContain('含非法字符“O”');
    expect(checkIdNumberAs(makeCreditCode({ authority: 'B' }), 'credit-code', TODAY).reason).toContain('登记管理部门代码');
    expect(checkIdNumberAs(makeCreditCode({ authority: '9', type: '5' }), 'credit-code', TODAY).reason).toContain('机构类别代码');
    expect(checkIdNumberAs(makeCreditCode({ region: '990100' }), 'credit-code', TODAY).reason).toContain('行政区划码');
  });
});

describe('checkIdNumberAs', () => {
  it('validates against the kind chosen on screen', () => {
    const hk = makeHkmoId({ birthDate: '1980-01-01', sex: '男' });
    expect(checkIdNumberAs(hk, 'hkmo', TODAY).valid).toBe(true);
    expect(checkIdNumberAs(hk, 'resident', TODAY)).toMatchObject({
      valid: false,
      kind: 'resident',
      reason: expect.stringContaining('港澳居民居住证'),
    });
    expect(checkIdNumberAs(hk, 'taiwan', TODAY).valid).toBe(false);
    const resident = makeResidentId({ birthDate: '1980-01-01', sex: '男' });
    expect(checkIdNumberAs(resident, 'foreign2023', TODAY).reason).toContain('不是外国人永久居留身份证');
    expect(checkIdNumberAs(resident, 'credit-code', TODAY).reason).toContain('证件类型与号码不符');
    expect(checkIdNumberAs(makeCreditCode(), 'resident', TODAY).reason).toContain('统一社会信用代码');
    expect(checkIdNumberAs('', 'resident', TODAY)).toMatchObject({ valid: false, reason: '证件号码为空' });
  });
});

describe('normalizeIdNumber', () => {
  it('trims, folds full-width characters and upper-cases', () => {
    expect(normalizeIdNumber(' ａｂｃ１２３ｘ ')).toBe('ABC123X');
  });
});
