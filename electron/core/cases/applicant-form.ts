import type { FieldSpec, Party } from '../../../shared/contract/cases';
import { mirrorConflict, mirrorValue } from '../../../shared/cases/mirror';
import { checkIdNumberAs, type IdKind } from '../../../shared/identity';

type Condition = { id: string; question: string; options: readonly { id: string; label: string }[] };

/**
 * One source of truth for the applicant at intake: the 受理信息 that repeat an applicant fact or
 * a condition answer are filled from it when left empty, and refused when they contradict it
 * (defect 1 of issue 15: the form kept an ID number the clerk had corrected on the applicant).
 * Choice fields accept only their options. Returns the form as stored and field-level problems.
 */
export function reconcileForm(fields: readonly FieldSpec[], form: Readonly<Record<string, string>>, applicant: Party, answers: Readonly<Record<string, string>>, conditions: readonly Condition[]): { form: Record<string, string>; problems: Record<string, string> } {
  const out: Record<string, string> = { ...form };
  const problems: Record<string, string> = {};
  for (const f of fields) {
    const given = (form[f.name] ?? '').trim();
    if (f.mirror) {
      if (!given) {
        const value = mirrorValue(f.mirror, applicant);
        if (value) out[f.name] = value;
      } else {
        const conflict = mirrorConflict(f.name, f.mirror, given, applicant);
        if (conflict) problems[`form.${f.name}`] = conflict;
      }
      continue;
    }
    if (f.fromCondition) {
      const condition = conditions.find((c) => c.id === f.fromCondition);
      const label = condition?.options.find((o) => o.id === answers[f.fromCondition!])?.label;
      if (label && !given) out[f.name] = label;
      else if (label && given !== label) problems[`form.${f.name}`] = `${f.name}应与“${condition!.question.replace(/[？?]$/, '')}”的回答一致：${label}`;
      continue;
    }
    if (f.options && given && !f.options.includes(given)) problems[`form.${f.name}`] = `${f.name}只能选择：${f.options.join('、')}`;
  }
  return { form: out, problems };
}

/** Card facts that disagree with the party's own ID number (a misread or mistyped card). */
export function cardFactProblems(party: Party, path: string, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const check = checkIdNumberAs(party.idNumber, party.idKind as IdKind, today);
  if (!check.valid) return out;
  if (party.birthDate && check.birthDate && party.birthDate !== check.birthDate) out[`${path}.birthDate`] = `出生日期与证件号码不符（证件号码为 ${check.birthDate}）`;
  if (party.sex && check.sex && party.sex !== check.sex) out[`${path}.sex`] = `性别与证件号码不符（证件号码为${check.sex}）`;
  return out;
}
