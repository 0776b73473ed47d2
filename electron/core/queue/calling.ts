import { serialize } from '../db/handle';
import type { Actor } from '../auth/audit';
import { AppError } from '../errors';
import type { Ticket } from '../../../shared/contract/queue';
import { announcementText, BOOKED_PRIORITY } from '../../../shared/queue/policy';
import { counterRefusal, type Db, type QueueContext } from './context';
import { recordServed } from './aggregates';
import type { TicketRow } from './rows';
import { createPostgresCallNext } from './call-next-postgres';
import { createSqliteCallNext } from './call-next-sqlite';

/**
 * 叫号 and what follows at the counter: call next (one unit per store, see call-next-*.ts), call
 * a given number, recall, start, no-show, transfer, finish, and the queue manager's adjustments.
 * Each is one transaction with its audit entry.
 */
export function createCalling(ctx: QueueContext) {
  const { db, cfg, iso, change, ticket, requireStatus } = ctx;
  const callNext = ctx.deps.sqlite ? createSqliteCallNext(ctx, ctx.deps.sqlite) : createPostgresCallNext(ctx);

  async function announce(trx: Db, row: TicketRow, counter: number, recall: boolean) {
    await trx.insertInto('queue_calls').values({ ticket_id: row.id, label: row.label, counter, text: announcementText(row.label, counter), at: iso(), recall: recall ? 1 : 0, priority: row.priority_kind ? 1 : 0 }).execute();
  }

  /** An action on one ticket, audited as `action` in its transaction; answers the ticket as it is after. */
  async function onTicket(actor: Actor, ticketId: string, action: string, fn: (trx: Db, row: TicketRow) => Promise<void>, detail: Record<string, unknown> = {}, hallLock?: string): Promise<Ticket> {
    await change(
      async (trx) => {
        // A hall-wide lock comes before the ticket's row lock, in the order call-next takes them.
        if (hallLock) await serialize(trx, hallLock);
        await fn(trx, await ticket(trx, ticketId));
      },
      { actor, action, target: () => `ticket:${ticketId}`, detail: () => detail },
    );
    return ctx.asTicket(db, ticketId);
  }

  return {
    callNext,

    /** 叫指定号: a chosen waiting ticket, at a counter that may call now. */
    call: (actor: Actor, ticketId: string, counter: number) =>
      onTicket(
        actor,
        ticketId,
        'ticket.call',
        async (trx, row) => {
          const c = await ctx.counterRow(trx, counter);
          if (!c.open) throw counterRefusal(counter, { refused: 'closed' });
          if (c.paused_reason) throw counterRefusal(counter, { refused: 'paused', reason: c.paused_reason });
          const busy = await trx.selectFrom('tickets').select('label').where('counter', '=', counter).where('status', 'in', ['called', 'serving']).where('day', '=', ctx.day()).executeTakeFirst();
          if (busy) throw counterRefusal(counter, { refused: 'busy', label: busy.label });
          requireStatus(row, ['waiting'], '叫号');
          const claimed = await trx.updateTable('tickets').set({ status: 'called', counter, called_at: iso(), called_count: row.called_count + 1, updated_at: iso() }).where('id', '=', row.id).where('status', '=', 'waiting').executeTakeFirst();
          if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'already called', `${row.label} 已被其他窗口叫走`);
          await ctx.closePeriods(trx, row.id);
          await ctx.openPeriod(trx, row.id, 'called', counter);
          await announce(trx, row, counter, false);
          // A direct call counts like any other for interleaving.
          await trx.updateTable('queue_state').set((eb) => ({ normals_since_priority: row.priority_kind ? 0 : eb('normals_since_priority', '+', 1) })).where('id', '=', 1).execute();
        },
        { counter, direct: true },
        'queue.call',
      ),

    recall: (actor: Actor, ticketId: string) =>
      onTicket(actor, ticketId, 'ticket.recall', async (trx, row) => {
        requireStatus(row, ['called'], '重呼');
        await trx.updateTable('tickets').set({ called_count: row.called_count + 1, updated_at: iso() }).where('id', '=', row.id).execute();
        await announce(trx, row, row.counter!, true);
      }),

    start: (actor: Actor, ticketId: string) =>
      onTicket(actor, ticketId, 'ticket.start', async (trx, row) => {
        requireStatus(row, ['called'], '开始办理');
        await trx.updateTable('tickets').set({ status: 'serving', updated_at: iso() }).where('id', '=', row.id).execute();
        await ctx.closePeriods(trx, row.id);
        await ctx.openPeriod(trx, row.id, 'serving', row.counter);
      }),

    noShow: (actor: Actor, ticketId: string) =>
      onTicket(actor, ticketId, 'ticket.no_show', async (trx, row) => {
        requireStatus(row, ['called'], '过号');
        await ctx.closePeriods(trx, row.id);
        // Back to the end of the line up to maxNoShows times, then it ends.
        const requeue = cfg().noShowRequeue === 'end' && row.no_shows < cfg().maxNoShows;
        await trx
          .updateTable('tickets')
          .set({ status: requeue ? 'waiting' : 'no_show', counter: null, no_shows: row.no_shows + 1, queued_at: requeue ? iso() : row.queued_at, updated_at: iso() })
          .where('id', '=', row.id)
          .execute();
        if (requeue) await ctx.openPeriod(trx, row.id, 'waiting', null);
      }),

    transfer: async (actor: Actor, ticketId: string, to: { category?: string; counter?: number }) => {
      if (!to.category && to.counter === undefined) throw new AppError('BAD_REQUEST', 'no target', '请选择转往的业务类别或窗口', { toCategory: '请选择转往的业务类别或窗口' });
      return onTicket(
        actor,
        ticketId,
        'ticket.transfer',
        async (trx, row) => {
          requireStatus(row, ['called', 'serving'], '转窗');
          if (to.category && !(await ctx.categories(trx)).some((c) => c.id === to.category)) throw new AppError('NOT_FOUND', 'no such category', '没有该业务类别');
          if (to.counter !== undefined) await ctx.counterRow(trx, to.counter);
          await ctx.closePeriods(trx, row.id);
          // Keeps its place in the line: it already waited once.
          await trx.updateTable('tickets').set({ status: 'waiting', category_id: to.category ?? row.category_id, counter: to.counter ?? null, queued_at: row.taken_at, updated_at: iso() }).where('id', '=', row.id).execute();
          await ctx.openPeriod(trx, row.id, 'transferred', to.counter ?? null);
        },
        to,
      );
    },

    finish: (actor: Actor, ticketId: string) => {
      // The ticket's cases were linked by the intake transactions (cases/ticket-link.ts); the audit names them.
      const detail: { cases: string[] } = { cases: [] };
      return onTicket(
        actor,
        ticketId,
        'ticket.finish',
        async (trx, row) => {
          requireStatus(row, ['called', 'serving'], '办结');
          detail.cases = JSON.parse(row.case_nos) as string[];
          // Its serving time joins the line's running figure (estimated waits).
          const serving = await trx.selectFrom('ticket_periods').select(['started_at', 'ended_at']).where('ticket_id', '=', row.id).where('kind', '=', 'serving').execute();
          await ctx.closePeriods(trx, row.id);
          await trx.updateTable('tickets').set({ status: 'done', updated_at: iso() }).where('id', '=', row.id).execute();
          if (serving.length) await recordServed(trx, row.day, row.category_id, serving.reduce((ms, p) => ms + Date.parse(p.ended_at ?? iso()) - Date.parse(p.started_at), 0));
        },
        detail,
      );
    },

    /** 排队管理: move to another line, change the priority, or cancel a waiting ticket. */
    manage: (actor: Actor, ticketId: string, what: { category?: string; priorityKind?: string | null; cancelReason?: string }) =>
      onTicket(
        actor,
        ticketId,
        what.cancelReason ? 'ticket.cancel' : 'ticket.adjust',
        async (trx, row) => {
          requireStatus(row, ['waiting'], what.cancelReason ? '取消' : '调整');
          if (what.category && !(await ctx.categories(trx)).some((c) => c.id === what.category)) throw new AppError('NOT_FOUND', 'no such category', '没有该业务类别');
          // 预约 is earned by a booking's check-in (numbering.ts), never given by hand.
          if (what.priorityKind && (what.priorityKind === BOOKED_PRIORITY || !cfg().priorityKinds.includes(what.priorityKind))) throw new AppError('BAD_REQUEST', 'unknown priority', `未知的优先类别“${what.priorityKind}”`);
          if (what.cancelReason) {
            await ctx.closePeriods(trx, row.id);
            await trx.updateTable('tickets').set({ status: 'cancelled', updated_at: iso() }).where('id', '=', row.id).execute();
          } else {
            await trx
              .updateTable('tickets')
              .set({ ...(what.category ? { category_id: what.category } : {}), ...(what.priorityKind !== undefined ? { priority_kind: what.priorityKind } : {}), updated_at: iso() })
              .where('id', '=', row.id)
              .execute();
          }
        },
        what,
      ),
  };
}
