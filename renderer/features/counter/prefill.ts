import { checkIdNumberAs, ID_KIND_LABELS, type IdKind } from '../../../shared/identity';
import type { Party } from '../../../shared/contract/cases';

/**
 * 受理信息 fields that repeat what the clerk typed for the applicant (姓名, 联系电话, 证件…):
 * filled in from the applicant until the clerk edits the field.
 */
export function applicantValueFor(fieldName: string, applicant: Partial<Party> | undefined): string | undefined {
  if (!applicant) return undefined;
  const name = fieldName.trim();
  if (/^(姓名|参保人员姓名|申请人姓名)$/.test(name)) return applicant.name;
  if (/^(联系电话|联系方式|手机号码|申请人联系电话)$/.test(name)) return applicant.phone;
  if (name === '证件类型及号码') return applicant.idKind && applicant.idNumber ? `${ID_KIND_LABELS[applicant.idKind as IdKind]} ${applicant.idNumber.trim().toUpperCase()}` : undefined;
  if (name === '出生日期' && applicant.idKind && applicant.idNumber) return checkIdNumberAs(applicant.idNumber, applicant.idKind as IdKind).birthDate;
  if (/^(身份证号码|公民身份号码|证件号码|社会保障号码)$/.test(name)) return applicant.idNumber?.trim().toUpperCase();
  return undefined;
}
