import type { Kysely, Selectable } from 'kysely';
import type { CaseHistoryTable, Database } from '../db/schema';
import type { CatalogService } from '../catalog/service';
import type { CalendarService } from '../calendar/service';
import type { SettingsStore } from '../settings/store';
import type { Settings } from '../../../shared/settings/schema';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { CaseDetail, IntakeInput, Requirements } from '../../../shared/contract/cases';
import { intakeInputSchema } from '../../../shared/contract/cases';
import { CASE_ACTION_LABELS, FINAL_STATUSES, TRANSITIONS, materialReceived, type CaseStatus, type MaterialStatus } from '../../../shared/cases/model';
import { hallDate } from '../../../shared/system/hall-time';
import { findItem, intakeFields, requirementsFor } from './requirements';
import { isInstantItem } from './validate';
import { issueCaseNo } from './case-no';
import { linkCaseToTicket, ticketAtCounter } from '../queue/case-link';
import { displayNameById } from '../auth/readers';
import { composeDetail, documentList, rowByCaseNo, toDetail, type CaseRow, type MappingDeps } from './mapping';
import { fillMessageTemplate } from './template';
import { createCaseQueries } from './queries';
import { buildDocument, caseValues, intakeDocumentKinds, intakeDraft, intakeProblems, intakeStatus } from './intake';
import type { DocumentOptions } from '../../../shared/cases/documents';
import type { CaseDocument } from '../../../shared/contract/cases';
import { pdfFileName, renderDocumentPdf, type PdfLayout } from '../documents/pdf';
import { enqueueClosed, enqueueIfClosed, type AttachmentRef, type EnqueueOptions } from '../sync/outbox';
import { caseMessages } from '../../../shared/messages/zh-CN';

export interface CaseServiceDeps {
  db: Kysely<Database>;
  catalog: CatalogService;
  calendar: CalendarService;
  settings: SettingsStore;
  audit: AuditLog;
  now: () => number;
  training: boolean;
  /** [scan] Per-material PDFs of a case, stored and named by hash, for the message that closes it. */
  attachmentsFor?: (caseId: number) => Promise<Record<string, AttachmentRef[]>>;
}

type Transition = keyof typeof TRANSITIONS;

/**
 * 受理 → 审核 → (拨付) → 办结 at the counter. Every change is one transaction: the case row, its
 * materials, its documents and a history entry together, or nothing; then an audit entry.
 */
export function createCaseService(deps: CaseServiceDeps) {
  const { db, catalog, calendar, settings, audit } = deps;
  const today = () => hallDate(deps.now());
  const iso = () => new Date(deps.now()).toISOString();
  const mapping: MappingDeps = {
    db,
    today,
    training: deps.training,
    workdaysLeft: (from, due) => {
      try {
        // A 暂定 date lies in an unloaded year: its days left are counted the way it was (Monday–Friday).
        return calendar.calendar().provisional().workdaysBetween(from, due);
      } catch {
        return null;
      }
    },
  };

  function itemFor(row: CaseRow) {
    try {
      return catalog.getItem(row.item_key, row.source_id).item;
    } catch {
      return undefined;
    }
  }

  // settings.get() reads settings.json: a step reads it once and hands it down.
  function extras(row: CaseRow, s: Settings = settings.get(), item = itemFor(row)): { answerLabels: string[]; message: string | null } {
    const answers = JSON.parse(row.answers) as Record<string, string>;
    const answerLabels = (item?.conditions ?? []).flatMap((c) => c.options.filter((o) => answers[c.id] === o.id).map((o) => `${c.question.replace(/[？?]$/, '')}：${o.label}`));
    const template = item?.messageTemplates;
    const status = row.status as CaseStatus;
    const values = { hallName: s.hall.name, name: row.applicant_name, date: row.accepted_on ?? hallDate(Date.parse(row.created_at)), reason: row.reason, phone: s.hall.phone || undefined };
    const message = !template ? null : status === 'completed' ? fillMessageTemplate(template.success, values) : ['refused', 'rejected', 'withdrawn'].includes(status) ? fillMessageTemplate(template.failure, values) : null;
    return { answerLabels, message };
  }

  async function detail(row: CaseRow, through: Kysely<Database> = db): Promise<CaseDetail> {
    return toDetail(row, { ...mapping, db: through }, extras(row));
  }

  /** The detail from rows just written, without reading them back. */
  function documentOptions(clerkName: string, s: Settings = settings.get()): DocumentOptions {
    const host = s.webHost.host === '0.0.0.0' || s.webHost.host === '::' ? 'localhost' : s.webHost.host;
    return {
      hall: { hallName: s.hall.name, counter: s.counter.number, counterName: s.counter.name || undefined, regionCode: s.hall.regionCode, progressUrl: s.hall.progressUrl || `http://${host}:${s.webHost.port}/#/progress`, phone: s.hall.phone || undefined, address: s.hall.address || undefined },
      issuedAt: new Date(deps.now()).toISOString(),
      clerkName,
    };
  }

  /** 经办人 as printed: the person's name, never a login name (looked up when the actor lacks it). */
  async function displayNameOf(trx: Kysely<Database>, actor: Actor): Promise<string> {
    if (actor.displayName) return actor.displayName;
    const name = actor.id !== null ? await displayNameById(trx, actor.id) : undefined;
    return name || actor.name;
  }

  /** Produces and stores the documents a step hands the applicant, inside that step's transaction. */
  async function storeDocuments(trx: Kysely<Database>, caseId: number, kinds: CaseDocument['kind'][], actor: Actor): Promise<void> {
    if (!kinds.length) return;
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const d = await detail(row, trx);
    const options = documentOptions(await displayNameOf(trx, actor));
    for (const kind of kinds) {
      const draft = buildDocument(kind, d, itemFor(row), options);
      await trx.insertInto('case_documents').values({ case_id: caseId, kind, title: draft.title, content: JSON.stringify(draft), created_at: iso() }).execute();
    }
  }

  /** 21 digits (22 past 9 999 a counter-day): region, hall day, counter, sequence (cases/case-no.ts). */
  async function nextCaseNo(trx: Kysely<Database>, counter: number, regionCode: string): Promise<string> {
    return issueCaseNo(trx, { day: today(), counter, regionCode });
  }

  async function history(trx: Kysely<Database>, caseId: number, action: string, from: CaseStatus | null, to: CaseStatus, actor: Actor, note: string | null) {
    await trx.insertInto('case_history').values({ case_id: caseId, at: iso(), action, from_status: from, to_status: to, actor: actor.name, counter: actor.counter ?? null, note }).execute();
  }

  const queries = createCaseQueries({ db, mapping, audit, detail, today });
  // [sync]: a change that closes a case writes its upstream message in the same transaction.
  const outboxOptions = (s: Settings, attachments?: Record<string, AttachmentRef[]>): EnqueueOptions => ({
    training: deps.training,
    at: iso(),
    hall: { regionCode: s.hall.regionCode, name: s.hall.name, counter: s.counter.number },
    attachments,
  });

  return {
    ...queries,

    async document(id: number): Promise<CaseDocument> {
      const row = await db.selectFrom('case_documents').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `document ${id} not found`, caseMessages.documentNotFound);
      return { ...(JSON.parse(row.content) as Omit<CaseDocument, 'id' | 'createdAt'>), id: row.id, createdAt: row.created_at };
    },

    async documentPdf(id: number, layout: PdfLayout): Promise<{ fileName: string; base64: string }> {
      const doc = await this.document(id);
      const pdf = await renderDocumentPdf(doc, { layout });
      return { fileName: pdfFileName(doc, layout), base64: pdf.toString('base64') };
    },

    requirements(input: { sourceId?: string; item: string; answers: Record<string, string>; flags: string[] }): Requirements {
      return requirementsFor({ catalog, calendar, today, fieldChoices: settings.get().intake.fieldChoices }, input);
    },

    async intake(actor: Actor & { id: number | null }, raw: IntakeInput): Promise<CaseDetail> {
      const input = intakeInputSchema.parse(raw);
      const { sourceId, item } = findItem(catalog, input.item, input.sourceId);
      const s = settings.get();
      const fields = intakeFields(catalog, sourceId, item, input.agent !== undefined, s.intake.fieldChoices, input.answers);
      const draft = intakeDraft(input, sourceId, item, today(), fields);
      const { day, missing } = draft;
      const problems = intakeProblems(draft, catalog);
      if (Object.keys(problems).length) {
        const first = Object.values(problems)[0]!;
        throw new AppError('BAD_REQUEST', `intake refused: ${Object.keys(problems).join(', ')}`, input.decision === 'accept' && missing.length ? caseMessages.materialsIncomplete(missing.length) : first, problems);
      }

      // A due date in a year whose arrangement is not loaded is accepted as 暂定 (Monday–Friday).
      const due = input.decision === 'accept' ? calendar.dueDate({ acceptedOn: day, timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: input.answers, flags: input.flags }, { provisional: true }) : null;
      const completeNow = input.decision === 'accept' && input.completeNow;
      if (completeNow && due?.rule.kind !== 'instant' && !isInstantItem(item.handlingType, due?.ruleText)) {
        throw new AppError('BAD_REQUEST', 'not an instant item', caseMessages.notInstant);
      }
      const status = intakeStatus(input.decision);
      const counter = s.counter.number;
      const at = iso();
      const clerkName = await displayNameOf(db, actor);
      const options = documentOptions(clerkName, s);

      // One transaction, one commit: the case, its materials, history, documents, outbox message
      // and audit entry, all from what is at hand here (nothing is read back).
      return db.transaction().execute(async (trx) => {
        await keepRequest(trx);
        const caseNo = await nextCaseNo(trx, counter, s.hall.regionCode);
        // The ticket called or served at this counter now: the decision belongs to it (typed by nobody).
        const ticket = await ticketAtCounter(trx, counter);
        const values = caseValues(draft, status, due, { caseNo, clerkId: actor.id, clerk: actor.name, counter, at, ticketId: ticket?.id ?? null });
        const { id } = await trx.insertInto('cases').values(values).returning('id').executeTakeFirstOrThrow();
        const materials = draft.materials.map((m) => ({ case_id: id, seq: m.seq, name: m.name, condition_label: m.conditionLabel ?? null, status: m.status, note: m.note, promise_allowed: m.promiseAllowed ? 1 : 0 }));
        if (materials.length) await trx.insertInto('case_materials').values(materials).execute();
        const history: Omit<Selectable<CaseHistoryTable>, 'id'>[] = [{ case_id: id, at, action: input.decision, from_status: null, to_status: status, actor: actor.name, counter: actor.counter ?? null, note: input.reason ?? null }];
        if (completeNow) history.push({ case_id: id, at, action: 'complete', from_status: 'accepted', to_status: 'completed', actor: actor.name, counter: actor.counter ?? null, note: '即办件当场办结' });
        await trx.insertInto('case_history').values(history).execute();
        const row: CaseRow = { ...(values as Omit<CaseRow, 'id'>), id, ...(completeNow ? { status: 'completed', result: '当场办结' } : {}) };
        const held = { row, materials, history, ticketLabel: ticket?.label ?? null, clerkName };
        if (ticket) await linkCaseToTicket(trx, ticket, caseNo);
        const before = composeDetail({ ...held, documents: [] }, mapping, extras(held.row, s, item));
        const documents = intakeDocumentKinds(input.decision, completeNow).map((kind) => {
          const draftDoc = buildDocument(kind, before, item, options);
          return { case_id: id, kind, title: draftDoc.title, content: JSON.stringify(draftDoc), created_at: at };
        });
        const stored = await trx.insertInto('case_documents').values(documents).returning(['id', 'kind']).execute();
        await enqueueClosed(trx, held, outboxOptions(s));
        await audit.record(actor, `case.${input.decision}`, `case:${caseNo}`, { item: item.name, source: sourceId, missing: missing.map((m) => m.seq) }, trx);
        // The detail the documents were built from, now with the documents' ids.
        return { ...before, documents: documentList(documents.map((d) => ({ id: stored.find((s) => s.kind === d.kind)!.id, kind: d.kind, title: d.title, created_at: at }))) };
      });
    },

    async transition(actor: Actor, caseNo: string, action: Transition, payload: { reason?: string; result?: string; note?: string; defects?: { seq: string; note: string }[]; materials?: { seq: string; status: MaterialStatus; note?: string }[] }): Promise<CaseDetail> {
      const row = await rowByCaseNo(db, caseNo);
      const from = row.status as CaseStatus;
      const rule = TRANSITIONS[action];
      const label = CASE_ACTION_LABELS[action];
      if (!rule.from.includes(from)) {
        const why = (FINAL_STATUSES as readonly string[]).includes(from) ? caseMessages.caseClosed : caseMessages.actionNotAllowed(label);
        throw new AppError('CONFLICT', `cannot ${action} a case in status ${from}`, caseMessages.transitionRefused(why, caseNo));
      }
      if (action === 'pay' && row.pays !== 1) throw new AppError('CONFLICT', 'item has no payment step', caseMessages.noPaymentStep);
      if ((action === 'reject' || action === 'return') && !payload.reason) throw new AppError('BAD_REQUEST', 'reason required', caseMessages.reasonRequired(label), { reason: caseMessages.reasonRequired(label) });
      if (action === 'complete' && !payload.result) throw new AppError('BAD_REQUEST', 'result required', caseMessages.resultRequired, { result: caseMessages.resultRequired });
      const to = rule.to;
      // The PDFs are built before the transaction (files, not rows); an unused one costs disk only.
      const attachments = FINAL_STATUSES.includes(to) && !deps.training ? await deps.attachmentsFor?.(row.id) : undefined;
      await db.transaction().execute(async (trx) => {
        const at = iso();
        if (action === 'return') {
          for (const d of payload.defects ?? []) await trx.updateTable('case_materials').set({ status: 'defective', note: d.note }).where('case_id', '=', row.id).where('seq', '=', d.seq).execute();
        }
        if (action === 'resubmit') {
          for (const m of payload.materials ?? []) await trx.updateTable('case_materials').set({ status: m.status, note: m.note ?? null }).where('case_id', '=', row.id).where('seq', '=', m.seq).execute();
          const still = await trx.selectFrom('case_materials').select(['seq', 'name', 'status']).where('case_id', '=', row.id).execute();
          const lacking = still.filter((m) => !materialReceived(m.status as MaterialStatus));
          if (lacking.length) throw new AppError('BAD_REQUEST', 'materials still missing', caseMessages.materialsStillMissing(lacking.map((m) => m.name)), Object.fromEntries(lacking.map((m) => [`materials.${m.seq}`, caseMessages.materialStillMissingField])));
        }
        const sets: { status: string; updated_at: string; reason?: string; result?: string; accepted_on?: string; due_date?: string; due_provisional?: number; rule_text?: string } = { status: to, updated_at: at };
        if (payload.reason) sets.reason = payload.reason;
        if (action === 'complete' && payload.result) sets.result = payload.result;
        if (action === 'resubmit' && from === 'correction_requested') {
          // First acceptance: the time limit starts now.
          const item = itemFor(row);
          if (!item) throw new AppError('NOT_FOUND', 'item no longer in catalog', caseMessages.itemGone);
          const due = calendar.dueDate({ acceptedOn: today(), timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: JSON.parse(row.answers) as Record<string, string>, flags: JSON.parse(row.flags) as string[] }, { provisional: true });
          Object.assign(sets, { accepted_on: today(), due_date: due.dueDate, due_provisional: due.provisional ? 1 : 0, rule_text: due.ruleText });
        }
        const changed = await trx.updateTable('cases').set(sets).where('id', '=', row.id).where('status', '=', from).executeTakeFirst();
        // Another counter changed the case since it was read: nothing of this step is written.
        if (Number(changed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `case ${caseNo} changed meanwhile`, caseMessages.changedMeanwhile(caseNo));
        await history(trx, row.id, action, from, to, actor, payload.reason ?? payload.result ?? payload.note ?? null);
        const kinds: CaseDocument['kind'][] = action === 'return' ? ['oneTimeNotice'] : action === 'complete' ? ['completionNotice'] : action === 'resubmit' ? ['acceptanceReceipt'] : [];
        await storeDocuments(trx, row.id, kinds, actor);
        await enqueueIfClosed(trx, row.id, outboxOptions(settings.get(), attachments));
        await audit.record(actor, `case.${action}`, `case:${caseNo}`, { from, to }, trx);
      });
      return detail(await rowByCaseNo(db, caseNo));
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
