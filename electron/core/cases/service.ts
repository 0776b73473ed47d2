import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CatalogService } from '../catalog/service';
import type { CalendarService } from '../calendar/service';
import type { SettingsStore } from '../settings/store';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import type { CaseDetail, IntakeInput, Party, Requirements } from '../../../shared/contract/cases';
import { intakeInputSchema } from '../../../shared/contract/cases';
import { CASE_ACTION_LABELS, FINAL_STATUSES, TRANSITIONS, itemPays, materialReceived, type CaseStatus, type MaterialStatus } from '../../../shared/cases/model';
import { hallDate } from '../../../shared/system/hall-time';
import { applicableMaterials, findItem, intakeFields, requirementsFor } from './requirements';
import { fieldProblem, isInstantItem, normalizedIdNumber, partyProblems } from './validate';
import { rowByCaseNo, toDetail, type CaseRow, type MappingDeps } from './mapping';
import { fillMessageTemplate } from './template';
import { createCaseQueries } from './queries';
import { issueCaseNo } from './case-no';
import { buildAcceptanceReceipt, buildCompletionNotice, buildOneTimeNotice, buildRefusalNotice, type DocumentOptions } from '../../../shared/cases/documents';
import { cardFactProblems, reconcileForm } from './applicant-form';
import { linkCaseToTicket, ticketAtCounter } from './ticket-link';
import type { CaseDocument } from '../../../shared/contract/cases';
import { pdfFileName, renderDocumentPdf, type PdfLayout } from '../documents/pdf';
import { enqueueIfClosed, type AttachmentRef } from '../sync/outbox';

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

/** What an intake decision hands the applicant: 不予受理 is a 不予受理通知书, not a request for materials. */
function intakeDocuments(decision: IntakeInput['decision'], completeNow: boolean): CaseDocument['kind'][] {
  if (decision === 'accept') return completeNow ? ['acceptanceReceipt', 'completionNotice'] : ['acceptanceReceipt'];
  return decision === 'refuse' ? ['refusalNotice'] : ['oneTimeNotice'];
}

/** The applicant's card facts as stored (cases.applicant_card), or null when none were read. */
function applicantCard(applicant: Party): string | null {
  const { sex, nation, birthDate, address, cardSource } = applicant;
  const card = Object.fromEntries(Object.entries({ sex, nation, birthDate, address, cardSource }).filter(([, v]) => v !== undefined && v !== ''));
  return Object.keys(card).length ? JSON.stringify(card) : null;
}

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

  async function detail(row: CaseRow, through: Kysely<Database> = db): Promise<CaseDetail> {
    const item = itemFor(row);
    const answers = JSON.parse(row.answers) as Record<string, string>;
    const answerLabels = (item?.conditions ?? []).flatMap((c) => c.options.filter((o) => answers[c.id] === o.id).map((o) => `${c.question.replace(/[？?]$/, '')}：${o.label}`));
    const template = item?.messageTemplates;
    const status = row.status as CaseStatus;
    const values = { hallName: settings.get().hall.name, name: row.applicant_name, date: row.accepted_on ?? hallDate(Date.parse(row.created_at)), reason: row.reason, phone: settings.get().hall.phone || undefined };
    const message = !template ? null : status === 'completed' ? fillMessageTemplate(template.success, values) : ['refused', 'rejected', 'withdrawn'].includes(status) ? fillMessageTemplate(template.failure, values) : null;
    return toDetail(row, { ...mapping, db: through }, { answerLabels, message });
  }

  function documentOptions(clerkName: string): DocumentOptions {
    const s = settings.get();
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
    const user = actor.id !== null ? await trx.selectFrom('users').select('display_name').where('id', '=', actor.id).executeTakeFirst() : undefined;
    return user?.display_name || actor.name;
  }

  /** Produces and stores the documents a step hands the applicant, inside that step's transaction. */
  async function storeDocuments(trx: Kysely<Database>, caseId: number, kinds: CaseDocument['kind'][], actor: Actor): Promise<void> {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    const d = await detail(row, trx);
    const options = documentOptions(await displayNameOf(trx, actor));
    for (const kind of kinds) {
      const draft =
        kind === 'acceptanceReceipt'
          ? buildAcceptanceReceipt(d, options)
          : kind === 'oneTimeNotice'
            ? buildOneTimeNotice(d, { legalBasis: itemFor(row)?.legalBasis ?? [] }, options)
            : kind === 'refusalNotice'
              ? buildRefusalNotice(d, { legalBasis: itemFor(row)?.legalBasis ?? [] }, options)
              : buildCompletionNotice(d, options);
      await trx.insertInto('case_documents').values({ case_id: caseId, kind, title: draft.title, content: JSON.stringify(draft), created_at: iso() }).execute();
    }
  }

  async function nextCaseNo(trx: Kysely<Database>, counter: number): Promise<string> {
    return issueCaseNo(trx, { day: today(), counter, regionCode: settings.get().hall.regionCode });
  }

  async function history(trx: Kysely<Database>, caseId: number, action: string, from: CaseStatus | null, to: CaseStatus, actor: Actor, note: string | null) {
    await trx.insertInto('case_history').values({ case_id: caseId, at: iso(), action, from_status: from, to_status: to, actor: actor.name, counter: actor.counter ?? null, note }).execute();
  }

  const queries = createCaseQueries({ db, mapping, audit, detail, today });
  // [sync]: a change that closes a case writes its upstream message in the same transaction.
  const outbox = (trx: Kysely<Database>, caseId: number, attachments?: Record<string, AttachmentRef[]>) =>
    enqueueIfClosed(trx, caseId, { training: deps.training, at: iso(), hall: { regionCode: settings.get().hall.regionCode, name: settings.get().hall.name, counter: settings.get().counter.number }, attachments });

  return {
    ...queries,

    async document(id: number): Promise<CaseDocument> {
      const row = await db.selectFrom('case_documents').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `document ${id} not found`, '未找到该文书');
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
      const day = today();
      const problems: Record<string, string> = { ...partyProblems(input.applicant, 'applicant', day), ...cardFactProblems(input.applicant, 'applicant', day), ...(input.agent ? partyProblems(input.agent, 'agent', day) : {}) };
      const fields = intakeFields(catalog, sourceId, item, input.agent !== undefined, settings.get().intake.fieldChoices, input.answers);
      const reconciled = reconcileForm(fields, input.form, input.applicant, input.answers, item.conditions ?? []);
      Object.assign(problems, reconciled.problems);
      input.form = reconciled.form;
      for (const c of item.conditions ?? []) {
        // A refusal (不属于本窗口受理范围…) needs no answers; everything else does.
        if (!input.answers[c.id]) {
          if (input.decision !== 'refuse') problems[`answers.${c.id}`] = `请选择：${c.question}`;
        }
        else if (!c.options.some((o) => o.id === input.answers[c.id])) problems[`answers.${c.id}`] = `“${c.question}”的选项无效`;
      }
      const required = applicableMaterials(item, input.answers);
      const given = new Map(input.materials.map((m) => [m.seq, m]));
      const materials = required.map((m) => {
        const g = given.get(m.seq);
        const status: MaterialStatus = g?.status ?? 'missing';
        if (status === 'promise' && !m.promiseAllowed) problems[`materials.${m.seq}`] = `“${m.name}”不能以个人承诺代替`;
        return { ...m, status, note: g?.note ?? null };
      });
      const missing = materials.filter((m) => !materialReceived(m.status));
      if (input.decision === 'accept') {
        for (const m of missing) problems[`materials.${m.seq}`] = `${m.name}：${m.status === 'missing' ? '缺少' : '不符合要求'}`;
        for (const f of fields) {
          const p = fieldProblem(f, input.form[f.name], day);
          if (p && !problems[`form.${f.name}`]) problems[`form.${f.name}`] = p;
        }
      } else {
        if (!input.reason) problems.reason = input.decision === 'refuse' ? '请填写不予受理的原因' : '请填写需要补正的原因';
        if (input.decision === 'requestCorrection' && missing.length === 0) problems.materials = '一次性告知须列出缺少或不符合要求的材料';
      }
      if (Object.keys(problems).length) {
        const first = Object.values(problems)[0]!;
        throw new AppError('BAD_REQUEST', `intake refused: ${Object.keys(problems).join(', ')}`, input.decision === 'accept' && missing.length ? `材料不齐，不能受理：缺少或不符合要求的材料共 ${missing.length} 项` : first, problems);
      }

      const due = input.decision === 'accept' ? calendar.dueDate({ acceptedOn: day, timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: input.answers, flags: input.flags }, { provisional: true }) : null;
      const completeNow = input.decision === 'accept' && input.completeNow;
      if (completeNow && due?.rule.kind !== 'instant' && !isInstantItem(item.handlingType, due?.ruleText)) {
        throw new AppError('BAD_REQUEST', 'not an instant item', '该事项不是即办件，不能当场办结');
      }
      const status: CaseStatus = input.decision === 'accept' ? 'accepted' : input.decision === 'refuse' ? 'refused' : 'correction_requested';
      const counter = settings.get().counter.number;
      const at = iso();

      const caseNo = await db.transaction().execute(async (trx) => {
        const no = await nextCaseNo(trx, counter);
        const ticket = await ticketAtCounter(trx, counter);
        const { id } = await trx
          .insertInto('cases')
          .values({
            case_no: no,
            query_code: crypto.randomBytes(6).toString('base64url').toUpperCase().replace(/[^A-Z0-9]/g, '7').slice(0, 8),
            status,
            source_id: sourceId,
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
            clerk_id: actor.id,
            clerk: actor.name,
            counter,
            ticket_id: ticket?.id ?? null,
            applicant_card: applicantCard(input.applicant),
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        for (const m of materials) {
          await trx.insertInto('case_materials').values({ case_id: id, seq: m.seq, name: m.name, condition_label: m.conditionLabel ?? null, status: m.status, note: m.note, promise_allowed: m.promiseAllowed ? 1 : 0 }).execute();
        }
        await history(trx, id, input.decision, null, status, actor, input.reason ?? null);
        if (completeNow) {
          await trx.updateTable('cases').set({ status: 'completed', result: '当场办结', updated_at: at }).where('id', '=', id).execute();
          await history(trx, id, 'complete', 'accepted', 'completed', actor, '即办件当场办结');
        }
        if (ticket) await linkCaseToTicket(trx, ticket, no);
        await storeDocuments(trx, id, intakeDocuments(input.decision, completeNow), actor);
        await outbox(trx, id);
        return no;
      });
      await audit.record(actor, `case.${input.decision}`, `case:${caseNo}`, { item: item.name, source: sourceId, missing: missing.map((m) => m.seq) });
      return detail(await rowByCaseNo(db, caseNo));
    },

    async transition(actor: Actor, caseNo: string, action: Transition, payload: { reason?: string; result?: string; note?: string; defects?: { seq: string; note: string }[]; materials?: { seq: string; status: MaterialStatus; note?: string }[] }): Promise<CaseDetail> {
      const row = await rowByCaseNo(db, caseNo);
      const from = row.status as CaseStatus;
      const rule = TRANSITIONS[action];
      const label = CASE_ACTION_LABELS[action];
      if (!rule.from.includes(from)) {
        const why = (FINAL_STATUSES as readonly string[]).includes(from) ? '该办件已结束' : `当前状态不能${label}`;
        throw new AppError('CONFLICT', `cannot ${action} a case in status ${from}`, `${why}（办件 ${caseNo}）`);
      }
      if (action === 'pay' && row.pays !== 1) throw new AppError('CONFLICT', 'item has no payment step', '该事项没有拨付环节');
      if ((action === 'reject' || action === 'return') && !payload.reason) throw new AppError('BAD_REQUEST', 'reason required', `请填写${label}的原因`, { reason: `请填写${label}的原因` });
      if (action === 'complete' && !payload.result) throw new AppError('BAD_REQUEST', 'result required', '请填写办理结果', { result: '请填写办理结果' });
      let to = rule.to;
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
          if (lacking.length) throw new AppError('BAD_REQUEST', 'materials still missing', `仍缺少或不符合要求的材料：${lacking.map((m) => m.name).join('、')}`, Object.fromEntries(lacking.map((m) => [`materials.${m.seq}`, '仍缺少或不符合要求'])));
        }
        const sets: { status: string; updated_at: string; reason?: string; result?: string; accepted_on?: string; due_date?: string; due_provisional?: number; rule_text?: string } = { status: to, updated_at: at };
        if (payload.reason) sets.reason = payload.reason;
        if (action === 'complete' && payload.result) sets.result = payload.result;
        if (action === 'resubmit' && from === 'correction_requested') {
          // First acceptance: the time limit starts now.
          const item = itemFor(row);
          if (!item) throw new AppError('NOT_FOUND', 'item no longer in catalog', '该事项已不在事项清单中');
          const due = calendar.dueDate({ acceptedOn: today(), timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: JSON.parse(row.answers) as Record<string, string>, flags: JSON.parse(row.flags) as string[] }, { provisional: true });
          Object.assign(sets, { accepted_on: today(), due_date: due.dueDate, due_provisional: due.provisional ? 1 : 0, rule_text: due.ruleText });
        }
        await trx.updateTable('cases').set(sets).where('id', '=', row.id).where('status', '=', from).execute();
        await history(trx, row.id, action, from, to, actor, payload.reason ?? payload.result ?? payload.note ?? null);
        const kinds: CaseDocument['kind'][] = action === 'return' ? ['oneTimeNotice'] : action === 'complete' ? ['completionNotice'] : action === 'resubmit' ? ['acceptanceReceipt'] : [];
        await storeDocuments(trx, row.id, kinds, actor);
        await outbox(trx, row.id, attachments);
      });
      to = (await rowByCaseNo(db, caseNo)).status as CaseStatus;
      await audit.record(actor, `case.${action}`, `case:${caseNo}`, { from, to });
      return detail(await rowByCaseNo(db, caseNo));
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
