import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { CasesTable } from '../db/schema';
import type { CatalogService } from '../catalog/service';
import type { CaseDetail, CaseDocument } from '../../../shared/contract/cases';
import type { intakeInputSchema } from '../../../shared/contract/cases';
import type { z } from 'zod';
import { itemPays, materialReceived, type CaseStatus, type MaterialStatus } from '../../../shared/cases/model';
import { buildAcceptanceReceipt, buildCompletionNotice, buildOneTimeNotice, buildRefusalNotice, type CaseDocumentDraft, type DocumentOptions } from '../../../shared/cases/documents';
import type { FieldSpec, Party } from '../../../shared/contract/cases';
import { applicableMaterials } from './requirements';
import { fieldProblem, normalizedIdNumber, partyProblems } from './validate';
import { cardFactProblems, reconcileForm } from './applicant-form';

/**
 * The pure half of 受理: what an intake form means (materials, problems, the case row, the
 * documents it hands out), worked out before the transaction from what the request holds. The
 * service then writes it all in one transaction without reading anything back.
 */
type Item = ReturnType<CatalogService['getItem']>['item'];

export type ParsedIntake = z.output<typeof intakeInputSchema>;

export interface IntakeMaterial {
  seq: string;
  name: string;
  conditionLabel?: string;
  promiseAllowed: boolean;
  status: MaterialStatus;
  note: string | null;
}

/** Everything the validation steps look at. */
export interface IntakeDraft {
  input: ParsedIntake;
  sourceId: string;
  item: Item;
  /** The hall day of the intake (YYYY-MM-DD). */
  day: string;
  materials: IntakeMaterial[];
  /** Materials not received (missing or defective). */
  missing: IntakeMaterial[];
  /** The 受理信息 fields that apply to this person (settings' choices, the answers so far). */
  fields: FieldSpec[];
  /** Contradictions between the form and the applicant, found while the form was reconciled. */
  formProblems: Record<string, string>;
}

/**
 * The intake as it will be stored: the form's mirrored and answered fields are filled from the
 * applicant and the answers (one source of truth), and contradictions are kept for the checks.
 */
export function intakeDraft(raw: ParsedIntake, sourceId: string, item: Item, day: string, fields: FieldSpec[]): IntakeDraft {
  const reconciled = reconcileForm(fields, raw.form, raw.applicant, raw.answers, item.conditions ?? []);
  const input = { ...raw, form: reconciled.form };
  const given = new Map(input.materials.map((m) => [m.seq, m]));
  const materials = applicableMaterials(item, input.answers).map((m) => {
    const g = given.get(m.seq);
    return { seq: m.seq, name: m.name, conditionLabel: m.conditionLabel, promiseAllowed: m.promiseAllowed, status: g?.status ?? ('missing' as MaterialStatus), note: g?.note ?? null };
  });
  return { input, sourceId, item, day, materials, missing: materials.filter((m) => !materialReceived(m.status)), fields, formProblems: reconciled.problems };
}

/** One validation step: field path → Chinese reason, empty when the step has nothing to say. */
type IntakeCheck = (draft: IntakeDraft, catalog: CatalogService) => Record<string, string>;

const partiesCheck: IntakeCheck = ({ input, day }) => ({ ...partyProblems(input.applicant, 'applicant', day), ...cardFactProblems(input.applicant, 'applicant', day), ...(input.agent ? partyProblems(input.agent, 'agent', day) : {}) });

/** The form may not name another person than the applicant (证件号码, 姓名, 出生日期). */
const formCheck: IntakeCheck = ({ formProblems }) => formProblems;

const answersCheck: IntakeCheck = ({ input, item }) => {
  const out: Record<string, string> = {};
  for (const c of item.conditions ?? []) {
    // A refusal (不属于本窗口受理范围…) needs no answers; everything else does.
    if (!input.answers[c.id]) {
      if (input.decision !== 'refuse') out[`answers.${c.id}`] = `请选择：${c.question}`;
    }
    else if (!c.options.some((o) => o.id === input.answers[c.id])) out[`answers.${c.id}`] = `“${c.question}”的选项无效`;
  }
  return out;
};

const promisesCheck: IntakeCheck = ({ materials }) => Object.fromEntries(materials.filter((m) => m.status === 'promise' && !m.promiseAllowed).map((m) => [`materials.${m.seq}`, `“${m.name}”不能以个人承诺代替`]));

/** Accepting needs every material and the 受理信息 fields; refusing or asking for corrections needs a reason. */
const decisionCheck: IntakeCheck = ({ input, day, missing, fields }) => {
  const out: Record<string, string> = {};
  if (input.decision === 'accept') {
    for (const m of missing) out[`materials.${m.seq}`] = `${m.name}：${m.status === 'missing' ? '缺少' : '不符合要求'}`;
    for (const f of fields) {
      const p = fieldProblem(f, input.form[f.name], day);
      if (p) out[`form.${f.name}`] = p;
    }
  } else {
    if (!input.reason) out.reason = input.decision === 'refuse' ? '请填写不予受理的原因' : '请填写需要补正的原因';
    if (input.decision === 'requestCorrection' && missing.length === 0) out.materials = '一次性告知须列出缺少或不符合要求的材料';
  }
  return out;
};

/** The steps, in the order their reasons are shown; a new rule is one more entry here. */
const INTAKE_CHECKS: IntakeCheck[] = [partiesCheck, formCheck, answersCheck, promisesCheck, decisionCheck];

export function intakeProblems(draft: IntakeDraft, catalog: CatalogService): Record<string, string> {
  // The first step to name a field keeps it: a contradiction says more than "please fill in".
  const out: Record<string, string> = {};
  for (const check of INTAKE_CHECKS) for (const [path, reason] of Object.entries(check(draft, catalog))) out[path] ??= reason;
  return out;
}

export function intakeStatus(decision: ParsedIntake['decision']): CaseStatus {
  return decision === 'accept' ? 'accepted' : decision === 'refuse' ? 'refused' : 'correction_requested';
}

/** The documents an intake hands the applicant. */
export function intakeDocumentKinds(decision: ParsedIntake['decision'], completeNow: boolean): CaseDocument['kind'][] {
  // 不予受理 is a 不予受理通知书, not a request for materials.
  if (decision !== 'accept') return decision === 'refuse' ? ['refusalNotice'] : ['oneTimeNotice'];
  return completeNow ? ['acceptanceReceipt', 'completionNotice'] : ['acceptanceReceipt'];
}

/** One document of a case, from its detail: every kind has its builder here. */
export function buildDocument(kind: CaseDocument['kind'], detail: CaseDetail, item: Item | undefined, options: DocumentOptions): CaseDocumentDraft {
  switch (kind) {
    case 'acceptanceReceipt':
      return buildAcceptanceReceipt(detail, options);
    case 'oneTimeNotice':
      return buildOneTimeNotice(detail, { legalBasis: item?.legalBasis ?? [] }, options);
    case 'refusalNotice':
      return buildRefusalNotice(detail, { legalBasis: item?.legalBasis ?? [] }, options);
    case 'completionNotice':
      return buildCompletionNotice(detail, options);
  }
}

/** 8 characters of A–Z and 0–9 for the public progress page. */
export function newQueryCode(): string {
  return crypto.randomBytes(6).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, '7').slice(0, 8);
}

/** The `cases` row of an intake, as inserted (the number, clerk and times come from the service). */
export function caseValues(
  draft: IntakeDraft,
  status: CaseStatus,
  due: { dueDate: string; ruleText: string; provisional?: boolean } | null,
  who: { caseNo: string; clerkId: number | null; clerk: string; counter: number; at: string; ticketId: string | null },
): Insertable<CasesTable> {
  const { input, item, day } = draft;
  return {
    case_no: who.caseNo,
    query_code: newQueryCode(),
    status,
    source_id: draft.sourceId,
    item_key: item.key,
    item_code: item.code ?? null,
    item_name: item.name,
    pays: itemPays(item.process) ? 1 : 0,
    applicant_id_kind: input.applicant.idKind,
    applicant_id_number: normalizedIdNumber(input.applicant, day),
    applicant_name: input.applicant.name,
    applicant_phone: input.applicant.phone ?? null,
    agent: input.agent ? JSON.stringify({ ...input.agent, idNumber: normalizedIdNumber(input.agent, day) }) : null,
    answers: JSON.stringify(input.answers),
    flags: JSON.stringify(input.flags),
    form: JSON.stringify(input.form),
    time_limit_text: item.timeLimit.text,
    rule_text: due?.ruleText ?? null,
    accepted_on: due ? day : null,
    due_date: due?.dueDate ?? null,
    due_provisional: due?.provisional ? 1 : 0,
    reason: input.reason ?? null,
    result: null,
    clerk_id: who.clerkId,
    clerk: who.clerk,
    counter: who.counter,
    ticket_id: who.ticketId,
    applicant_card: applicantCard(input.applicant),
    created_at: who.at,
    updated_at: who.at,
  };
}

/** The applicant's card facts as stored (cases.applicant_card), or null when none were read. */
function applicantCard(applicant: Party): string | null {
  const { sex, nation, birthDate, address, cardSource } = applicant;
  const card = Object.fromEntries(Object.entries({ sex, nation, birthDate, address, cardSource }).filter(([, v]) => v !== undefined && v !== ''));
  return Object.keys(card).length ? JSON.stringify(card) : null;
}
