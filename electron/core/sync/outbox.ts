import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import { FINAL_STATUSES, type CaseStatus } from '../../../shared/cases/model';

export const PROTOCOL_VERSION = 'medins-upstream/1';
const DECISIONS = new Set(['accept', 'refuse', 'requestCorrection', 'approve', 'return', 'reject', 'pay', 'complete', 'withdraw', 'resubmit']);

/** One attachment of a material, by content hash; the files arrive with [print-scan]. */
export interface AttachmentRef {
  sha256: string;
  size: number;
  mime: string;
}

/** What the upstream receives for a closed case (docs/upstream-protocol.md §Case message). */
export interface CaseMessage {
  protocol: typeof PROTOCOL_VERSION;
  msgId: string;
  kind: 'case.closed';
  hall: { regionCode: string; name: string; counter: number };
  case: { caseNo: string; status: string; item: { key: string; code: string | null; name: string; sourceId: string }; timeLimit: string; rule: string | null; acceptedOn: string | null; dueDate: string | null; dueProvisional: boolean; createdAt: string; closedAt: string; clerk: string; counter: number };
  applicant: { idKind: string; idNumber: string; name: string; phone: string | null };
  agent: unknown;
  answers: Record<string, string>;
  flags: string[];
  form: Record<string, string>;
  materials: { seq: string; name: string; conditionLabel: string | null; status: string; note: string | null; attachments: AttachmentRef[] }[];
  decisions: { at: string; action: string; actor: string; note: string | null }[];
  history: { at: string; action: string; from: string | null; to: string; actor: string; counter: number | null; note: string | null }[];
  outcome: { status: string; reason: string | null; result: string | null };
}

export interface EnqueueOptions {
  /** A training core never enqueues: training data is never synced. */
  training: boolean;
  at: string;
  hall: { regionCode: string; name: string; counter: number };
  /** Attachments per material seq; [print-scan] provides them. */
  attachments?: Record<string, AttachmentRef[]>;
}

type CaseRow = Selectable<Database['cases']>;
type MaterialRow = Pick<Selectable<Database['case_materials']>, 'seq' | 'name' | 'condition_label' | 'status' | 'note'>;
type HistoryRow = Pick<Selectable<Database['case_history']>, 'at' | 'action' | 'from_status' | 'to_status' | 'actor' | 'counter' | 'note'>;

/** A closing case as rows: the case, its materials and its history in the order it happened. */
export interface ClosingCase {
  row: CaseRow;
  materials: MaterialRow[];
  history: HistoryRow[];
}

/**
 * Called inside the transaction that changes a case: when that change closed it (completed,
 * refused, rejected, withdrawn), writes its message to the outbox in the same transaction, so
 * the case change and its outbox row commit or roll back together.
 */
export async function enqueueIfClosed(trx: Kysely<Database>, caseId: number, opts: EnqueueOptions): Promise<string | null> {
  if (opts.training) return null;
  const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  if (!FINAL_STATUSES.includes(row.status as CaseStatus)) return null;
  const materials = await trx.selectFrom('case_materials').selectAll().where('case_id', '=', caseId).execute();
  const history = await trx.selectFrom('case_history').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  return enqueueClosed(trx, { row, materials, history }, opts);
}

/**
 * The same from rows the caller already holds (intake, which has just written them): no read
 * back. The message id is a UUID minted here once; every send and status query for this
 * closing uses it.
 */
export async function enqueueClosed(trx: Kysely<Database>, closing: ClosingCase, opts: EnqueueOptions): Promise<string | null> {
  if (opts.training || !FINAL_STATUSES.includes(closing.row.status as CaseStatus)) return null;
  const msgId = crypto.randomUUID();
  const message = caseMessage(msgId, closing, opts);
  const { row } = closing;
  const { id } = await trx
    .insertInto('sync_outbox')
    .values({ msg_id: msgId, kind: 'case.closed', case_id: row.id, case_no: row.case_no, case_status: row.status, payload: JSON.stringify(message), status: 'pending', next_attempt_at: opts.at, created_at: opts.at, updated_at: opts.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const seen = new Set<string>();
  for (const a of message.materials.flatMap((m) => m.attachments)) {
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    await trx.insertInto('sync_attachments').values({ outbox_id: id, sha256: a.sha256, size: a.size }).execute();
  }
  return msgId;
}

/** The one place the upstream message is built (docs/upstream-protocol.md §Case message). */
export function caseMessage(msgId: string, { row, materials, history }: ClosingCase, opts: EnqueueOptions): CaseMessage {
  return {
    protocol: PROTOCOL_VERSION,
    msgId,
    kind: 'case.closed',
    hall: opts.hall,
    case: {
      caseNo: row.case_no,
      status: row.status,
      item: { key: row.item_key, code: row.item_code, name: row.item_name, sourceId: row.source_id },
      timeLimit: row.time_limit_text,
      rule: row.rule_text,
      acceptedOn: row.accepted_on,
      dueDate: row.due_date,
      dueProvisional: row.due_provisional === 1,
      createdAt: row.created_at,
      closedAt: opts.at,
      clerk: row.clerk,
      counter: row.counter,
    },
    applicant: { idKind: row.applicant_id_kind, idNumber: row.applicant_id_number, name: row.applicant_name, phone: row.applicant_phone },
    agent: row.agent ? (JSON.parse(row.agent) as unknown) : null,
    answers: JSON.parse(row.answers) as Record<string, string>,
    flags: JSON.parse(row.flags) as string[],
    form: JSON.parse(row.form) as Record<string, string>,
    // Binary order of seq, as the outbox always sent it.
    materials: [...materials].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)).map((m) => ({ seq: m.seq, name: m.name, conditionLabel: m.condition_label, status: m.status, note: m.note, attachments: opts.attachments?.[m.seq] ?? [] })),
    decisions: history.filter((h) => DECISIONS.has(h.action)).map((h) => ({ at: h.at, action: h.action, actor: h.actor, note: h.note })),
    history: history.map((h) => ({ at: h.at, action: h.action, from: h.from_status, to: h.to_status, actor: h.actor, counter: h.counter, note: h.note })),
    outcome: { status: row.status, reason: row.reason, result: row.result },
  };
}
