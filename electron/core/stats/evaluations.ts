import type { Kysely } from 'kysely';
import type { Database, EvaluationsTable } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import type { SettingsStore } from '../settings/store';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import { serialize } from '../db/handle';
import { counterName, lastTicketAtCounter, ticketForRating, ticketLabel } from '../queue/facts';
import { displayNameByLogin, ticketFinishedBy } from '../auth/readers';
import { hallDate } from '../../../shared/system/hall-time';
import { LOW_RATING_MAX, levelLabel } from '../../../shared/stats/evaluation';
import type { FollowUp } from '../../../shared/contract/stats';
import { statsMessages } from '../../../shared/messages/zh-CN';

type Row = Omit<EvaluationsTable, 'id'> & { id: number };

/** How long after 办结 the counter's tablet still offers the ticket for rating. */
export const RATE_WITHIN_MS = 10 * 60_000;

/**
 * 好差评: a rating per finished ticket from the counter's evaluation screen (tablet with an
 * evaluator device token, or the clerk's own screen), tied by core to the ticket's counter,
 * clerk and cases. A low
 * rating (不满意 / 非常不满意) needs a reason and opens a follow-up a supervisor closes with a note.
 */
export function createEvaluations(deps: { db: Kysely<Database>; settings: SettingsStore; audit: AuditLog; now: () => number }) {
  const { db } = deps;

  async function toFollowUp(r: Row): Promise<FollowUp> {
    const label = r.ticket_id ? await ticketLabel(db, r.ticket_id) : undefined;
    return {
      id: r.id,
      at: r.at,
      level: r.level,
      levelLabel: levelLabel(r.level),
      reason: r.reason,
      counter: r.counter,
      clerk: r.clerk,
      ticketLabel: label ?? null,
      caseNo: r.case_no,
      status: r.follow_up === 'closed' ? 'closed' : 'open',
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      closeNote: r.close_note,
    };
  }

  async function displayName(login: string | null): Promise<string | null> {
    if (!login) return null;
    return (await displayNameByLogin(db, login)) || login;
  }

  /**
   * The ticket just finished at a counter and not yet rated: the only one its tablet may offer
   * (a ticket still being served, one of another counter, or one already rated never shows).
   */
  async function justFinished(counter: number): Promise<{ id: string; label: string; caseNos: string[] } | null> {
    const since = new Date(deps.now() - RATE_WITHIN_MS).toISOString();
    const t = await lastTicketAtCounter(db, counter, since);
    if (!t || t.status !== 'done') return null;
    const rated = await db.selectFrom('evaluations').select('id').where('ticket_id', '=', t.id).executeTakeFirst();
    return rated ? null : { id: t.id, label: t.label, caseNos: JSON.parse(t.case_nos) as string[] };
  }

  return {
    async context(counter?: number) {
      const s = deps.settings.get();
      const n = counter ?? s.counter.number;
      const name = await counterName(db, n);
      const ticket = await justFinished(n);
      return { hallName: s.hall.name, counter: n, counterName: name, ticket, clerk: ticket ? await displayName(await ticketFinishedBy(db, ticket.id)) : null };
    },

    /** A rating of a finished ticket: counter, clerk and cases come from the ticket; once per ticket. */
    async submit(actor: Actor, input: { level: number; reason?: string; ticketId: string }) {
      const low = input.level <= LOW_RATING_MAX;
      if (low && !input.reason) throw new AppError('BAD_REQUEST', 'reason required for a low rating', statsMessages.lowRatingReason, { reason: statsMessages.lowRatingReasonField });
      const source = actor.name.startsWith('device:') ? 'device' : 'counter';
      const saved = await db.transaction().execute(async (trx) => {
        await keepRequest(trx);
        // Two taps on two tablets must not both rate one ticket.
        await serialize(trx, 'evaluation.submit');
        const t = await ticketForRating(trx, input.ticketId);
        if (!t) throw new AppError('NOT_FOUND', 'ticket not found', statsMessages.ticketNotFound);
        if (t.status !== 'done') throw new AppError('CONFLICT', `ticket ${t.label} is ${t.status}`, statsMessages.ticketNotFinished(t.label));
        if (await trx.selectFrom('evaluations').select('id').where('ticket_id', '=', t.id).executeTakeFirst()) throw new AppError('CONFLICT', `ticket ${t.label} already rated`, statsMessages.ticketAlreadyRated(t.label));
        const caseNos = JSON.parse(t.case_nos) as string[];
        const clerk = await ticketFinishedBy(trx, t.id);
        const { id } = await trx
          .insertInto('evaluations')
          .values({ at: new Date(deps.now()).toISOString(), day: hallDate(deps.now()), level: input.level, reason: input.reason ?? null, counter: t.counter, clerk, ticket_id: t.id, case_no: caseNos[0] ?? null, source, follow_up: low ? 'open' : null, closed_at: null, closed_by: null, close_note: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await deps.audit.record(actor, 'evaluation.submit', `evaluation:${id}`, { level: input.level, counter: t.counter, ticket: input.ticketId, cases: caseNos }, trx);
        return { id, counter: t.counter, caseNos };
      });
      return { id: saved.id, followUp: low };
    },

    async followUps(status: 'open' | 'closed' | 'all'): Promise<FollowUp[]> {
      let q = db.selectFrom('evaluations').selectAll();
      q = status === 'all' ? q.where('follow_up', 'is not', null) : q.where('follow_up', '=', status);
      const rows = await q.orderBy('id', 'desc').limit(500).execute();
      return Promise.all(rows.map(toFollowUp));
    },

    async closeFollowUp(actor: Actor, id: number, note: string): Promise<FollowUp> {
      const row = await db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.follow_up === null) throw new AppError('NOT_FOUND', `no follow-up ${id}`, statsMessages.followUpNotFound);
      if (row.follow_up === 'closed') throw new AppError('CONFLICT', 'already closed', statsMessages.followUpClosed);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('evaluations').set({ follow_up: 'closed', closed_at: new Date(deps.now()).toISOString(), closed_by: actor.name, close_note: note }).where('id', '=', id).execute();
        await deps.audit.record(actor, 'evaluation.close', `evaluation:${id}`, { note }, trx);
      });
      return toFollowUp((await db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row);
    },
  };
}

export type Evaluations = ReturnType<typeof createEvaluations>;
