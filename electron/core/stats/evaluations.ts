import type { Kysely } from 'kysely';
import type { Database, EvaluationsTable } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import type { SettingsStore } from '../settings/store';
import { AppError } from '../errors';
import { hallDate } from '../../../shared/system/hall-time';
import { LOW_RATING_MAX, levelLabel } from '../../../shared/stats/evaluation';
import type { FollowUp } from '../../../shared/contract/stats';

type Row = Omit<EvaluationsTable, 'id'> & { id: number };

/**
 * 好差评: a rating per service from the counter's evaluation screen (tablet with an evaluator
 * device token, or the clerk's own screen), linked to the ticket and case when known. A low
 * rating (不满意 / 非常不满意) needs a reason and opens a follow-up a supervisor closes with a note.
 */
export function createEvaluations(deps: { db: Kysely<Database>; settings: SettingsStore; audit: AuditLog; now: () => number }) {
  const { db } = deps;

  async function toFollowUp(r: Row): Promise<FollowUp> {
    const label = r.ticket_id ? (await db.selectFrom('tickets').select('label').where('id', '=', r.ticket_id).executeTakeFirst())?.label : undefined;
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

  /** The ticket being served (or just finished) at a counter today, and who served it. */
  async function currentAt(counter: number): Promise<{ ticket: { id: string; label: string } | null; clerk: string | null }> {
    const t = await db.selectFrom('tickets').select(['id', 'label']).where('counter', '=', counter).where('status', 'in', ['called', 'serving', 'done']).where('day', '=', hallDate(deps.now())).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
    if (!t) return { ticket: null, clerk: null };
    const a = await db.selectFrom('audit_log').select('actor').where('target', '=', `ticket:${t.id}`).where('action', 'in', ['ticket.call', 'ticket.finish']).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return { ticket: t, clerk: a?.actor ?? null };
  }

  return {
    async context(counter?: number) {
      const s = deps.settings.get();
      const n = counter ?? s.counter.number;
      const name = (await db.selectFrom('queue_counters').select('name').where('number', '=', n).executeTakeFirst())?.name ?? '';
      return { hallName: s.hall.name, counter: n, counterName: name, ...(await currentAt(n)) };
    },

    async submit(actor: Actor, device: boolean, input: { level: number; reason?: string; ticketId?: string; caseNo?: string; counter?: number }) {
      const low = input.level <= LOW_RATING_MAX;
      if (low && !input.reason) throw new AppError('BAD_REQUEST', 'reason required for a low rating', '请告诉我们不满意的原因', { reason: '请选择或填写不满意的原因' });
      const counter = input.counter ?? deps.settings.get().counter.number;
      let clerk: string | null = device ? null : actor.name;
      if (input.caseNo) {
        const c = await db.selectFrom('cases').select('clerk').where('case_no', '=', input.caseNo).executeTakeFirst();
        if (!c) throw new AppError('NOT_FOUND', 'case not found', '未找到该办件');
        clerk = c.clerk;
      } else if (input.ticketId) {
        const t = await db.selectFrom('tickets').select('id').where('id', '=', input.ticketId).executeTakeFirst();
        if (!t) throw new AppError('NOT_FOUND', 'ticket not found', '未找到该号码');
        const a = await db.selectFrom('audit_log').select('actor').where('target', '=', `ticket:${t.id}`).where('action', 'in', ['ticket.call', 'ticket.finish']).orderBy('id', 'desc').limit(1).executeTakeFirst();
        clerk = a?.actor ?? clerk;
      }
      const at = new Date(deps.now()).toISOString();
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('evaluations')
          .values({ at, day: hallDate(deps.now()), level: input.level, reason: input.reason ?? null, counter, clerk, ticket_id: input.ticketId ?? null, case_no: input.caseNo ?? null, source: device ? 'device' : 'counter', follow_up: low ? 'open' : null, closed_at: null, closed_by: null, close_note: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await deps.audit.record(actor, 'evaluation.submit', `evaluation:${row.id}`, { level: input.level, counter, ticket: input.ticketId ?? null, case: input.caseNo ?? null }, trx);
        return row.id;
      });
      return { id, followUp: low };
    },

    async followUps(status: 'open' | 'closed' | 'all'): Promise<FollowUp[]> {
      let q = db.selectFrom('evaluations').selectAll();
      q = status === 'all' ? q.where('follow_up', 'is not', null) : q.where('follow_up', '=', status);
      const rows = await q.orderBy('id', 'desc').limit(500).execute();
      return Promise.all(rows.map(toFollowUp));
    },

    async closeFollowUp(actor: Actor, id: number, note: string): Promise<FollowUp> {
      const row = await db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row || row.follow_up === null) throw new AppError('NOT_FOUND', `no follow-up ${id}`, '未找到该差评回访');
      if (row.follow_up === 'closed') throw new AppError('CONFLICT', 'already closed', '该差评回访已办结');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('evaluations').set({ follow_up: 'closed', closed_at: new Date(deps.now()).toISOString(), closed_by: actor.name, close_note: note }).where('id', '=', id).execute();
        await deps.audit.record(actor, 'evaluation.close', `evaluation:${id}`, { note }, trx);
      });
      return toFollowUp((await db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row);
    },
  };
}

export type Evaluations = ReturnType<typeof createEvaluations>;
