import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import { hallDayStartUtc, hallTimeZone } from '../../../shared/system/hall-time';
import { AppError } from '../errors';
import type { CaseDetail, CaseSummary } from '../../../shared/contract/cases';
import { CASE_ACTION_LABELS, CASE_STATUS_LABELS, RUNNING_STATUSES, type CaseAction, type CaseStatus } from '../../../shared/cases/model';
import { maskName, normalizeIdNumber } from '../../../shared/identity';
import { rowByCaseNo, toSummary, type CaseRow, type MappingDeps } from './mapping';
import { caseMessages } from '../../../shared/messages/zh-CN';
import { displayNames, loginsNamed } from '../auth/readers';

export interface CaseSearch {
  caseNo?: string;
  idNumber?: string;
  name?: string;
  from?: string;
  to?: string;
  item?: string;
  status?: CaseStatus;
  clerk?: string;
  limit?: number;
  offset?: number;
}

/** Reading cases: search, the full record (audited), deadlines, and the public progress view. */
export function createCaseQueries(deps: { db: Kysely<Database>; mapping: MappingDeps; audit: AuditLog; detail: (row: CaseRow) => Promise<CaseDetail>; today: () => string }) {
  const { db, mapping } = deps;

  return {
    async search(f: CaseSearch): Promise<{ cases: CaseSummary[]; total: number }> {
      let q = db.selectFrom('cases');
      if (f.caseNo) q = q.where('case_no', '=', f.caseNo.trim());
      if (f.idNumber) q = q.where('applicant_id_number', '=', normalizeIdNumber(f.idNumber));
      // A prefix as a range, so the name index serves it (LIKE would not, and is dialect-specific).
      if (f.name?.trim()) q = q.where('applicant_name', '>=', f.name.trim()).where('applicant_name', '<', `${f.name.trim()}\uffff`);
      if (f.from) q = q.where('created_at', '>=', hallDayStartUtc(f.from));
      if (f.to) q = q.where('created_at', '<', hallDayStartUtc(f.to, 1));
      if (f.item) q = q.where((eb) => eb.or([eb('item_key', '=', f.item!), eb('item_name', 'like', `%${f.item!.replace(/[%_]/g, '')}%`)]));
      if (f.status) q = q.where('status', '=', f.status);
      // 经办人 as the clerk knows a colleague: by name or login name.
      if (f.clerk?.trim()) {
        const logins = await loginsNamed(db, f.clerk.trim());
        q = q.where('clerk', 'in', logins.length ? logins : [f.clerk.trim()]);
      }
      const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit ?? 50).offset(f.offset ?? 0).execute();
      const names = await displayNames(db);
      return { total, cases: rows.map((r) => toSummary(r, mapping, names.get(r.clerk) ?? '')) };
    },

    /** The full record with unmasked personal data: every view is recorded (查询留痕). */
    async get(actor: Actor, caseNo: string): Promise<CaseDetail> {
      const row = await rowByCaseNo(db, caseNo);
      await deps.audit.record(actor, 'person.view', `case:${caseNo}`, { item: row.item_name });
      return deps.detail(row);
    },

    async deadlines(dueWithinWorkdays: number): Promise<{ overdue: CaseSummary[]; dueSoon: CaseSummary[] }> {
      const rows = await db.selectFrom('cases').selectAll().where('status', 'in', [...RUNNING_STATUSES]).where('due_date', 'is not', null).orderBy('due_date').execute();
      const today = deps.today();
      const names = await displayNames(db);
      const overdue: CaseSummary[] = [];
      const dueSoon: CaseSummary[] = [];
      for (const row of rows) {
        const s = toSummary(row, mapping, names.get(row.clerk) ?? '');
        if (row.due_date! < today) overdue.push(s);
        else if (s.workdaysLeft !== null && s.workdaysLeft <= dueWithinWorkdays) dueSoon.push(s);
      }
      return { overdue, dueSoon };
    },

    /** 办理进度查询: what the applicant may see with the code on the receipt, nothing more. */
    async progress(code: string) {
      const row = await db.selectFrom('cases').selectAll().where('query_code', '=', code.trim().toUpperCase()).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', 'no case with that query code', caseMessages.queryCodeNotFound);
      const history = await db.selectFrom('case_history').select(['action', 'at']).where('case_id', '=', row.id).orderBy('id').execute();
      const when = (action: CaseAction) => history.find((h) => h.action === action)?.at ?? null;
      const stepActions: CaseAction[] = row.pays === 1 ? ['accept', 'approve', 'pay', 'complete'] : ['accept', 'approve', 'complete'];
      const steps = stepActions.map((a) => {
        const at = a === 'accept' ? (when('accept') ?? when('resubmit')) : when(a);
        return { label: a === 'approve' ? '审核' : CASE_ACTION_LABELS[a], at, done: at !== null };
      });
      return {
        caseNo: row.case_no,
        itemName: row.item_name,
        applicantName: maskName(row.applicant_name),
        status: row.status as CaseStatus,
        statusLabel: CASE_STATUS_LABELS[row.status as CaseStatus],
        acceptedOn: row.accepted_on,
        dueDate: row.due_date,
        dueProvisional: row.due_provisional === 1,
        steps,
        timeZone: hallTimeZone(),
      };
    },
  };
}
