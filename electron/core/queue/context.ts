import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import { escapeLiteral } from 'pg';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../db/schema';
import { endingTransaction, isPostgres } from '../db/handle';
import { HALL_CHANNEL, type HallEvents } from '../db/hall-events';
import { scrubPersonalData } from '../logging/redact';
import type { SettingsStore } from '../settings/store';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import type { Category, Ticket } from '../../../shared/contract/queue';
import type { QueuePolicy } from '../../../shared/queue/policy';
import { hallDate } from '../../../shared/system/hall-time';
import { toTicket, type TicketRow } from './rows';

export type Db = Kysely<Database>;

/** SQL literals for the one statement sent without parameters (changeOnPostgres). */
const text = (v: string | null) => (v === null ? 'NULL' : `${escapeLiteral(v)}::text`);
const int = (v: number | null) => {
  if (v === null) return 'NULL';
  if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  return `${v}::integer`;
};

export interface QueueDeps {
  db: Db;
  /** The SQLite connection under `db` (absent on PostgreSQL): call-next runs on it directly. */
  sqlite?: BetterSqlite3.Database;
  settings: SettingsStore;
  audit: AuditLog;
  now: () => number;
  hall: HallEvents;
}

/** Statuses of a ticket still in the hall: its label is in use, its periods may be open. */
export const OPEN_STATUSES = ['waiting', 'called', 'serving'] as const;

/** Description of one audited change: `target` null means nothing worth recording happened. */
export interface Audited<T> {
  actor: Actor;
  action: string;
  target: (result: T) => string | null;
  detail?: (result: T) => Record<string, unknown>;
}

/**
 * What the parts of the queue (numbering, calling, counters, snapshot) share: the store, the
 * queue day, the policy, and `change`, the one way to write.
 */
export function createQueueContext(deps: QueueDeps) {
  const { db, settings, audit, hall } = deps;
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const iso = () => new Date(deps.now()).toISOString();
  // The store keeps the parsed file while it is unchanged (settings/store.ts): cheap on the hot path.
  const current = () => settings.get();
  const cfg = () => current().queue;
  let rolledFor = '';

  /**
   * The queue day: numbers restart at dailyReset (hall time), or never. The only place that
   * turns an instant into a queue day (the hall time-zone setting swaps hallDate here).
   */
  function day(at = deps.now()): string {
    const reset = cfg().dailyReset;
    if (reset === 'never') return 'all';
    const [h, m] = reset.split(':').map(Number);
    return hallDate(at - (h! * 60 + m!) * 60_000);
  }

  function policy(): QueuePolicy {
    const q = cfg();
    if (q.policy === 'strict') return { kind: 'strict' };
    if (q.policy === 'ageing') return { kind: 'ageing', ageingMs: q.ageingMinutes * 60_000 };
    return { kind: 'interleave', normal: q.interleaveNormal };
  }

  async function closePeriods(trx: Db, ticketId: string) {
    await trx.updateTable('ticket_periods').set({ ended_at: iso() }).where('ticket_id', '=', ticketId).where('ended_at', 'is', null).execute();
  }

  /**
   * Tickets of a past queue day can no longer be called: once per queue day (per core), read
   * through the open-tickets index. Idempotent, so cores of a hall may all do it.
   */
  async function ensureRolled(): Promise<void> {
    const d = day();
    if (rolledFor === d) return;
    await db.transaction().execute(async (trx) => {
      // The interleave count starts from the call history the first time (0011).
      if (!(await trx.selectFrom('queue_state').select('id').where('id', '=', 1).executeTakeFirst()))
        await sql`INSERT INTO queue_state (id, normals_since_priority) SELECT 1, COUNT(*) FROM queue_calls
          WHERE recall = 0 AND priority = 0 AND seq > COALESCE((SELECT MAX(seq) FROM queue_calls WHERE recall = 0 AND priority = 1), 0)
          ON CONFLICT (id) DO NOTHING`.execute(trx);
      const stale = await trx.selectFrom('tickets').select('id').where('status', 'in', [...OPEN_STATUSES]).where('day', '!=', d).execute();
      for (const t of stale) await closePeriods(trx, t.id);
      if (stale.length) await trx.updateTable('tickets').set({ status: 'expired', updated_at: iso() }).where('id', 'in', stale.map((t) => t.id)).execute();
      await trx.updateTable('queue_state').set({ rolled_day: d }).where('id', '=', 1).execute();
    });
    rolledFor = d;
  }

  /** One transaction: the change and its audit entry commit together (one fsync), then the event. */
  async function change<T>(fn: (trx: Db) => Promise<T>, audited?: Audited<T>): Promise<T> {
    await ensureRolled();
    const result = isPostgres(db) ? await changeOnPostgres(fn, audited) : await changeOnSqlite(fn, audited);
    changes.emit('change');
    return result;
  }

  async function changeOnSqlite<T>(fn: (trx: Db) => Promise<T>, audited?: Audited<T>): Promise<T> {
    return db.transaction().execute(async (trx) => {
      const r = await fn(trx);
      const target = audited?.target(r);
      if (audited && target !== null && target !== undefined) await audit.record(audited.actor, audited.action, target, audited.detail?.(r) ?? {}, trx);
      return r;
    });
  }

  /**
   * Hall mode: the audit entry, the note to the other cores and the COMMIT go to the server as
   * one message (migration 0015, simple-query protocol), so the audit chain's hall-wide lock is
   * held for the server's own work only. Sent as a statement and then a COMMIT, the lock also
   * waited for this core's next turn on a busy CPU, and every counter's call-next (which takes
   * it too) queued behind (docs/queue.md § Engine).
   */
  async function changeOnPostgres<T>(fn: (trx: Db) => Promise<T>, audited?: Audited<T>): Promise<T> {
    // A transaction Kysely knows as one (ticket() locks rows only inside one), ended by our COMMIT.
    const trx = await db.startTransaction().execute();
    let r: T;
    try {
      r = await fn(trx);
      const target = audited?.target(r);
      const a = audited?.actor;
      const note = hall.note('queue');
      const entry =
        audited && a && target !== null && target !== undefined
          ? `SELECT queue_audit(${[
              text(iso()),
              int(a.id),
              text(a.name),
              text(audited.action),
              text(target),
              text(JSON.stringify(scrubPersonalData(audited.detail?.(r) ?? {}))),
              int(a.counter ?? null),
              text(a.transport ?? null),
              text(HALL_CHANNEL),
              text(note),
            ].join(', ')})`
          : note !== null
            ? `SELECT pg_notify(${text(HALL_CHANNEL)}, ${text(note)})`
            : null;
      await trx.executeQuery(endingTransaction(entry ? `${entry}; COMMIT` : 'COMMIT'));
    } catch (error) {
      // A failed statement or COMMIT leaves the transaction aborted or gone; ROLLBACK ends either.
      await trx.rollback().execute();
      throw error;
    }
    // Our COMMIT ended the transaction already: this only hands the connection back to the pool
    // (the driver sends nothing for it, db/dialect/postgres.ts).
    await trx.commit().execute();
    return r;
  }

  async function categories(trx: Db = db): Promise<Category[]> {
    return (await trx.selectFrom('queue_categories').selectAll().orderBy('id').execute()).map((c) => ({
      id: c.id,
      name: c.name,
      items: JSON.parse(c.items) as string[],
      rangeStart: c.range_start,
      rangeEnd: c.range_end,
      dailyCap: c.daily_cap,
      enabled: c.enabled === 1,
    }));
  }

  /** Inside a change on PostgreSQL the row stays locked until commit: its checks hold for the write. */
  async function ticket(trx: Db, id: string): Promise<TicketRow> {
    const q = trx.selectFrom('tickets').selectAll().where('id', '=', id);
    const row = await (isPostgres(trx) && trx.isTransaction ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `ticket ${id} not found`, '未找到该号码');
    return row;
  }

  async function asTicket(trx: Db, id: string): Promise<Ticket> {
    const row = await ticket(trx, id);
    const name = (await trx.selectFrom('queue_categories').select('name').where('id', '=', row.category_id).executeTakeFirst())?.name ?? row.category_id;
    return toTicket(row, name);
  }

  async function counterRow(trx: Db, number: number) {
    const row = await trx.selectFrom('queue_counters').selectAll().where('number', '=', number).executeTakeFirst();
    if (!row) throw counterRefusal(number, { refused: 'missing' });
    return row;
  }

  async function openPeriod(trx: Db, ticketId: string, kind: string, counter: number | null) {
    await trx.insertInto('ticket_periods').values({ ticket_id: ticketId, kind, counter, started_at: iso(), ended_at: null }).execute();
  }

  function requireStatus(row: TicketRow, allowed: string[], action: string) {
    if (!allowed.includes(row.status)) throw new AppError('CONFLICT', `ticket ${row.label} is ${row.status}`, `${row.label} 当前状态不能${action}`);
  }

  return { deps, db, settings: { get: current }, audit, hall, changes, iso, cfg, day, policy, ensureRolled, change, categories, ticket, asTicket, counterRow, openPeriod, closePeriods, requireStatus };
}

export type QueueContext = ReturnType<typeof createQueueContext>;

/** The clerk's message for a counter that cannot call now (shared by both call-next paths). */
export function counterRefusal(counter: number, why: { refused: 'missing' | 'closed' | 'paused' | 'busy' | 'conflict'; reason?: string; label?: string }): AppError {
  switch (why.refused) {
    case 'missing':
      return new AppError('NOT_FOUND', `counter ${counter} not configured`, `${counter} 号窗口未配置，请在「排队管理」中设置`);
    case 'closed':
      return new AppError('CONFLICT', `counter ${counter} closed`, `${counter} 号窗口未开放，不能叫号`);
    case 'paused':
      return new AppError('CONFLICT', `counter ${counter} paused`, `${counter} 号窗口已暂停服务（${why.reason}），请先恢复`);
    case 'busy':
      return new AppError('CONFLICT', `counter ${counter} still has ${why.label}`, `请先办结或过号当前号码 ${why.label}`);
    case 'conflict':
      return new AppError('CONFLICT', 'could not claim a ticket', '叫号冲突，请重试');
  }
}
