import { checkIdNumberAs, ID_KIND_LABELS, normalizeIdNumber, type IdKind } from '../identity';
import type { MirrorFact, Party } from '../contract/cases';

/**
 * 受理信息 fields that repeat a fact of the applicant (姓名, 证件, 出生日期, 联系电话, 住址…).
 * One rule for both sides: the screen fills them from the applicant until the clerk edits them on
 * purpose; core fills the ones left empty and refuses a form that contradicts the applicant.
 */

const MIRROR_NAMES: Readonly<Record<MirrorFact, readonly string[]>> = {
  name: ['姓名', '参保人员姓名', '申请人姓名'],
  idDoc: ['证件类型及号码', '申请人证件类型及号码'],
  idNumber: ['身份证号码', '公民身份号码', '社会保障号码', '证件号码', '身份证件号码'],
  birthDate: ['出生日期'],
  phone: ['联系电话', '联系方式', '手机号码', '申请人联系电话'],
  // 住址 on the card is the 户籍 address: it answers where the form asks for either.
  address: ['户籍地址', '住址', '居住地址', '家庭住址'],
  sex: ['性别'],
  nation: ['民族'],
};

const BY_NAME = new Map<string, MirrorFact>(Object.entries(MIRROR_NAMES).flatMap(([fact, names]) => names.map((n) => [n, fact as MirrorFact] as const)));

/** The applicant fact a 受理信息 field repeats, by its name as the catalogs word it. */
export function mirrorOf(fieldName: string): MirrorFact | undefined {
  return BY_NAME.get(fieldName.trim());
}

/** Facts a form may not contradict: they identify the person (a differing phone is only another number). */
export const BINDING_FACTS: readonly MirrorFact[] = ['name', 'idDoc', 'idNumber', 'birthDate'];

function idNumberOf(applicant: Partial<Party>): string | undefined {
  return applicant.idNumber ? normalizeIdNumber(applicant.idNumber) : undefined;
}

function birthDateOf(applicant: Partial<Party>): string | undefined {
  if (applicant.idKind && applicant.idNumber) {
    const fromId = checkIdNumberAs(applicant.idNumber, applicant.idKind as IdKind).birthDate;
    if (fromId) return fromId;
  }
  return applicant.birthDate;
}

/** What the applicant says for a fact; undefined when the applicant does not hold it. */
export function mirrorValue(fact: MirrorFact, applicant: Partial<Party> | undefined): string | undefined {
  if (!applicant) return undefined;
  const v = (() => {
    switch (fact) {
      case 'name':
        return applicant.name?.trim();
      case 'idDoc':
        return applicant.idKind && applicant.idNumber ? `${ID_KIND_LABELS[applicant.idKind as IdKind]} ${idNumberOf(applicant)}` : undefined;
      case 'idNumber':
        return idNumberOf(applicant);
      case 'birthDate':
        return birthDateOf(applicant);
      case 'phone':
        return applicant.phone?.trim();
      case 'address':
        return applicant.address?.trim();
      case 'sex':
        return applicant.sex ?? (applicant.idKind && applicant.idNumber ? checkIdNumberAs(applicant.idNumber, applicant.idKind as IdKind).sex : undefined);
      case 'nation':
        return applicant.nation?.trim();
    }
  })();
  return v ? v : undefined;
}

/** The value a field named so takes from the applicant, if it mirrors one of their facts. */
export function applicantValueFor(fieldName: string, applicant: Partial<Party> | undefined): string | undefined {
  const fact = mirrorOf(fieldName);
  return fact ? mirrorValue(fact, applicant) : undefined;
}

const squash = (s: string) => s.replace(/[\s\u3000]/g, '').toUpperCase();

/**
 * The Chinese reason a form value contradicts the applicant, or null. Only the identifying facts
 * count; an empty value or an applicant without the fact never contradicts.
 */
export function mirrorConflict(fieldName: string, fact: MirrorFact, value: string, applicant: Partial<Party>): string | null {
  if (!BINDING_FACTS.includes(fact) || value.trim() === '') return null;
  const expected = mirrorValue(fact, applicant);
  if (!expected) return null;
  const given = squash(value);
  switch (fact) {
    case 'idDoc':
    case 'idNumber': {
      const number = idNumberOf(applicant)!;
      // 证件类型及号码 may be written with or without the kind: the number is what must agree.
      if (given === squash(expected) || given === number || given.endsWith(number)) return null;
      return `${fieldName}与申请人证件号码（${number}）不一致`;
    }
    case 'name':
      return given === squash(expected) ? null : `${fieldName}与申请人姓名（${expected}）不一致`;
    default:
      return given === squash(expected) ? null : `${fieldName}与申请人出生日期（${expected}）不一致`;
  }
}
