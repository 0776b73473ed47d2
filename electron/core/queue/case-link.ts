import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isPostgres } from '../db/handle';

/**
 * Ticket ↔ case, linked by core (issue 15): a decision made while a ticket is called or being
 * served at the clerk's counter belongs to that ticket. The clerk types nothing. The queue owns
 * tickets; intake (cases/service.ts) calls these inside its transaction.
 */

/** The ticket called or being served at a counter now (the latest, should there be two). */
export async function ticketAtCounter(trx: Kysely<Database>, counter: number): Promise<{ id: string; label: string; case_nos: string } | undefined> {
  return trx.selectFrom('tickets').select(['id', 'label', 'case_nos']).where('counter', '=', counter).where('status', 'in', ['called', 'serving']).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
}

/**
 * Appends the case to the ticket's list, inside the intake transaction: tickets.case_nos is
 * written here only (queue.finish no longer takes case numbers from the client).
 */
export async function linkCaseToTicket(trx: Kysely<Database>, ticket: { id: string; case_nos: string }, caseNo: string): Promise<void> {
  const q = trx.selectFrom('tickets').select('case_nos').where('id', '=', ticket.id);
  // Two intakes under one ticket at once (hall mode): the second waits for the first's list.
  const current = await (isPostgres(trx) ? q.forUpdate() : q).executeTakeFirstOrThrow();
  const nos = JSON.parse(current.case_nos) as string[];
  if (!nos.includes(caseNo)) nos.push(caseNo);
  await trx.updateTable('tickets').set({ case_nos: JSON.stringify(nos) }).where('id', '=', ticket.id).execute();
}
