import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { systemMessages } from '../../../shared/messages/zh-CN';

/** How long a first answer is kept for a retry: a client retries within minutes, not days. */
const KEEP_MS = 48 * 3_600_000;

/**
 * Kept as the answer of a request whose action committed before its answer could be kept (the
 * process was killed, or the database connection dropped, in between). Not JSON, so never an
 * answer itself.
 */
const ANSWER_LOST = '';

/** The creating call being run by `once`, for `keepRequest` inside the action's transaction. */
interface RunningRequest {
  id: string;
  actor: string;
  path: string;
  /** when the call began (core's clock): the row's age for the clean-up */
  at: string;
  kept: boolean;
  /** The call has returned: work it left running (timers, loops it woke) keeps nothing. */
  ended: boolean;
}
const running = new AsyncLocalStorage<RunningRequest>();

/**
 * Inside the transaction of a creating call's action, first thing: the client's request id is
 * stored with the action, so the two commit together. A retry that finds the id stored without
 * an answer (the action committed, the answer was lost with the process or the connection) is
 * refused with 409 instead of creating a second case or ticket. An id stored already (a retry
 * racing the first call) ends this transaction with the same refusal. Outside a call with a
 * request id (CLI, tests, older clients) it does nothing.
 */
export async function keepRequest(trx: Kysely<Database>): Promise<void> {
  const r = running.getStore();
  if (!r || r.kept || r.ended) return;
  const stored = await trx.insertInto('client_requests').values({ id: r.id, actor: r.actor, path: r.path, output: ANSWER_LOST, created_at: r.at }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
  if (!stored) throw new AppError('CONFLICT', `request id ${r.id} was already carried out`, systemMessages.requestAnswerLost);
  // Once per call: if this transaction rolls back the row goes with it, and the call's answer is
  // still kept after it returns.
  r.kept = true;
}

/**
 * The first answer to each creating call, by the client's request id (CREATING_PROCEDURES in
 * shared/contract/creating.ts). A retry with the same id — the connection dropped after core had
 * committed — gets that answer back instead of a second case, ticket or print job; a retry that
 * arrives while the first call still runs waits for it. An id is bound to its caller and
 * procedure: reused by anyone else, or for another procedure, it is refused.
 *
 * The action's transaction stores the id itself (`keepRequest`), and the answer is added once
 * the call returns; a crash between the two leaves the id without an answer, and the retry is
 * refused (409: 已办理，请刷新查看) rather than run again.
 */
export function createClientRequests(deps: { db: Kysely<Database>; now: () => number }) {
  const { db } = deps;
  const inFlight = new Map<string, Promise<unknown>>();

  async function kept(id: string, actor: string, path: string): Promise<{ output: unknown } | null> {
    const row = await db.selectFrom('client_requests').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (row.actor !== actor || row.path !== path) throw new AppError('CONFLICT', `request id ${id} was used for ${row.path} by another caller`, systemMessages.requestIdReused);
    if (row.output === ANSWER_LOST) throw new AppError('CONFLICT', `request id ${id} was carried out but its answer was lost`, systemMessages.requestAnswerLost);
    return { output: JSON.parse(row.output) as unknown };
  }

  return {
    async once<T>(id: string, actor: string, path: string, call: () => Promise<T>): Promise<T> {
      const key = `${actor}\u0000${path}\u0000${id}`;
      const earlier = inFlight.get(key);
      if (earlier) return (await earlier) as T;
      const before = await kept(id, actor, path);
      if (before) return before.output as T;
      const run = (async () => {
        const at = new Date(deps.now()).toISOString();
        const request: RunningRequest = { id, actor, path, at, kept: false, ended: false };
        let output: T;
        try {
          output = await running.run(request, call);
        } finally {
          request.ended = true;
        }
        const answer = JSON.stringify(output ?? null);
        await db
          .insertInto('client_requests')
          .values({ id, actor, path, output: answer, created_at: at })
          .onConflict((oc) => oc.column('id').doUpdateSet({ output: answer }))
          .execute();
        await db.deleteFrom('client_requests').where('created_at', '<', new Date(deps.now() - KEEP_MS).toISOString()).execute();
        return output;
      })();
      inFlight.set(key, run);
      try {
        return await run;
      } finally {
        inFlight.delete(key);
      }
    },
  };
}

export type ClientRequests = ReturnType<typeof createClientRequests>;
