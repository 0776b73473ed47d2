import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { systemMessages } from '../../../shared/messages/zh-CN';

/** How long a first answer is kept for a retry: a client retries within minutes, not days. */
const KEEP_MS = 48 * 3_600_000;

/**
 * The first answer to each creating call, by the client's request id (CREATING_PROCEDURES in
 * shared/contract/creating.ts). A retry with the same id — the connection dropped after core had
 * committed — gets that answer back instead of a second case, ticket or print job; a retry that
 * arrives while the first call still runs waits for it. An id is bound to its caller and
 * procedure: reused by anyone else, or for another procedure, it is refused.
 *
 * Not covered: a crash between the call's commit and the answer being kept here (the window is
 * one INSERT); the retry then runs the call again.
 */
export function createClientRequests(deps: { db: Kysely<Database>; now: () => number }) {
  const { db } = deps;
  const running = new Map<string, Promise<unknown>>();

  async function kept(id: string, actor: string, path: string): Promise<{ output: unknown } | null> {
    const row = await db.selectFrom('client_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.actor !== actor || row.path !== path) throw new AppError('CONFLICT', `request id ${id} was used for ${row.path} by another caller`, systemMessages.requestIdReused);
    return { output: JSON.parse(row.output) as unknown };
  }

  return {
    async once<T>(id: string, actor: string, path: string, call: () => Promise<T>): Promise<T> {
      const key = `${actor}\u0000${path}\u0000${id}`;
      const inFlight = running.get(key);
      if (inFlight) return (await inFlight) as T;
      const before = await kept(id, actor, path);
      if (before) return before.output as T;
      const run = (async () => {
        const output = await call();
        const at = new Date(deps.now()).toISOString();
        await db.insertInto('client_requests').values({ id, actor, path, output: JSON.stringify(output ?? null), created_at: at }).onConflict((oc) => oc.column('id').doNothing()).execute();
        await db.deleteFrom('client_requests').where('created_at', '<', new Date(deps.now() - KEEP_MS).toISOString()).execute();
        return output;
      })();
      running.set(key, run);
      try {
        return await run;
      } finally {
        running.delete(key);
      }
    },
  };
}

export type ClientRequests = ReturnType<typeof createClientRequests>;
