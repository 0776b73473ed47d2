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

type Rank = 'priority' | 'normal';

/**
 * What one batch knows while it holds the write lock, read at most once and then kept current
 * by the batch's own calls: nobody else can write meanwhile. A call's changes reach the view
 * only once its savepoint is released, so a call that fails leaves the view as it was.
 */
interface BatchView {
  /** The head of each rank and line among tickets for any counter (`rank:category`); null = none waiting. */
  heads: Map<string, TicketRow | null>;
  /** Tickets transferred to a given counter, per rank and line (`rank:category`): few, usually none. */
  transferred: Map<string, TicketRow[]>;
  normalsSincePriority: number | undefined;
  /** The audit chain's last hash, and the entries this batch appended. */
  lastHash: string | undefined;
  appended: { id: number; hash: string; count: number } | undefined;
}

const fifo = (a: TicketRow, b: TicketRow) => (a.queued_at < b.queued_at ? -1 : a.queued_at > b.queued_at ? 1 : a.number - b.number);

/**
 * call-next on SQLite: prepared statements on the connection itself, and every call that
 * arrives in the same turn of the event loop shares one transaction and so one commit (one
 * fsync); each call runs in a savepoint of its own, so one counter's refusal leaves the others'
 * calls. The heads of the lines, the interleave count and the audit chain's head are read once
 * per batch, not once per call (issue 17: 20 counters at once). The connection is taken through
 * Kysely, so no other transaction is open on it meanwhile; BEGIN IMMEDIATE makes other
 * processes on the same file wait their turn.
 */
export function createSqliteCallNext(ctx: QueueContext, raw: BetterSqlite3.Database) {
  let s: ReturnType<typeof prepare> | undefined;
  let pending: Pending[] = [];
  // Made once: better-sqlite3 builds a wrapper for each transaction() (four variants), and a
  // wrapper per call was garbage on the hot path. Called inside the batch's transaction, this
  // one is a savepoint.
  const inSavepoint = raw.transaction(callOne);

  function prepare() {
    return {
      counter: raw.prepare('SELECT * FROM queue_counters WHERE number = ?'),
      busy: raw.prepare("SELECT label FROM tickets WHERE counter = ? AND status IN ('called', 'serving') AND day = ? LIMIT 1"),
      since: raw.prepare('SELECT normals_since_priority AS n FROM queue_state WHERE id = 1').pluck(),
      // Each head is one read of a partial index (0014): no sort of the waiting rows.
      heads: {
        priority: raw.prepare(`${HEAD} priority_kind IS NOT NULL AND counter IS NULL ${ORDER}`),
        normal: raw.prepare(`${HEAD} priority_kind IS NULL AND counter IS NULL ${ORDER}`),
      },
      transferred: {
        priority: raw.prepare(`${HEAD} priority_kind IS NOT NULL AND counter IS NOT NULL`),
        normal: raw.prepare(`${HEAD} priority_kind IS NULL AND counter IS NOT NULL`),
      },
      claim: raw.prepare("UPDATE tickets SET status = 'called', counter = ?, called_at = ?, called_count = called_count + 1, updated_at = ? WHERE id = ? AND status = 'waiting'"),
      closePeriods: raw.prepare('UPDATE ticket_periods SET ended_at = ? WHERE ticket_id = ? AND ended_at IS NULL'),
      openPeriod: raw.prepare("INSERT INTO ticket_periods (ticket_id, kind, counter, started_at, ended_at) VALUES (?, 'called', ?, ?, NULL)"),
      announce: raw.prepare('INSERT INTO queue_calls (ticket_id, label, counter, text, at, recall, priority) VALUES (?, ?, ?, ?, ?, 0, ?)'),
      saveSince: raw.prepare('UPDATE queue_state SET normals_since_priority = ? WHERE id = 1'),
      lastHash: raw.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
      audit: raw.prepare('INSERT INTO audit_log (at, actor_id, actor, action, target, detail, counter, transport, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      auditHead: raw.prepare('UPDATE audit_head SET entries = entries + ?, last_id = ?, last_hash = ? WHERE id = 1'),
      categoryName: raw.prepare('SELECT name FROM queue_categories WHERE id = ?').pluck(),
    };
  }
  type Statements = ReturnType<typeof prepare>;

  /** The earliest (first come, first served) head of one rank over the counter's lines, for any counter. */
  function head(st: Statements, view: BatchView, rank: Rank, served: string[], day: string): TicketRow | undefined {
    let best: TicketRow | undefined;
    for (const cat of served) {
      const key = `${rank}:${cat}`;
      let row = view.heads.get(key);
      if (row === undefined) view.heads.set(key, (row = (st.heads[rank].get(cat, day) as TicketRow | undefined) ?? null));
      if (row && (!best || fifo(row, best) < 0)) best = row;
    }
    return best;
  }

  /** The earliest ticket of one rank transferred to this counter. */
  function headHere(st: Statements, view: BatchView, rank: Rank, served: string[], day: string, counter: number): TicketRow | undefined {
    let best: TicketRow | undefined;
    for (const cat of served) {
      const key = `${rank}:${cat}`;
      let rows = view.transferred.get(key);
      if (!rows) view.transferred.set(key, (rows = st.transferred[rank].all(cat, day) as TicketRow[]));
      for (const row of rows) if (row.counter === counter && (!best || fifo(row, best) < 0)) best = row;
    }
    return best;
  }

  interface Called {
    ticket: Ticket;
    row: TicketRow;
    priority: boolean;
    audit: { id: number; hash: string };
  }

  function callOne(st: Statements, view: BatchView, p: Pending, day: string, now: number, policy: QueuePolicy): Called | null {
    const c = st.counter.get(p.counter) as { open: number; paused_reason: string | null; categories: string } | undefined;
    if (!c) throw counterRefusal(p.counter, { refused: 'missing' });
    if (!c.open) throw counterRefusal(p.counter, { refused: 'closed' });
    if (c.paused_reason) throw counterRefusal(p.counter, { refused: 'paused', reason: c.paused_reason });
    const busy = st.busy.get(p.counter, day) as { label: string } | undefined;
    if (busy) throw counterRefusal(p.counter, { refused: 'busy', label: busy.label });
    const served = JSON.parse(c.categories) as string[];
    // Tickets transferred to this counter come first.
    let candidates = [headHere(st, view, 'priority', served, day, p.counter), headHere(st, view, 'normal', served, day, p.counter)].filter((t) => t !== undefined);
    if (candidates.length === 0) candidates = [head(st, view, 'priority', served, day), head(st, view, 'normal', served, day)].filter((t) => t !== undefined);
    view.normalsSincePriority ??= (st.since.get() as number | undefined) ?? 0;
    const next = pickNext(
      candidates.map((row) => ({ row, id: row.id, number: row.number, priority: row.priority_kind !== null, queuedAt: Date.parse(row.queued_at) })),
      policy,
      { normalsSincePriority: view.normalsSincePriority },
      now,
    );
    if (!next) return null;
    const at = new Date(now).toISOString();
    // The write lock is held from BEGIN IMMEDIATE: nobody else can have claimed it meanwhile.
    if (st.claim.run(p.counter, at, at, next.id).changes !== 1) throw counterRefusal(p.counter, { refused: 'conflict' });
    st.closePeriods.run(at, next.id);
    st.openPeriod.run(next.id, p.counter, at);
    st.announce.run(next.id, next.row.label, p.counter, announcementText(next.row.label, p.counter), at, next.priority ? 1 : 0);
    const audit = appendAudit(st, view, p.actor, at, `ticket:${next.id}`, { counter: p.counter });
    const called: TicketRow = { ...next.row, status: 'called', counter: p.counter, called_at: at, called_count: next.row.called_count + 1, updated_at: at };
    return { ticket: toTicket(called, (st.categoryName.get(next.row.category_id) as string | undefined) ?? next.row.category_id), row: next.row, priority: next.priority, audit };
  }

  /** The audit entry of the call, in its transaction, chained exactly as auth/audit.ts chains it. */
  function appendAudit(st: Statements, view: BatchView, actor: Actor, at: string, target: string, detail: Record<string, unknown>) {
    view.lastHash ??= (st.lastHash.get() as string | undefined) ?? '0'.repeat(64);
    const row = [view.lastHash, at, actor.id, actor.name, 'ticket.call', target, JSON.stringify(scrubPersonalData(detail)), actor.counter ?? null, actor.transport ?? null] as const;
    const hash = crypto.createHash('sha256').update(JSON.stringify(row)).digest('hex');
    const { lastInsertRowid } = st.audit.run(row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[0], hash);
    return { id: Number(lastInsertRowid), hash };
  }

  /** A call's savepoint was released: the view follows what it wrote. */
  function settle(view: BatchView, called: Called) {
    const { row } = called;
    const key = `${row.priority_kind !== null ? 'priority' : 'normal'}:${row.category_id}`;
    if (row.counter === null) view.heads.delete(key);
    else view.transferred.set(key, view.transferred.get(key)!.filter((t) => t.id !== row.id));
    view.normalsSincePriority = called.priority ? 0 : view.normalsSincePriority! + 1;
    view.lastHash = called.audit.hash;
    view.appended = { ...called.audit, count: (view.appended?.count ?? 0) + 1 };
  }

  /** The batch's state rows, written once before its commit. */
  function closeBatch(st: Statements, view: BatchView) {
    if (!view.appended) return;
    st.saveSince.run(view.normalsSincePriority);
    // The chain's head moves with it, as audit.record() moves it (a removed tail shows).
    st.auditHead.run(view.appended.count, view.appended.id, view.appended.hash);
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
            const view: BatchView = { heads: new Map(), transferred: new Map(), normalsSincePriority: undefined, lastHash: undefined, appended: undefined };
            for (const p of batch) {
              try {
                const called = inSavepoint(st, view, p, day, now, policy);
                if (called) settle(view, called);
                outcomes.push({ ticket: called?.ticket ?? null });
              } catch (error) {
                outcomes.push({ error });
              }
            }
            closeBatch(st, view);
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
