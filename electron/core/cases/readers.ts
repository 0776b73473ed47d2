import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { RUNNING_STATUSES } from '../../../shared/cases/model';

/**
 * What other modules may know of the cases' tables (cases, case_materials, case_history…): the
 * cases module owns them (docs/architecture.md § Table owners), so statistics and the page
 * store read through these functions instead of writing SQL against them.
 */

type Db = Kysely<Database>;

/** The item of each of these cases: case_no, item_key, item_name, source_id (unknown numbers are left out). */
export async function caseItems(db: Db, caseNos: string[]): Promise<{ case_no: string; item_key: string; item_name: string; source_id: string }[]> {
  const out: { case_no: string; item_key: string; item_name: string; source_id: string }[] = [];
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < caseNos.length; i += 500) out.push(...(await db.selectFrom('cases').select(['case_no', 'item_key', 'item_name', 'source_id']).where('case_no', 'in', caseNos.slice(i, i + 500)).execute()));
  return out;
}

export interface CaseEventRow {
  action: string;
  from_status: string | null;
  at: string;
  actor: string;
  counter: number | null;
  case_no: string;
  item_key: string;
  item_name: string;
  source_id: string;
  case_counter: number;
  /** the ticket the case was taken under, if any (its category is the queue's to tell) */
  ticket_id: string | null;
}

/** The accept / refuse / correction / resubmit / complete events of [start, end), with their case's item. */
export async function caseEvents(db: Db, start: string, end: string): Promise<CaseEventRow[]> {
  const events = await sql<CaseEventRow>`
    SELECT h.action, h.from_status, h.at, h.actor, h.counter, c.case_no, c.item_key, c.item_name, c.source_id, c.counter AS case_counter, c.ticket_id
    FROM case_history h JOIN cases c ON c.id = h.case_id
    WHERE h.at >= ${start} AND h.at < ${end} AND h.action IN ('accept', 'refuse', 'requestCorrection', 'resubmit', 'complete')`.execute(db);
  return events.rows;
}

/**
 * Running cases due on or before `cutoff`, counted per clerk, counter, item and due date: one
 * grouped read over the (status, due_date) index.
 */
export async function runningDueCounts(db: Db, cutoff: string) {
  return db
    .selectFrom('cases')
    .select((eb) => ['clerk', 'counter', 'item_key', 'item_name', 'source_id', 'due_date', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', [...RUNNING_STATUSES])
    .where('due_date', 'is not', null)
    .where('due_date', '<=', cutoff)
    // Every selected column is grouped (PostgreSQL insists).
    .groupBy(['clerk', 'counter', 'item_key', 'item_name', 'source_id', 'due_date'])
    .execute();
}

/** A case's id, status and number by its number, or undefined. */
export async function caseRefByNo(db: Db, caseNo: string): Promise<{ id: number; status: string; case_no: string } | undefined> {
  return db.selectFrom('cases').select(['id', 'status', 'case_no']).where('case_no', '=', caseNo).executeTakeFirst();
}

/** A case's id, status and number by its id, or undefined. */
export async function caseRefById(db: Db, id: number): Promise<{ id: number; status: string; case_no: string } | undefined> {
  return db.selectFrom('cases').select(['id', 'status', 'case_no']).where('id', '=', id).executeTakeFirst();
}

/** The name of a case's material, or undefined when the case has no such material. */
export async function materialName(db: Db, caseId: number, seq: string): Promise<string | undefined> {
  return (await db.selectFrom('case_materials').select('name').where('case_id', '=', caseId).where('seq', '=', seq).executeTakeFirst())?.name;
}

/** Every material name of a case by its seq. */
export async function materialNames(db: Db, caseId: number): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('case_materials').select(['seq', 'name']).where('case_id', '=', caseId).execute()).map((m) => [m.seq, m.name]));
}
