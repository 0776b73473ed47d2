import dayjs from 'dayjs';
import { checkIdNumber, checkIdNumberAs, type IdKind } from '../../../shared/identity';
import type { FieldSpec } from '../../../shared/contract/cases';

/**
 * Client-side checks of the intake screen, each returning the Chinese reason shown at the field
 * (or null when the value is fine). Core validates again; these only spare the clerk a round trip.
 */

const MOBILE = /^1[3-9]\d{9}$/;
/** 区号-号码, as core accepts it: 0371-12345678, 01012345678 */
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

export function phoneProblem(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (MOBILE.test(v) || LANDLINE.test(v)) return null;
  if (/^1\d*$/.test(v) && v.length !== 11) return `手机号码应为11位，实际${v.length}位`;
  return '电话号码格式不对：手机号11位，固定电话须带区号，如 0371-12345678';
}

export function bankAccountProblem(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (!/^\d+$/.test(v)) return '银行账号只能是数字';
  if (v.length < 12 || v.length > 30) return `银行账号应为12至30位数字，实际${v.length}位`;
  return null;
}

export function dateProblem(value: string): string | null {
  const v = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return '日期格式应为 YYYY-MM-DD，如 2026-03-05';
  const d = dayjs(v, 'YYYY-MM-DD');
  if (!d.isValid() || d.format('YYYY-MM-DD') !== v) return `没有这一天：${v}`;
  return null;
}

export function amountProblem(value: string): string | null {
  const v = value.trim();
  if (v.startsWith('-')) return '金额不能为负数';
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) return '金额应为数字，最多两位小数，如 1280.50';
  return null;
}

export function codeProblem(value: string): string | null {
  return /^[0-9A-Za-z-]{1,40}$/.test(value.trim()) ? null : '编码只能由字母、数字和“-”组成';
}

export function idNumberProblem(value: string, kind?: IdKind): string | null {
  const r = kind ? checkIdNumberAs(value, kind) : checkIdNumber(value);
  return r.valid ? null : (r.reason ?? '证件号码无效');
}

/** The problem with one 受理信息 value, by the field's type; empty values are left to `required`. */
export function fieldProblem(type: FieldSpec['type'], value: string): string | null {
  if (value.trim() === '') return null;
  switch (type) {
    case 'phone':
      return phoneProblem(value);
    case 'bankAccount':
      return bankAccountProblem(value);
    case 'date':
      return dateProblem(value);
    case 'amount':
      return amountProblem(value);
    case 'code':
      return codeProblem(value);
    case 'idNumber':
      return idNumberProblem(value);
    default:
      return null;
  }
}

export const FIELD_PLACEHOLDERS: Partial<Record<FieldSpec['type'], string>> = {
  phone: '手机或固话',
  bankAccount: '12–30位数字',
  date: 'YYYY-MM-DD',
  amount: '元，两位小数',
  code: '字母、数字',
  idNumber: '18位证件号码',
};
