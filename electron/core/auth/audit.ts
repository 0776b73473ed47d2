import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { scrubPersonalData } from '../logging/redact';
import { serialize } from '../db/handle';
import type { AuditEntry } from '../../../shared/contract/auth';
import { hallDayStartUtc } from '../../../shared/system/hall-time';

export interface Actor {
  id: number | null;
  /** Username, or `device:<name>`, or `system` */
  name: string;
  /** The person's name as printed on documents (users.display_name), when known. */
  displayName?: string;
  counter?: number | null;
  transport?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };
const GENESIS = '0'.repeat(64);

export interface AuditFilter {
  /** Hall-time calendar days, inclusive. */
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  limit?: number;
  offset?: number;
}

export interface AuditLog {
  /** Appends an entry; inside `trx` when given, so the entry commits with the change it records. */
  record(actor: Actor, action: string, target?: string | null, detail?: Record<string, unknown>, trx?: Kysely<Database>): Promise<void>;
  list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }>;
  /** `tail`: the chain is intact as far as it goes but its newest entries are gone. */
  verify(): Promise<{ ok: boolean; checked: number; brokenAt: number | null; tail?: boolean }>;
}

/**
 * Append-only and hash-chained: each entry's hash covers its fields and the previous hash, so
 * an edited, inserted or removed row breaks the chain from there on (verify() says where).
 * The chain's head (entry count, last hash) is kept in audit_head with each append, so removing
 * the newest entries shows too. The table's triggers refuse UPDATE and DELETE outright.
 * Details are scrubbed of personal data.
 */
export function createAuditLog(db: Kysely<Database>, now: () => number = Date.now): AuditLog {
  return {
    async record(actor, action, target = null, detail = {}, outer) {
      const scrubbed = JSON.stringify(scrubPersonalData(detail));
      const write = async (trx: Kysely<Database>) => {
        // Each entry hashes the one before it: on a shared PostgreSQL two counters must not both
        // read the same last hash, so appends take turns (held until this transaction commits).
        await serialize(trx, 'audit');
        const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
        const row = {
          at: new Date(now()).toISOString(),
          actor_id: actor.id,
          actor: actor.name,
          action,
          target,
          detail: scrubbed,
          counter: actor.counter ?? null,
          transport: actor.transport ?? null,
          prev_hash: last?.hash ?? GENESIS,
        };
        const hash = chainHash(row);
        const { id } = await trx.insertInto('audit_log').values({ ...row, hash }).returning('id').executeTakeFirstOrThrow();
        // The head moves with the chain in the same transaction: rows deleted from the end later
        // leave a head that names more entries and another last hash than the chain has.
        await trx.updateTable('audit_head').set((eb) => ({ entries: eb('entries', '+', 1), last_id: id, last_hash: hash })).where('id', '=', 1).execute();
      };
      if (outer) await write(outer);
      else await db.transaction().execute(write);
    },

    async list(filter) {
      let q = db.selectFrom('audit_log');
      if (filter.from) q = q.where('at', '>=', hallDayStartUtc(filter.from));
      if (filter.to) q = q.where('at', '<', hallDayStartUtc(filter.to, 1));
      if (filter.action) q = q.where('action', 'like', `${filter.action}%`);
      if (filter.actor) q = q.where('actor', '=', filter.actor);
      const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.limit ?? 200).offset(filter.offset ?? 0).execute();
      return {
        total,
        entries: rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, target: r.target, detail: JSON.parse(r.detail) as Record<string, unknown>, counter: r.counter, transport: r.transport, hash: r.hash })),
      };
    },

    async verify() {
      let prev = GENESIS;
      let checked = 0;
      let lastId = 0;
      // Stream in id order; a break anywhere means something after it cannot be trusted.
      for (let after = 0; ; ) {
        const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(5000).execute();
        if (rows.length === 0) break;
        for (const r of rows) {
          if (r.prev_hash !== prev || chainHash(r) !== r.hash) return { ok: false, checked, brokenAt: r.id };
          prev = r.hash;
          lastId = r.id;
          checked++;
        }
        after = rows[rows.length - 1]!.id;
      }
      // An intact chain can still have lost its newest entries: the head says how far it went.
      const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!head || head.entries !== checked || head.last_hash !== prev) return { ok: false, checked, brokenAt: head ? Math.min(head.last_id, lastId + 1) : lastId + 1, tail: true };
      return { ok: true, checked, brokenAt: null };
    },
  };
}

interface HashedFields {
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  target: string | null;
  detail: string;
  counter: number | null;
  transport: string | null;
  prev_hash: string;
}

function chainHash(r: HashedFields): string {
  const canonical = JSON.stringify([r.prev_hash, r.at, r.actor_id, r.actor, r.action, r.target, r.detail, r.counter, r.transport]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}
