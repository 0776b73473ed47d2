import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * What other modules may know of auth's tables (users, audit_log): auth owns them
 * (docs/architecture.md § Table owners); cases, statistics and 好差评 read names and who
 * called or finished a ticket through these functions.
 */

type Db = Kysely<Database>;

/** A user's display name by id ('' when set empty; undefined when there is no such user). */
export async function displayNameById(db: Db, id: number): Promise<string | undefined> {
  return (await db.selectFrom('users').select('display_name').where('id', '=', id).executeTakeFirst())?.display_name;
}

/** A user's display name by login name (undefined when there is no such user). */
export async function displayNameByLogin(db: Db, username: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('display_name').where('username', '=', username).executeTakeFirst())?.display_name;
}

/** The login names of users called `name` (display name or login name). */
export async function loginsNamed(db: Db, name: string): Promise<string[]> {
  return (await db.selectFrom('users').select('username').where((eb) => eb.or([eb('username', '=', name), eb('display_name', '=', name)])).execute()).map((u) => u.username);
}

/** Every user's display name by login name. */
export async function displayNames(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('users').select(['username', 'display_name']).execute()).map((u) => [u.username, u.display_name]));
}

/** The ticket.call / ticket.finish entries of [start, end) in log order: who served which ticket. */
export async function ticketActions(db: Db, start: string, end: string): Promise<{ target: string | null; actor: string }[]> {
  return db.selectFrom('audit_log').select(['target', 'actor']).where('at', '>=', start).where('at', '<', end).where('action', 'in', ['ticket.call', 'ticket.finish']).orderBy('id').execute();
}

/** Who finished a ticket last (login name), from the audit log: the queue records every finish. */
export async function ticketFinishedBy(db: Db, ticketId: string): Promise<string | null> {
  const a = await db.selectFrom('audit_log').select('actor').where('target', '=', `ticket:${ticketId}`).where('action', '=', 'ticket.finish').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return a?.actor ?? null;
}
