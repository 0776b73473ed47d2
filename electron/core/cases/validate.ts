import { checkIdNumberAs, type IdKind } from '../../../shared/identity';
import type { Party } from '../../../shared/contract/cases';
import { phoneProblem } from '../../../shared/cases/field-rules';

export { fieldProblem, isInstantItem } from '../../../shared/cases/field-rules';

/** Field path → Chinese reason for a party (申请人 / 代办人). */
export function partyProblems(party: Party, path: string, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const check = checkIdNumberAs(party.idNumber, party.idKind as IdKind, today);
  if (!check.valid) out[`${path}.idNumber`] = check.reason ?? '证件号码无效';
  const phone = party.phone ? phoneProblem(party.phone) : null;
  if (phone) out[`${path}.phone`] = phone;
  return out;
}

export function normalizedIdNumber(party: Party, today: string): string {
  return checkIdNumberAs(party.idNumber, party.idKind as IdKind, today).normalized ?? party.idNumber.trim().toUpperCase();
}
