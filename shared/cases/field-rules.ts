import { checkIdNumber, checkIdNumberAs, type IdKind } from '../identity';
import type { FieldSpec } from '../contract/cases';

/**
 * The intake rules, one module for both sides: the screen checks as the clerk types, core
 * (electron/core/cases/validate.ts) checks again before anything is stored, with the same
 * Chinese messages. Each returns the reason, or null when the value is fine.
 */

const MOBILE = /^1[3-9]\d{9}$/;
/** 区号-号码: 0371-12345678, 01012345678 */
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
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) return `没有这一天：${v}`;
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

/** A number of a known kind, or of whichever kind it reads as (身份证, 居住证, 统一社会信用代码…). */
export function idNumberProblem(value: string, kind?: IdKind, today?: string): string | null {
  const r = kind ? checkIdNumberAs(value, kind, today) : checkIdNumber(value, today);
  return r.valid ? null : (r.reason ?? '证件号码无效');
}

/** The problem with one 受理信息 value by the field's type; empty values are left to `required`. */
export function valueProblem(type: FieldSpec['type'], value: string, today?: string): string | null {
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
      return idNumberProblem(value, undefined, today);
    default:
      return value.length > 500 ? '不超过500字' : null;
  }
}

/** A whole field: required, then its value by type; the reason names the field. */
export function fieldProblem(spec: Pick<FieldSpec, 'name' | 'type' | 'required'>, raw: string | undefined, today?: string): string | null {
  const value = (raw ?? '').trim();
  if (!value) return spec.required ? `请填写${spec.name}` : null;
  const problem = valueProblem(spec.type, value, today);
  return problem ? `${spec.name}：${problem}` : null;
}

/** 即办件: an item the clerk may complete on the spot, by its 办件类型 or its time limit. */
export function isInstantItem(handlingType: string | undefined, timeLimitText: string | null | undefined): boolean {
  return (handlingType ?? '').includes('即办件') || (timeLimitText ?? '').includes('即时办结');
}

export const FIELD_PLACEHOLDERS: Partial<Record<FieldSpec['type'], string>> = {
  phone: '手机或固话',
  bankAccount: '12–30位数字',
  date: 'YYYY-MM-DD',
  amount: '元，两位小数',
  code: '字母、数字',
  idNumber: '18位证件号码',
};
