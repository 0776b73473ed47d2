import crypto from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isPostgres, serialize } from '../db/handle';
import { localHallEvents, type HallEvents } from '../db/hall-events';
import type { SettingsStore } from '../settings/store';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import type { Category, QueueSnapshot, Ticket, TicketHolder } from '../../../shared/contract/queue';
import { announcementText, callingOrder, pickNext, type PolicyState, type QueuePolicy } from '../../../shared/queue/policy';
import { hallDate, toHallIso } from '../../../shared/system/hall-time';
import { DEFAULT_CATEGORIES, toTicket, type TicketRow } from './rows';
import { holderColumn, ticketHolder } from './holder';
import { averageServiceMinutes } from './service-minutes';

type Db = Kysely<Database>;

/**
 * The hall's ticket queue. All state is in the database (a restart keeps the line); every
 * change is one transaction that also opens/closes the ticket's timed periods, then an event
 * that makes every board, kiosk and console receive a new snapshot.
 */
export function createQueueService(deps: { db: Db; settings: SettingsStore; audit: AuditLog; now: () => number; hall?: HallEvents }) {
  const { db, settings, audit } = deps;
  const hall = deps.hall ?? localHallEvents();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  // A call at another counter of the hall: boards and consoles here re-read the queue.
  hall.on('queue', () => changes.emit('change'));
  const iso = () => new Date(deps.now()).toISOString();
  const cfg = () => settings.get().queue;

  /** The queue day: numbers restart at dailyReset (hall time), or never. */
  function day(): string {
    const reset = cfg().dailyReset;
    if (reset === 'never') return 'all';
    const [h, m] = reset.split(':').map(Number);
    return hallDate(deps.now() - (h! * 60 + m!) * 60_000);
  }

  function policy(): QueuePolicy {
    const q = cfg();
    if (q.policy === 'strict') return { kind: 'strict' };
    if (q.policy === 'ageing') return { kind: 'ageing', ageingMs: q.ageingMinutes * 60_000 };
    return { kind: 'interleave', normal: q.interleaveNormal };
  }

  async function policyState(trx: Db): Promise<PolicyState> {
    const last = await trx.selectFrom('queue_calls').select('seq').where('recall', '=', 0).where('priority', '=', 1).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row = await trx.selectFrom('queue_calls').select((eb) => eb.fn.countAll().as('n')).where('recall', '=', 0).where('priority', '=', 0).where('seq', '>', last?.seq ?? 0).executeTakeFirstOrThrow();
    return { normalsSincePriority: Number(row.n) };
  }

  async function categories(trx: Db = db) {
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

  async function categoryName(trx: Db, id: string): Promise<string> {
    return (await trx.selectFrom('queue_categories').select('name').where('id', '=', id).executeTakeFirst())?.name ?? id;
  }

  /** Inside a change on PostgreSQL the row stays locked until commit: its checks hold for the write. */
  async function ticket(trx: Db, id: string): Promise<TicketRow> {
    const q = trx.selectFrom('tickets').selectAll().where('id', '=', id);
    const row = await (isPostgres(trx) && trx.isTransaction ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `ticket ${id} not found`, '未找到该号码');
    return row;
  }

  async function counterRow(trx: Db, number: number) {
    const row = await trx.selectFrom('queue_counters').selectAll().where('number', '=', number).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `counter ${number} not configured`, `${number} 号窗口未配置，请在「排队管理」中设置`);
    return row;
  }

  async function openPeriod(trx: Db, ticketId: string, kind: string, counter: number | null) {
    await trx.insertInto('ticket_periods').values({ ticket_id: ticketId, kind, counter, started_at: iso(), ended_at: null }).execute();
  }
  async function closePeriods(trx: Db, ticketId: string) {
    await trx.updateTable('ticket_periods').set({ ended_at: iso() }).where('ticket_id', '=', ticketId).where('ended_at', 'is', null).execute();
  }

  /** Tickets of a past queue day can no longer be called. */
  async function rollover(trx: Db) {
    const stale = await trx.selectFrom('tickets').select('id').where('status', 'in', ['waiting', 'called', 'serving']).where('day', '!=', day()).execute();
    for (const t of stale) await closePeriods(trx, t.id);
    if (stale.length) await trx.updateTable('tickets').set({ status: 'expired', updated_at: iso() }).where('id', 'in', stale.map((t) => t.id)).execute();
  }

  /** One transaction: the change and its audit entry commit together (one fsync), then the event. */
  async function change<T>(fn: (trx: Db) => Promise<T>, audited?: { actor: Actor; action: string; target: (result: T) => string | null; detail?: (result: T) => Record<string, unknown> }): Promise<T> {
    const result = await db.transaction().execute(async (trx) => {
      await rollover(trx);
      const r = await fn(trx);
      // A null target means nothing happened worth recording (e.g. nobody was waiting).
      const target = audited?.target(r);
      if (audited && target !== null && target !== undefined) await audit.record(audited.actor, audited.action, target, audited.detail?.(r) ?? {}, trx);
      await hall.publish(trx, 'queue');
      return r;
    });
    changes.emit('change');
    return result;
  }

  async function asTicket(trx: Db, id: string): Promise<Ticket> {
    const row = await ticket(trx, id);
    return toTicket(row, await categoryName(trx, row.category_id));
  }

  async function announce(trx: Db, row: TicketRow, counter: number, recall: boolean) {
    await trx.insertInto('queue_calls').values({ ticket_id: row.id, label: row.label, counter, text: announcementText(row.label, counter), at: iso(), recall: recall ? 1 : 0, priority: row.priority_kind ? 1 : 0 }).execute();
  }

  /** Marks a waiting ticket called at a counter; false when someone else got it first. */
  async function claim(trx: Db, row: TicketRow, counter: number): Promise<boolean> {
    const res = await trx.updateTable('tickets').set({ status: 'called', counter, called_at: iso(), called_count: row.called_count + 1, updated_at: iso() }).where('id', '=', row.id).where('status', '=', 'waiting').executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await closePeriods(trx, row.id);
    await openPeriod(trx, row.id, 'called', counter);
    await announce(trx, row, counter, false);
    return true;
  }

  async function readyCounter(trx: Db, number: number) {
    const c = await counterRow(trx, number);
    if (!c.open) throw new AppError('CONFLICT', `counter ${number} closed`, `${number} 号窗口未开放，不能叫号`);
    if (c.paused_reason) throw new AppError('CONFLICT', `counter ${number} paused`, `${number} 号窗口已暂停服务（${c.paused_reason}），请先恢复`);
    const busy = await trx.selectFrom('tickets').select('label').where('counter', '=', number).where('status', 'in', ['called', 'serving']).where('day', '=', day()).executeTakeFirst();
    if (busy) throw new AppError('CONFLICT', `counter ${number} still has ${busy.label}`, `请先办结或过号当前号码 ${busy.label}`);
    return c;
  }

  function requireStatus(row: TicketRow, allowed: string[], action: string) {
    if (!allowed.includes(row.status)) throw new AppError('CONFLICT', `ticket ${row.label} is ${row.status}`, `${row.label} 当前状态不能${action}`);
  }

  const api = {
    day,
    changes,

    async ensureDefaults(counters: number[]): Promise<void> {
      const existing = await db.selectFrom('queue_categories').select('id').limit(1).execute();
      if (existing.length) {
        // A counter joining a hall that is already set up registers itself (serving every line,
        // open); one the queue manager configured before keeps its settings.
        const all = JSON.stringify((await categories()).map((c) => c.id));
        const added = await db.insertInto('queue_counters').values(counters.map((n) => ({ number: n, name: '', categories: all, open: 1 }))).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0) changes.emit('change');
        return;
      }
      await db.transaction().execute(async (trx) => {
        // Counters of a hall start together: one of them seeds, the others find it done.
        await serialize(trx, 'queue.defaults');
        if ((await trx.selectFrom('queue_categories').select('id').limit(1).execute()).length) return;
        for (const c of DEFAULT_CATEGORIES) await trx.insertInto('queue_categories').values({ id: c.id, name: c.name, items: JSON.stringify(c.items), range_start: 1, range_end: 999 }).execute();
        for (const n of counters) await trx.insertInto('queue_counters').values({ number: n, name: '', categories: JSON.stringify(DEFAULT_CATEGORIES.map((c) => c.id)), open: 1 }).onConflict((oc) => oc.doNothing()).execute();
      });
      changes.emit('change');
    },

    async take(actor: Actor, categoryId: string, priorityKind: string | null, source: string, holder?: TicketHolder) {
      if (priorityKind && !cfg().priorityKinds.includes(priorityKind)) throw new AppError('BAD_REQUEST', `unknown priority ${priorityKind}`, `未知的优先类别“${priorityKind}”`);
      const result = await change(async (trx) => {
        const cat = (await categories(trx)).find((c) => c.id === categoryId);
        if (!cat || !cat.enabled) throw new AppError('NOT_FOUND', `category ${categoryId} not available`, '该业务暂不取号');
        const d = day();
        // One statement numbers the ticket, so kiosks and counters sharing a hall database never
        // hand out the same number; over the cap, the error rolls the increment back.
        const seq = await sql<{ last: number; taken: number }>`INSERT INTO queue_sequence (day, category_id, last, taken) VALUES (${d}, ${cat.id}, ${cat.rangeStart}, 1)
          ON CONFLICT (day, category_id) DO UPDATE SET
            last = CASE WHEN queue_sequence.last >= ${cat.rangeEnd} THEN ${cat.rangeStart} ELSE queue_sequence.last + 1 END,
            taken = queue_sequence.taken + 1
          RETURNING last, taken`.execute(trx);
        const { last: number, taken } = seq.rows[0]!;
        if (cat.dailyCap > 0 && taken > cat.dailyCap) {
          throw new AppError('CONFLICT', `daily cap ${cat.dailyCap} reached`, `「${cat.name}」今日号码已取完（每日限 ${cat.dailyCap} 个），请明日再来或咨询大厅引导员`);
        }
        const id = crypto.randomUUID();
        const label = `${cat.id}${String(number).padStart(3, '0')}`;
        await trx.insertInto('tickets').values({ id, day: d, category_id: cat.id, number, label, priority_kind: priorityKind, status: 'waiting', counter: null, taken_at: iso(), queued_at: iso(), called_at: null, source, updated_at: iso(), holder: holderColumn(holder, cfg().realNameTickets, hallDate(deps.now())) }).execute();
        await openPeriod(trx, id, 'waiting', null);
        return { id, cat };
      }, { actor, action: 'ticket.take', target: (r) => `ticket:${r.id}`, detail: () => ({ category: categoryId, priority: priorityKind }) });
      // People ahead in its own line, in calling order (a priority ticket may be near the front).
      const line = await db.selectFrom('tickets').selectAll().where('day', '=', day()).where('status', '=', 'waiting').where('category_id', '=', categoryId).execute();
      const order = callingOrder(line.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), policy(), await policyState(db), deps.now());
      const ahead = order.findIndex((t) => t.id === result.id);
      const serving = (await db.selectFrom('queue_counters').select('categories').where('open', '=', 1).where('paused_reason', 'is', null).execute()).filter((k) => (JSON.parse(k.categories) as string[]).includes(categoryId)).length;
      const minutes = (await averageServiceMinutes(db, day())).get(categoryId) ?? 5;
      return { ticket: await asTicket(db, result.id), ahead, hallName: settings.get().hall.name, estimatedWaitMinutes: Math.round((ahead * minutes) / Math.max(1, serving)) };
    },

    async callNext(actor: Actor, counter: number): Promise<Ticket | null> {
      const called = await change(async (trx) => {
        const c = await readyCounter(trx, counter);
        // Calls take turns across the hall: the policy's state (normals since the last priority
        // ticket) and FIFO within a rank are hall-wide, so two counters must not decide at once.
        // Taken after this counter's own checks, to hold it as briefly as possible.
        await serialize(trx, 'queue.call');
        const served = JSON.parse(c.categories) as string[];
        // Another counter may claim the same ticket between read and write: take the next one then.
        for (let attempt = 0; attempt < 5; attempt++) {
          // Every policy calls the head of one rank (FIFO inside a rank), so only the first
          // waiting priority and first waiting normal ticket are candidates: two indexed reads.
          const head = (priority: boolean, assigned: boolean) => {
            let q = trx.selectFrom('tickets').selectAll().where('day', '=', day()).where('status', '=', 'waiting').where('category_id', 'in', served.length ? served : ['']);
            q = assigned ? q.where('counter', '=', counter) : q.where('counter', 'is', null);
            q = priority ? q.where('priority_kind', 'is not', null) : q.where('priority_kind', 'is', null);
            return q.orderBy('queued_at').orderBy('number').limit(1).executeTakeFirst();
          };
          // Tickets transferred to this counter come first.
          let candidates = (await Promise.all([head(true, true), head(false, true)])).filter((t) => t !== undefined);
          if (candidates.length === 0) candidates = (await Promise.all([head(true, false), head(false, false)])).filter((t) => t !== undefined);
          if (candidates.length === 0) return null;
          const next = pickNext(candidates.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), policy(), await policyState(trx), deps.now());
          if (next && (await claim(trx, next, counter))) return next.id;
        }
        throw new AppError('CONFLICT', 'could not claim a ticket', '叫号冲突，请重试');
      }, { actor, action: 'ticket.call', target: (id) => (id ? `ticket:${id}` : null), detail: () => ({ counter }) });
      if (!called) return null;
      return asTicket(db, called);
    },

    async call(actor: Actor, ticketId: string, counter: number): Promise<Ticket> {
      await change(async (trx) => {
        await serialize(trx, 'queue.call');
        await readyCounter(trx, counter);
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['waiting'], '叫号');
        if (!(await claim(trx, row, counter))) throw new AppError('CONFLICT', 'already called', `${row.label} 已被其他窗口叫走`);
      });
      await audit.record(actor, 'ticket.call', `ticket:${ticketId}`, { counter, direct: true });
      return asTicket(db, ticketId);
    },

    async recall(actor: Actor, ticketId: string): Promise<Ticket> {
      await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['called'], '重呼');
        await trx.updateTable('tickets').set({ called_count: row.called_count + 1, updated_at: iso() }).where('id', '=', row.id).execute();
        await announce(trx, row, row.counter!, true);
      });
      await audit.record(actor, 'ticket.recall', `ticket:${ticketId}`);
      return asTicket(db, ticketId);
    },

    async start(actor: Actor, ticketId: string): Promise<Ticket> {
      await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['called'], '开始办理');
        await trx.updateTable('tickets').set({ status: 'serving', updated_at: iso() }).where('id', '=', row.id).execute();
        await closePeriods(trx, row.id);
        await openPeriod(trx, row.id, 'serving', row.counter);
      });
      await audit.record(actor, 'ticket.start', `ticket:${ticketId}`);
      return asTicket(db, ticketId);
    },

    async noShow(actor: Actor, ticketId: string): Promise<Ticket> {
      await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['called'], '过号');
        await closePeriods(trx, row.id);
        // Back to the end of the line up to maxNoShows times, then it ends.
        const requeue = cfg().noShowRequeue === 'end' && row.no_shows < cfg().maxNoShows;
        await trx
          .updateTable('tickets')
          .set({ status: requeue ? 'waiting' : 'no_show', counter: null, no_shows: row.no_shows + 1, queued_at: requeue ? iso() : row.queued_at, updated_at: iso() })
          .where('id', '=', row.id)
          .execute();
        if (requeue) await openPeriod(trx, row.id, 'waiting', null);
      });
      await audit.record(actor, 'ticket.no_show', `ticket:${ticketId}`);
      return asTicket(db, ticketId);
    },

    async transfer(actor: Actor, ticketId: string, to: { category?: string; counter?: number }): Promise<Ticket> {
      if (!to.category && to.counter === undefined) throw new AppError('BAD_REQUEST', 'no target', '请选择转往的业务类别或窗口', { toCategory: '请选择转往的业务类别或窗口' });
      await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['called', 'serving'], '转窗');
        if (to.category && !(await categories(trx)).some((c) => c.id === to.category)) throw new AppError('NOT_FOUND', 'no such category', '没有该业务类别');
        if (to.counter !== undefined) await counterRow(trx, to.counter);
        await closePeriods(trx, row.id);
        // Keeps its place in the line: it already waited once.
        await trx.updateTable('tickets').set({ status: 'waiting', category_id: to.category ?? row.category_id, counter: to.counter ?? null, queued_at: row.taken_at, updated_at: iso() }).where('id', '=', row.id).execute();
        await openPeriod(trx, row.id, 'transferred', to.counter ?? null);
      });
      await audit.record(actor, 'ticket.transfer', `ticket:${ticketId}`, to);
      return asTicket(db, ticketId);
    },

    async finish(actor: Actor, ticketId: string): Promise<Ticket> {
      // The ticket's cases were linked by the intake transactions (cases/ticket-link.ts).
      const caseNos = await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['called', 'serving'], '办结');
        await closePeriods(trx, row.id);
        await trx.updateTable('tickets').set({ status: 'done', updated_at: iso() }).where('id', '=', row.id).execute();
        return JSON.parse(row.case_nos) as string[];
      });
      await audit.record(actor, 'ticket.finish', `ticket:${ticketId}`, { cases: caseNos });
      return asTicket(db, ticketId);
    },

    holder: (actor: Actor, ticketId: string, counter: number) => ticketHolder({ db, audit }, actor, ticketId, counter),

    async pause(actor: Actor, counter: number, reason: string) {
      await change(async (trx) => {
        await counterRow(trx, counter);
        await trx.updateTable('queue_counters').set({ paused_reason: reason }).where('number', '=', counter).execute();
        const serving = await trx.selectFrom('tickets').selectAll().where('counter', '=', counter).where('status', '=', 'serving').execute();
        for (const t of serving) {
          await closePeriods(trx, t.id);
          await openPeriod(trx, t.id, 'paused', counter);
        }
      });
      await audit.record(actor, 'counter.pause', `counter:${counter}`, { reason });
    },

    async resume(actor: Actor, counter: number) {
      await change(async (trx) => {
        await counterRow(trx, counter);
        await trx.updateTable('queue_counters').set({ paused_reason: null }).where('number', '=', counter).execute();
        const serving = await trx.selectFrom('tickets').selectAll().where('counter', '=', counter).where('status', '=', 'serving').execute();
        for (const t of serving) {
          await closePeriods(trx, t.id);
          await openPeriod(trx, t.id, 'serving', counter);
        }
      });
      await audit.record(actor, 'counter.resume', `counter:${counter}`);
    },

    async setOpen(actor: Actor, counter: number, open: boolean) {
      await change(async (trx) => {
        await counterRow(trx, counter);
        if (!open) {
          const busy = await trx.selectFrom('tickets').select('label').where('counter', '=', counter).where('status', 'in', ['called', 'serving']).executeTakeFirst();
          if (busy) throw new AppError('CONFLICT', 'counter busy', `请先办结或过号 ${busy.label} 再关闭窗口`);
        }
        await trx.updateTable('queue_counters').set({ open: open ? 1 : 0, paused_reason: null }).where('number', '=', counter).execute();
      });
      await audit.record(actor, open ? 'counter.open' : 'counter.close', `counter:${counter}`);
    },

    async manage(actor: Actor, ticketId: string, what: { category?: string; priorityKind?: string | null; cancelReason?: string }): Promise<Ticket> {
      await change(async (trx) => {
        const row = await ticket(trx, ticketId);
        requireStatus(row, ['waiting'], what.cancelReason ? '取消' : '调整');
        if (what.category && !(await categories(trx)).some((c) => c.id === what.category)) throw new AppError('NOT_FOUND', 'no such category', '没有该业务类别');
        if (what.priorityKind && !cfg().priorityKinds.includes(what.priorityKind)) throw new AppError('BAD_REQUEST', 'unknown priority', `未知的优先类别“${what.priorityKind}”`);
        if (what.cancelReason) {
          await closePeriods(trx, row.id);
          await trx.updateTable('tickets').set({ status: 'cancelled', updated_at: iso() }).where('id', '=', row.id).execute();
        } else {
          await trx
            .updateTable('tickets')
            .set({ ...(what.category ? { category_id: what.category } : {}), ...(what.priorityKind !== undefined ? { priority_kind: what.priorityKind } : {}), updated_at: iso() })
            .where('id', '=', row.id)
            .execute();
        }
      });
      await audit.record(actor, what.cancelReason ? 'ticket.cancel' : 'ticket.adjust', `ticket:${ticketId}`, what);
      return asTicket(db, ticketId);
    },

    async saveCategory(actor: Actor, c: Category): Promise<Category> {
      if (c.rangeEnd < c.rangeStart) throw new AppError('BAD_REQUEST', 'bad range', '号码范围的结束不能小于开始', { rangeEnd: '号码范围的结束不能小于开始' });
      await change((trx) =>
        trx
          .insertInto('queue_categories')
          .values({ id: c.id, name: c.name, items: JSON.stringify(c.items), range_start: c.rangeStart, range_end: c.rangeEnd, daily_cap: c.dailyCap, enabled: c.enabled ? 1 : 0 })
          .onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, items: JSON.stringify(c.items), range_start: c.rangeStart, range_end: c.rangeEnd, daily_cap: c.dailyCap, enabled: c.enabled ? 1 : 0 }))
          .execute(),
      );
      await audit.record(actor, 'queue.category', `category:${c.id}`, { ...c });
      return c;
    },

    async saveCounter(actor: Actor, c: { number: number; name: string; categories: string[] }) {
      const known = new Set((await categories()).map((x) => x.id));
      const unknown = c.categories.filter((x) => !known.has(x));
      if (unknown.length) throw new AppError('BAD_REQUEST', 'unknown categories', `没有业务类别：${unknown.join('、')}`, { categories: '包含不存在的业务类别' });
      await change((trx) =>
        trx.insertInto('queue_counters').values({ number: c.number, name: c.name, categories: JSON.stringify(c.categories), open: 0 }).onConflict((oc) => oc.column('number').doUpdateSet({ name: c.name, categories: JSON.stringify(c.categories) })).execute(),
      );
      await audit.record(actor, 'queue.counter', `counter:${c.number}`, { ...c });
      return c;
    },

    async periods(ticketId: string) {
      await ticket(db, ticketId);
      const rows = await db.selectFrom('ticket_periods').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
      return rows.map((r) => ({ kind: r.kind, counter: r.counter, startedAt: r.started_at, endedAt: r.ended_at }));
    },

    async snapshot(): Promise<QueueSnapshot> {
      await db.transaction().execute((trx) => rollover(trx));
      const d = day();
      const cats = await categories();
      const names = new Map(cats.map((c) => [c.id, c.name]));
      const tickets = await db.selectFrom('tickets').selectAll().where('day', '=', d).execute();
      const waitingRows = tickets.filter((t) => t.status === 'waiting');
      const order = callingOrder(waitingRows.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), policy(), await policyState(db), deps.now());
      const counters = await db.selectFrom('queue_counters').selectAll().orderBy('number').execute();
      const seqs = await db.selectFrom('queue_sequence').selectAll().where('day', '=', d).execute();
      const serviceMinutes = await averageServiceMinutes(db, d);
      const calls = await db.selectFrom('queue_calls').selectAll().orderBy('seq', 'desc').limit(10).execute();
      const counterNames = new Map(counters.map((c) => [c.number, c.name]));
      const s = settings.get();
      return {
        day: d,
        hallName: s.hall.name,
        notice: s.queue.notice,
        now: toHallIso(deps.now()),
        priorityKinds: s.queue.priorityKinds,
        realNameTickets: s.queue.realNameTickets,
        categories: cats.map((c) => {
          const waiting = waitingRows.filter((t) => t.category_id === c.id).length;
          const taken = seqs.find((x) => x.category_id === c.id)?.taken ?? 0;
          const serving = counters.filter((k) => k.open && !k.paused_reason && (JSON.parse(k.categories) as string[]).includes(c.id)).length;
          return { ...c, waiting, taken, capReached: c.dailyCap > 0 && taken >= c.dailyCap, estimatedWaitMinutes: Math.round((waiting * (serviceMinutes.get(c.id) ?? 5)) / Math.max(1, serving)) };
        }),
        counters: counters.map((k) => {
          const current = tickets.find((t) => t.counter === k.number && (t.status === 'called' || t.status === 'serving'));
          return { number: k.number, name: k.name, categories: JSON.parse(k.categories) as string[], open: k.open === 1, pausedReason: k.paused_reason, staff: k.staff, current: current ? toTicket(current, names.get(current.category_id) ?? '') : null };
        }),
        waiting: order.map((t) => toTicket(t, names.get(t.category_id) ?? '')),
        recentCalls: calls.map((c) => ({ seq: c.seq, ticketId: c.ticket_id, label: c.label, counter: c.counter, counterName: counterNames.get(c.counter) ?? '', text: c.text, at: c.at, recall: c.recall === 1 })),
      };
    },

    /** Snapshots on every change, and every few seconds so clocks and waits stay fresh. */
    async *watch(signal?: AbortSignal): AsyncGenerator<QueueSnapshot> {
      yield await api.snapshot();
      const ac = new AbortController();
      signal?.addEventListener('abort', () => ac.abort(), { once: true });
      const tick = setInterval(() => changes.emit('change'), 5000);
      try {
        for await (const _ of on(changes, 'change', { signal: ac.signal })) {
          void _;
          yield await api.snapshot();
        }
      } catch (error) {
        if (!ac.signal.aborted) throw error;
      } finally {
        clearInterval(tick);
      }
    },
  };
  return api;
}

export type QueueService = ReturnType<typeof createQueueService>;
