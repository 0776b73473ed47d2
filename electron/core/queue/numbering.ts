import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../auth/audit';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { Category, Ticket, TicketHolder } from '../../../shared/contract/queue';
import { hallDate } from '../../../shared/system/hall-time';
import { holderColumn } from './holder';
import { queueMessages } from '../../../shared/messages/zh-CN';
import { BOOKED_PRIORITY, callingOrder } from '../../../shared/queue/policy';
import { OPEN_STATUSES, type Db, type QueueContext } from './context';
import { policyState, serviceMinutes } from './aggregates';

export interface TakeResult {
  ticket: Ticket;
  ahead: number;
  hallName: string;
  estimatedWaitMinutes: number;
}

/**
 * A booked visit checking in (预约签到, appointments/): the ticket enters the priority rank as
 * 预约 at its slot's start (or now, when later), carries the booked person as its holder, and
 * `within` records the check-in in the same transaction — one commit for the whole action.
 */
export interface BookedTake {
  queuedAt: number;
  holder: TicketHolder;
  within: (trx: Db, ticketId: string, label: string) => Promise<void>;
}

export function ticketLabel(categoryId: string, number: number): string {
  return `${categoryId}${String(number).padStart(3, '0')}`;
}

/**
 * 取号: numbers per line and queue day. A label is never handed out while a ticket with the
 * same label is still waiting, called or being served: after the range wraps, labels still in
 * the hall are skipped, and when every one is, the line is used up for now.
 */
export function createNumbering(ctx: QueueContext) {
  const { db, cfg, day, iso } = ctx;

  /** The next free number after `last`, under the line's sequence row lock (held since the upsert). */
  async function nextFreeNumber(trx: Db, cat: Category, last: number): Promise<number> {
    const after = (n: number) => (n < cat.rangeStart || n >= cat.rangeEnd ? cat.rangeStart : n + 1);
    const first = after(last);
    const inUse = (labels: string[]) => trx.selectFrom('tickets').select('label').where('label', 'in', labels).where('status', 'in', [...OPEN_STATUSES]).execute();
    // Nearly always the next number is free: one indexed read.
    if ((await inUse([ticketLabel(cat.id, first)])).length === 0) return first;
    // The range has wrapped onto labels still in the hall: read them all once (open rows only).
    const open = new Set((await trx.selectFrom('tickets').select('label').where('status', 'in', [...OPEN_STATUSES]).execute()).map((t) => t.label));
    for (let n = after(first), i = 0; i < cat.rangeEnd - cat.rangeStart; n = after(n), i++) if (!open.has(ticketLabel(cat.id, n))) return n;
    throw new AppError('CONFLICT', `category ${cat.id}: every number of ${cat.rangeStart}-${cat.rangeEnd} is in use`, queueMessages.rangeUsedUp);
  }

  async function take(actor: Actor, categoryId: string, priorityKind: string | null, source: string, holder?: TicketHolder, booked?: BookedTake): Promise<TakeResult> {
    if (booked) priorityKind = BOOKED_PRIORITY;
    // 预约 is earned by a booking's check-in, never chosen at the kiosk.
    else if (priorityKind && (priorityKind === BOOKED_PRIORITY || !cfg().priorityKinds.includes(priorityKind)))
      throw new AppError('BAD_REQUEST', `unknown priority ${priorityKind}`, `未知的优先类别“${priorityKind}”`);
    const id = await ctx.change(
      async (trx) => {
        await keepRequest(trx);
        const cat = (await ctx.categories(trx)).find((c) => c.id === categoryId);
        if (!cat || !cat.enabled) throw new AppError('NOT_FOUND', `category ${categoryId} not available`, '该业务暂不取号');
        const d = day();
        // The line's sequence row numbers its tickets: the upsert locks it (PostgreSQL) until
        // commit, so kiosks and counters sharing a hall database take turns; an error (cap,
        // range used up) rolls the count back.
        const seq = await sql<{ last: number; taken: number }>`INSERT INTO queue_sequence (day, category_id, last, taken) VALUES (${d}, ${cat.id}, ${cat.rangeStart - 1}, 1)
          ON CONFLICT (day, category_id) DO UPDATE SET taken = queue_sequence.taken + 1
          RETURNING last, taken`.execute(trx);
        const { last, taken } = seq.rows[0]!;
        // A booked visit holds its place already: the walk-in cap does not turn it away.
        if (!booked && cat.dailyCap > 0 && taken > cat.dailyCap) {
          throw new AppError('CONFLICT', `daily cap ${cat.dailyCap} reached`, `「${cat.name}」今日号码已取完（每日限 ${cat.dailyCap} 个），请明日再来或咨询大厅引导员`);
        }
        const number = await nextFreeNumber(trx, cat, last);
        await trx.updateTable('queue_sequence').set({ last: number }).where('day', '=', d).where('category_id', '=', cat.id).execute();
        const ticketId = crypto.randomUUID();
        await trx
          .insertInto('tickets')
          .values({
            id: ticketId,
            day: d,
            category_id: cat.id,
            number,
            label: ticketLabel(cat.id, number),
            priority_kind: priorityKind,
            status: 'waiting',
            counter: null,
            taken_at: iso(),
            queued_at: booked ? new Date(Math.max(booked.queuedAt, ctx.deps.now())).toISOString() : iso(),
            called_at: null,
            source,
            updated_at: iso(),
            // The booking's person was checked when it was booked; real-name tickets need not be on.
            holder: booked ? JSON.stringify(booked.holder) : holderColumn(holder, cfg().realNameTickets, hallDate(ctx.deps.now())),
          })
          .execute();
        await ctx.openPeriod(trx, ticketId, 'waiting', null);
        await booked?.within(trx, ticketId, ticketLabel(cat.id, number));
        return ticketId;
      },
      { actor, action: 'ticket.take', target: (r) => `ticket:${r}`, detail: () => ({ category: categoryId, priority: priorityKind }) },
    );
    const ticket = await ctx.asTicket(db, id);
    // People ahead in its own line, in calling order (a priority ticket may be near the front).
    const line = await db.selectFrom('tickets').selectAll().where('status', '=', 'waiting').where('day', '=', day()).where('category_id', '=', categoryId).execute();
    const order = callingOrder(line.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), ctx.policy(), await policyState(db), ctx.deps.now());
    const ahead = order.findIndex((t) => t.id === id);
    const serving = (await db.selectFrom('queue_counters').select('categories').where('open', '=', 1).where('paused_reason', 'is', null).execute()).filter((k) => (JSON.parse(k.categories) as string[]).includes(categoryId)).length;
    const minutes = (await serviceMinutes(db, day())).get(categoryId) ?? 5;
    return { ticket, ahead, hallName: ctx.settings.get().hall.name, estimatedWaitMinutes: Math.round((ahead * minutes) / Math.max(1, serving)) };
  }

  return { take };
}
