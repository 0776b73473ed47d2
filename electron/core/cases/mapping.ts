import type { Kysely, Selectable } from 'kysely';
import type { CasesTable, Database } from '../db/schema';
import type { CaseDetail, CaseSummary, Party } from '../../../shared/contract/cases';
import type { CaseStatus, MaterialStatus } from '../../../shared/cases/model';
import { RUNNING_STATUSES } from '../../../shared/cases/model';
import { maskIdNumber, maskName } from '../../../shared/identity';
import { AppError } from '../errors';
import { ticketLabel } from '../queue/facts';
import { displayNameById } from '../auth/readers';
import { caseMessages } from '../../../shared/messages/zh-CN';

export type CaseRow = Selectable<CasesTable>;

export interface MappingDeps {
  db: Kysely<Database>;
  today: () => string;
  /** Working days in (today, due]; null when the calendar cannot say. */
  workdaysLeft: (today: string, due: string) => number | null;
  training: boolean;
}

/** `clerkName`: the clerk's display name, read through auth/readers by the caller (once per list). */
export function toSummary(row: CaseRow, deps: MappingDeps, clerkName: string): CaseSummary {
  const running = (RUNNING_STATUSES as readonly string[]).includes(row.status);
  return {
    caseNo: row.case_no,
    status: row.status as CaseStatus,
    sourceId: row.source_id,
    itemKey: row.item_key,
    itemName: row.item_name,
    applicantName: maskName(row.applicant_name),
    applicantIdMasked: maskIdNumber(row.applicant_id_number),
    acceptedOn: row.accepted_on,
    dueDate: row.due_date,
    dueProvisional: row.due_provisional === 1,
    workdaysLeft: running && row.due_date ? deps.workdaysLeft(deps.today(), row.due_date) : null,
    clerk: row.clerk,
    clerkName: clerkName || row.clerk,
    counter: row.counter,
    createdAt: row.created_at,
    training: deps.training,
  };
}

export async function rowByCaseNo(db: Kysely<Database>, caseNo: string): Promise<CaseRow> {
  const row = await db.selectFrom('cases').selectAll().where('case_no', '=', caseNo).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `case ${caseNo} not found`, caseMessages.caseNotFound(caseNo));
  return row;
}

// One collator for every sort: localeCompare with a locale builds a new one per call.
const bySeq = new Intl.Collator('zh-CN', { numeric: true });

type MaterialRow = Selectable<Database['case_materials']>;
type HistoryRow = Pick<Selectable<Database['case_history']>, 'at' | 'action' | 'from_status' | 'to_status' | 'actor' | 'counter' | 'note'>;
type DocumentRow = Pick<Selectable<Database['case_documents']>, 'id' | 'kind' | 'title' | 'created_at'>;

export async function toDetail(row: CaseRow, deps: MappingDeps, extra: { answerLabels: string[]; message: string | null }): Promise<CaseDetail> {
  const [materials, history, documents, ticket, clerk] = await Promise.all([
    deps.db.selectFrom('case_materials').selectAll().where('case_id', '=', row.id).execute(),
    deps.db.selectFrom('case_history').selectAll().where('case_id', '=', row.id).orderBy('id').execute(),
    deps.db.selectFrom('case_documents').select(['id', 'kind', 'title', 'created_at']).where('case_id', '=', row.id).orderBy('id').execute(),
    row.ticket_id ? ticketLabel(deps.db, row.ticket_id) : undefined,
    row.clerk_id !== null ? displayNameById(deps.db, row.clerk_id) : undefined,
  ]);
  return composeDetail({ row, materials, history, documents, ticketLabel: ticket ?? null, clerkName: clerk || row.clerk }, deps, extra);
}

/** A case's documents as the detail lists them. */
export function documentList(documents: DocumentRow[]): CaseDetail['documents'] {
  return documents.map((d) => ({ id: d.id, kind: d.kind as CaseDetail['documents'][number]['kind'], title: d.title, createdAt: d.created_at }));
}

/** The detail from rows already at hand (intake builds it from what it just wrote, without reading back). */
export function composeDetail(
  rows: { row: CaseRow; materials: MaterialRow[]; history: HistoryRow[]; documents: DocumentRow[]; ticketLabel: string | null; clerkName: string },
  deps: MappingDeps,
  extra: { answerLabels: string[]; message: string | null },
): CaseDetail {
  const { row, materials, history, documents } = rows;
  const card = row.applicant_card ? (JSON.parse(row.applicant_card) as Partial<Party>) : {};
  return {
    ...toSummary(row, deps, rows.clerkName),
    applicant: { idKind: row.applicant_id_kind as Party['idKind'], idNumber: row.applicant_id_number, name: row.applicant_name, ...(row.applicant_phone ? { phone: row.applicant_phone } : {}), ...card },
    agent: row.agent ? (JSON.parse(row.agent) as Party) : null,
    answers: JSON.parse(row.answers) as Record<string, string>,
    answerLabels: extra.answerLabels,
    materials: [...materials]
      .sort((a, b) => bySeq.compare(a.seq, b.seq))
      .map((m) => ({ seq: m.seq, name: m.name, conditionLabel: m.condition_label ?? undefined, notes: [], promiseAllowed: m.promise_allowed === 1, dataSharing: null, status: m.status as MaterialStatus, note: m.note })),
    form: JSON.parse(row.form) as Record<string, string>,
    timeLimitText: row.time_limit_text,
    ruleText: row.rule_text,
    queryCode: row.query_code,
    reason: row.reason,
    result: row.result,
    message: extra.message,
    history: history.map((h) => ({ at: h.at, action: h.action, fromStatus: h.from_status, toStatus: h.to_status, actor: h.actor, counter: h.counter, note: h.note })),
    documents: documentList(documents),
    pays: row.pays === 1,
    ticketId: row.ticket_id,
    ticketLabel: rows.ticketLabel,
  };
}
