import { checkIdNumberAs, type IdKind } from '../../../shared/identity';
import type { FieldSpec, Party } from '../../../shared/contract/cases';

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Field path → Chinese reason for a party (申请人 / 代办人). */
export function partyProblems(party: Party, path: string, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const check = checkIdNumberAs(party.idNumber, party.idKind as IdKind, today);
  if (!check.valid) out[`${path}.idNumber`] = check.reason ?? '证件号码无效';
  if (party.phone && !PHONE.test(party.phone.replace(/\s/g, ''))) out[`${path}.phone`] = '联系电话应为11位手机号或带区号的固定电话';
  return out;
}

export function normalizedIdNumber(party: Party, today: string): string {
  return checkIdNumberAs(party.idNumber, party.idKind as IdKind, today).normalized ?? party.idNumber.trim().toUpperCase();
}

/** Checks one generated-form value by its inferred type; null when fine. */
export function fieldProblem(spec: FieldSpec, raw: string | undefined, today: string): string | null {
  const value = (raw ?? '').trim();
  if (!value) return spec.required ? `请填写${spec.name}` : null;
  switch (spec.type) {
    case 'phone':
      return PHONE.test(value.replace(/\s/g, '')) ? null : `${spec.name}应为11位手机号或带区号的固定电话`;
    case 'bankAccount':
      return /^\d{12,30}$/.test(value.replace(/\s/g, '')) ? null : `${spec.name}应为12至30位数字`;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? null : `${spec.name}应为有效日期（年-月-日）`;
    case 'amount':
      return /^\d{1,12}(\.\d{1,2})?$/.test(value) ? null : `${spec.name}应为金额，最多两位小数`;
    case 'code':
      return /^[A-Za-z0-9-]{1,40}$/.test(value) ? null : `${spec.name}只能包含字母、数字和短横线`;
    case 'idNumber': {
      const kind = /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value) && !/^\d{17}[\dX]$/i.test(value) ? 'credit-code' : 'resident';
      const check = checkIdNumberAs(value, kind as IdKind, today);
      return check.valid ? null : `${spec.name}：${check.reason ?? '号码无效'}`;
    }
    default:
      return value.length > 500 ? `${spec.name}不超过500字` : null;
  }
}
