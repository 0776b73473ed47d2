import { mod11CheckChar } from './check-digits';
import { validateCreditCode } from './credit-code';
import { PROVINCE_NAMES, mainlandProvinceName } from './provinces';
import { hallDate } from '../system/hall-time';

export type IdKind = 'resident' | 'hkmo' | 'taiwan' | 'foreign2017' | 'foreign2023' | 'credit-code';

export const ID_KIND_LABELS: Readonly<Record<IdKind, string>> = {
  resident: '居民身份证',
  hkmo: '港澳居民居住证',
  taiwan: '台湾居民居住证',
  foreign2017: '外国人永久居留证（2017版）',
  foreign2023: '外国人永久居留身份证（2023版）',
  'credit-code': '统一社会信用代码',
};

export interface IdCheckResult {
  valid: boolean;
  /** The kind the value is (when valid) or most likely meant to be (when invalid); null if unrecognisable. */
  kind: IdKind | null;
  birthDate?: string;
  sex?: '男' | '女';
  region?: string;
  reason?: string;
  /** Trimmed, full-width folded, upper-case form; what should be stored. */
  normalized?: string;
}

/** Earliest birth year accepted; anything older is a typo, not a customer. */
const MIN_BIRTH_YEAR = 1900;

/** Full-width digits/letters (common with Chinese IMEs) become ASCII; lower-case x becomes X. */
export function normalizeIdNumber(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

/** Today in hall time (a birth date "in the future" is judged by the hall's calendar day). */
function localToday(): string {
  return hallDate(Date.now());
}

type BirthCheck = { ok: true; date: string } | { ok: false; reason: string };

function checkBirthDate(yyyymmdd: string, today: string): BirthCheck {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const daysInMonth = m >= 1 && m <= 12 ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
  if (y < MIN_BIRTH_YEAR || d < 1 || d > daysInMonth) {
    return { ok: false, reason: `出生日期无效（${yyyymmdd}）` };
  }
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (date > today) return { ok: false, reason: `出生日期晚于今天（${date}）` };
  return { ok: true, date };
}

function invalid(kind: IdKind | null, normalized: string, reason: string): IdCheckResult {
  return normalized === '' ? { valid: false, kind, reason } : { valid: false, kind, reason, normalized };
}

/**
 * The 18-character mod-11 family: 居民身份证, 港澳台居民居住证, 外国人永久居留身份证 (2023).
 * `kind` decides where the birth date and sex digit are and what the prefix must be.
 */
function validateMod11(kind: 'resident' | 'hkmo' | 'taiwan' | 'foreign2023', id: string, today: string): IdCheckResult {
  const label = ID_KIND_LABELS[kind];
  if (id.length !== 18) return invalid(kind, id, `位数不对：${label}号码应为18位，实际${id.length}位`);
  const bad = /[^0-9X]/.exec(id);
  if (bad) return invalid(kind, id, `含非法字符“${bad[0]}”`);
  if (!/^\d{17}[\dX]$/.test(id)) return invalid(kind, id, '含非法字符“X”：只有最后一位可以是X');

  let region: string | undefined;
  let birthDigits: string;
  let sexDigit: number;
  if (kind === 'foreign2023') {
    if (id[0] !== '9') return invalid(kind, id, `${label}号码应以9开头`);
    region = mainlandProvinceName(id.slice(1, 3));
    if (region === undefined) return invalid(kind, id, `受理地省份代码“${id.slice(1, 3)}”无效`);
    birthDigits = id.slice(6, 14);
    sexDigit = Number(id[16]);
  } else {
    const prefix = id.slice(0, 6);
    if (kind === 'resident') {
      region = mainlandProvinceName(id.slice(0, 2));
      if (region === undefined) {
        const permit = permitKindOfPrefix(prefix);
        return invalid(
          kind,
          id,
          permit ? `这是${ID_KIND_LABELS[permit]}号码，不是居民身份证号码` : `地区代码“${prefix}”无效`,
        );
      }
    } else {
      if (permitKindOfPrefix(prefix) !== kind) {
        const expected = kind === 'taiwan' ? '830000' : '810000或820000';
        return invalid(kind, id, `${label}号码应以${expected}开头`);
      }
      region = PROVINCE_NAMES[prefix.slice(0, 2)];
    }
    birthDigits = id.slice(6, 14);
    sexDigit = Number(id[16]);
  }

  const birth = checkBirthDate(birthDigits, today);
  if (!birth.ok) return invalid(kind, id, birth.reason);
  if (mod11CheckChar(id.slice(0, 17)) !== id[17]) return invalid(kind, id, '校验位错误');

  const result: IdCheckResult = { valid: true, kind, birthDate: birth.date, sex: sexDigit % 2 === 1 ? '男' : '女', normalized: id };
  if (region !== undefined) result.region = region;
  return result;
}

function permitKindOfPrefix(prefix: string): 'hkmo' | 'taiwan' | undefined {
  if (prefix === '810000' || prefix === '820000') return 'hkmo';
  if (prefix === '830000') return 'taiwan';
  return undefined;
}

/** 2017 外国人永久居留证: 3-letter nationality + 12 digits. No public check digit, so shape only. */
function validateForeign2017(id: string): IdCheckResult {
  if (!/^[A-Z]{3}\d{12}$/.test(id)) {
    return invalid('foreign2017', id, '格式不对：外国人永久居留证（2017版）号码应为3位字母国籍代码加12位数字');
  }
  return { valid: true, kind: 'foreign2017', normalized: id };
}

function validateCredit(code: string): IdCheckResult {
  const check = validateCreditCode(code);
  if (!check.valid) return invalid('credit-code', code, check.reason ?? '统一社会信用代码无效');
  const result: IdCheckResult = { valid: true, kind: 'credit-code', normalized: code };
  if (check.region !== undefined) result.region = check.region;
  return result;
}

function validateAs(kind: IdKind, id: string, today: string): IdCheckResult {
  switch (kind) {
    case 'foreign2017':
      return validateForeign2017(id);
    case 'credit-code':
      return validateCredit(id);
    default:
      return validateMod11(kind, id, today);
  }
}

/**
 * Recognises and validates any supported identity number or 统一社会信用代码.
 * Never throws; `today` ('YYYY-MM-DD', local date by default) bounds the birth date.
 */
export function checkIdNumber(value: string, today: string = localToday()): IdCheckResult {
  const id = normalizeIdNumber(value);
  if (id === '') return { valid: false, kind: null, reason: '证件号码为空' };

  if (id.length === 15) {
    if (/^[A-Z]{3}\d{12}$/.test(id)) return validateForeign2017(id);
    if (/^\d{15}$/.test(id)) return invalid('resident', id, '位数不对：15位旧身份证号码已停用，请使用18位号码');
  }
  if (id.length !== 18) return invalid(null, id, `位数不对：应为18位，实际${id.length}位`);

  if (/^\d{17}[\dX]$/.test(id)) {
    const personal = validateMod11(personalKindOf(id), id, today);
    if (personal.valid) return personal;
    // Many 统一社会信用代码 are all digits too.
    const credit = validateCredit(id);
    return credit.valid ? credit : personal;
  }
  if (/^[0-9A-Z]{18}$/.test(id)) {
    const credit = validateCredit(id);
    if (credit.valid || !looksPersonal(id)) return credit;
  }
  if (looksPersonal(id)) return validateMod11(personalKindOf(id), id, today);
  const bad = /[^0-9A-Z]/.exec(id);
  return invalid(null, id, `含非法字符“${bad?.[0] ?? ''}”`);
}

/** Digits but for one stray character, with a personal-number prefix: a personal number with a typo. */
function looksPersonal(id: string): boolean {
  if (!/^\d{6}/.test(id) || id.slice(0, 17).replace(/\D/g, '').length < 16) return false;
  if (id[0] === '9') return mainlandProvinceName(id.slice(1, 3)) !== undefined;
  return mainlandProvinceName(id.slice(0, 2)) !== undefined || permitKindOfPrefix(id.slice(0, 6)) !== undefined;
}

function personalKindOf(id: string): 'resident' | 'hkmo' | 'taiwan' | 'foreign2023' {
  return id[0] === '9' ? 'foreign2023' : (permitKindOfPrefix(id.slice(0, 6)) ?? 'resident');
}

/**
 * Validates `value` as the 证件类型 chosen on screen. When the number is valid but of another
 * kind, the reason says which kind it is.
 */
export function checkIdNumberAs(value: string, expectedKind: IdKind, today: string = localToday()): IdCheckResult {
  const id = normalizeIdNumber(value);
  if (id === '') return { valid: false, kind: expectedKind, reason: '证件号码为空' };
  const result = validateAs(expectedKind, id, today);
  if (result.valid) return result;
  const detected = checkIdNumber(id, today);
  if (detected.valid && detected.kind !== null && detected.kind !== expectedKind) {
    return invalid(
      expectedKind,
      id,
      `证件类型与号码不符：这是${ID_KIND_LABELS[detected.kind]}号码，不是${ID_KIND_LABELS[expectedKind]}号码`,
    );
  }
  return result;
}
