import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, TicketsTable } from '../db/schema';

/**
 * What other modules may know of the queue's tables (tickets, periods, counters, categories):
 * the queue owns them (docs/architecture.md § Table owners), so statistics, printing, cases and
 * 好差评 read through these functions instead of writing SQL against them. Reads only; nothing
 * here is on the call-next path.
 */

type Db = Kysely<Database>;

export interface DayTicketRow {
  id: string;
  label: string;
  category_id: string;
  status: string;
  counter: number | null;
  taken_at: string;
  called_count: number;
  updated_at: string;
  case_nos: string;
}

export interface TicketPeriodRow {
  ticket_id: string;
  kind: string;
  started_at: string;
  ended_at: string | null;
}

/** The tickets of one queue day and their waiting, transferred and serving periods (statistics). */
export async function readDayTickets(db: Db, day: string): Promise<{ tickets: DayTicketRow[]; periods: TicketPeriodRow[] }> {
  const tickets = await db.selectFrom('tickets').select(['id', 'label', 'category_id', 'status', 'counter', 'taken_at', 'called_count', 'updated_at', 'case_nos']).where('day', '=', day).execute();
  const periods = await sql<TicketPeriodRow>`
    SELECT p.ticket_id, p.kind, p.started_at, p.ended_at FROM tickets t JOIN ticket_periods p ON p.ticket_id = t.id
    WHERE t.day = ${day} AND p.kind IN ('waiting', 'transferred', 'serving')`.execute(db);
  return { tickets, periods: periods.rows };
}

/** The category of each of these tickets (ids not found are left out). */
export async function ticketCategories(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // Chunked: SQLite caps bound parameters per statement.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('tickets').select(['id', 'category_id']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.category_id);
  }
  return out;
}

/** A ticket's row as stored, or undefined (the ticket receipt prints from it). */
export async function ticketRow(db: Db, id: string): Promise<Selectable<TicketsTable> | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A ticket's label (A012…), or undefined when there is no such ticket. */
export async function ticketLabel(db: Db, id: string): Promise<string | undefined> {
  return (await db.selectFrom('tickets').select('label').where('id', '=', id).executeTakeFirst())?.label;
}

/** What a rating needs of a ticket: its label, status, counter and cases. */
export async function ticketForRating(db: Db, id: string): Promise<{ id: string; label: string; status: string; counter: number | null; case_nos: string } | undefined> {
  return db.selectFrom('tickets').select(['id', 'label', 'status', 'counter', 'case_nos']).where('id', '=', id).executeTakeFirst();
}

/** The ticket a counter changed last since an instant (the evaluation tablet offers it once done). */
export async function lastTicketAtCounter(db: Db, counter: number, since: string): Promise<{ id: string; label: string; case_nos: string; status: string } | undefined> {
  return db.selectFrom('tickets').select(['id', 'label', 'case_nos', 'status']).where('counter', '=', counter).where('updated_at', '>=', since).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
}

/** A counter's name as configured ('' when the counter is not set up). */
export async function counterName(db: Db, counter: number): Promise<string> {
  return (await db.selectFrom('queue_counters').select('name').where('number', '=', counter).executeTakeFirst())?.name ?? '';
}

/** Every queue category's name by id. */
export async function categoryNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('queue_categories').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
}

/** When each of these tickets was (last) called, by id: 预约 punctuality in statistics. */
export async function ticketCalledAt(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // In slices, so a year of bookings stays within every driver's parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('tickets').select(['id', 'called_at']).where('id', 'in', ids.slice(i, i + 500)).where('called_at', 'is not', null).execute();
    for (const r of rows) out.set(r.id, r.called_at!);
  }
  return out;
}
