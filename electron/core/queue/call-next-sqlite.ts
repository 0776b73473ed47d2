import crypto from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Actor } from '../auth/audit';
import { scrubPersonalData } from '../logging/redact';
import type { Ticket } from '../../../shared/contract/queue';
import { announcementText, pickNext, type QueuePolicy } from '../../../shared/queue/policy';
import { counterRefusal, type QueueContext } from './context';
import { toTicket, type TicketRow } from './rows';

interface Pending {
  actor: Actor;
  counter: number;
  resolve: (ticket: Ticket | null) => void;
  reject: (error: unknown) => void;
}

const HEAD = `SELECT * FROM tickets WHERE status = 'waiting' AND category_id = ? AND day = ? AND`;
const ORDER = 'ORDER BY queued_at, number LIMIT 1';

/**
 * call-next on SQLite: prepared statements on the connection itself, and every call that
 * arrives in the same turn of the event loop shares one transaction and so one commit (one
 * fsync); each call runs in a savepoint of its own, so one counter's refusal leaves the others'
 * calls. The connection is taken through Kysely, so no other transaction is open on it meanwhile;
 * BEGIN IMMEDIATE makes other processes on the same file wait their turn.
 */
export function createSqliteCallNext(ctx: QueueContext, raw: BetterSqlite3.Database) {
  let s: ReturnType<typeof prepare> | undefined;
  let pending: Pending[] = [];

  function prepare() {
    return {
      counter: raw.prepare('SELECT * FROM queue_counters WHERE number = ?'),
      busy: raw.prepare("SELECT label FROM tickets WHERE counter = ? AND status IN ('called', 'serving') AND day = ? LIMIT 1"),
      since: raw.prepare('SELECT normals_since_priority AS n FROM queue_state WHERE id = 1').pluck(),
      // Each head is one read of a partial index (0011): no sort of the waiting rows.
      heads: {
        priorityHere: raw.prepare(`${HEAD} priority_kind IS NOT NULL AND counter = ? ${ORDER}`),
        normalHere: raw.prepare(`${HEAD} priority_kind IS NULL AND counter = ? ${ORDER}`),
        priority: raw.prepare(`${HEAD} priority_kind IS NOT NULL AND counter IS NULL ${ORDER}`),
        normal: raw.prepare(`${HEAD} priority_kind IS NULL AND counter IS NULL ${ORDER}`),
      },
      claim: raw.prepare("UPDATE tickets SET status = 'called', counter = ?, called_at = ?, called_count = called_count + 1, updated_at = ? WHERE id = ? AND status = 'waiting'"),
      ticket: raw.prepare('SELECT * FROM tickets WHERE id = ?'),
      closePeriods: raw.prepare('UPDATE ticket_periods SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL'),
      openPeriod: raw.prepare("INSERT INTO ticket_periods (ticket_id, kind, counter, started_at, ended_at) VALUES (?, 'called', ?, ?, NULL)"),
      announce: raw.prepare('INSERT INTO queue_calls (ticket_id, label, counter, text, at, recall, priority) VALUES (?, ?, ?, ?, ?, 0, ?)'),
      countCall: raw.prepare('UPDATE queue_state SET normals_since_priority = CASE WHEN ? THEN 0 ELSE normals_since_priority + 1 END WHERE id = 1'),
      lastHash: raw.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
      audit: raw.prepare('INSERT INTO audit_log (at, actor_id, actor, action, target, detail, counter, transport, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      auditHead: raw.prepare('UPDATE audit_head SET entries = entries + 1, last_id = ?, last_hash = ? WHERE id = 1'),
      categoryName: raw.prepare('SELECT name FROM queue_categories WHERE id = ?').pluck(),
    };
  }

  /** The earliest (first come, first served) of one rank's heads over the counter's lines. */
  function head(stmt: BetterSqlite3.Statement, served: string[], day: string, counter?: number): TicketRow | undefined {
    let best: TicketRow | undefined;
    for (const cat of served) {
      const row = (counter === undefined ? stmt.get(cat, day) : stmt.get(cat, day, counter)) as TicketRow | undefined;
      if (row && (!best || row.queued_at < best.queued_at || (row.queued_at === best.queued_at && row.number < best.number))) best = row;
    }
    return best;
  }

  function callOne(st: NonNullable<typeof s>, p: Pending, day: string, now: number, policy: QueuePolicy): Ticket | null {
    const c = st.counter.get(p.counter) as { open: number; paused_reason: string | null; categories: string } | undefined;
    if (!c) throw counterRefusal(p.counter, { refused: 'missing' });
    if (!c.open) throw counterRefusal(p.counter, { refused: 'closed' });
    if (c.paused_reason) throw counterRefusal(p.counter, { refused: 'paused', reason: c.paused_reason });
    const busy = st.busy.get(p.counter, day) as { label: string } | undefined;
    if (busy) throw counterRefusal(p.counter, { refused: 'busy', label: busy.label });
    const served = JSON.parse(c.categories) as string[];
    // Tickets transferred to this counter come first.
    let candidates = [head(st.heads.priorityHere, served, day, p.counter), head(st.heads.normalHere, served, day, p.counter)].filter((t) => t !== undefined);
    if (candidates.length === 0) candidates = [head(st.heads.priority, served, day), head(st.heads.normal, served, day)].filter((t) => t !== undefined);
    const since = (st.since.get() as number | undefined) ?? 0;
    const next = pickNext(candidates.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), policy, { normalsSincePriority: since }, now);
    if (!next) return null;
    const at = new Date(now).toISOString();
    // The write lock is held from BEGIN IMMEDIATE: nobody else can have claimed it meanwhile.
    if (st.claim.run(p.counter, at, at, next.id).changes !== 1) throw counterRefusal(p.counter, { refused: 'conflict' });
    st.closePeriods.run(at, next.id);
    st.openPeriod.run(next.id, p.counter, at);
    st.announce.run(next.id, next.label, p.counter, announcementText(next.label, p.counter), at, next.priority ? 1 : 0);
    st.countCall.run(next.priority ? 1 : 0);
    appendAudit(st, p.actor, at, `ticket:${next.id}`, { counter: p.counter });
    return toTicket(st.ticket.get(next.id) as TicketRow, (st.categoryName.get(next.category_id) as string | undefined) ?? next.category_id);
  }

  /** The audit entry of the call, in its transaction, chained exactly as auth/audit.ts chains it. */
  function appendAudit(st: NonNullable<typeof s>, actor: Actor, at: string, target: string, detail: Record<string, unknown>) {
    const row = [
      (st.lastHash.get() as string | undefined) ?? '0'.repeat(64),
      at,
      actor.id,
      actor.name,
      'ticket.call',
      target,
      JSON.stringify(scrubPersonalData(detail)),
      actor.counter ?? null,
      actor.transport ?? null,
    ] as const;
    const hash = crypto.createHash('sha256').update(JSON.stringify(row)).digest('hex');
    const { lastInsertRowid } = st.audit.run(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[0], hash);
    // The chain's head moves with it, as audit.record() moves it (a removed tail shows).
    st.auditHead.run(Number(lastInsertRowid), hash);
  }

  async function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    const outcomes: ({ ticket: Ticket | null } | { error: unknown })[] = [];
    try {
      // Settings are read (a stat and a copy each time) once per batch, not per call: the batch
      // is one transaction at one instant, so one queue day and one policy.
      await ctx.ensureRolled();
      const policy = ctx.policy();
      await ctx.db.connection().execute(async () => {
        s ??= prepare();
        const st = s;
        const day = ctx.day();
        const now = ctx.deps.now();
        raw
          .transaction(() => {
            outcomes.length = 0;
            for (const p of batch) {
              try {
                outcomes.push({ ticket: raw.transaction(() => callOne(st, p, day, now, policy))() });
              } catch (error) {
                outcomes.push({ error });
              }
            }
          })
          .immediate();
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    if (outcomes.some((o) => 'ticket' in o && o.ticket)) ctx.changes.emit('change');
    batch.forEach((p, i) => {
      const o = outcomes[i]!;
      if ('error' in o) p.reject(o.error);
      else p.resolve(o.ticket);
    });
  }

  return function callNext(actor: Actor, counter: number): Promise<Ticket | null> {
    return new Promise((resolve, reject) => {
      pending.push({ actor, counter, resolve, reject });
      // flush settles every call of its batch itself.
      if (pending.length === 1) setImmediate(() => void flush());
    });
  };
}
