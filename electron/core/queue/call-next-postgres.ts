import { sql } from 'kysely';
import type { Actor } from '../auth/audit';
import { HALL_CHANNEL } from '../db/hall-events';
import { scrubPersonalData } from '../logging/redact';
import type { Ticket } from '../../../shared/contract/queue';
import { announcementText } from '../../../shared/queue/policy';
import { counterRefusal, type QueueContext } from './context';
import { toTicket, type TicketRow } from './rows';

type Outcome = { refused: 'missing' | 'closed' | 'paused' | 'busy' | 'conflict'; reason?: string; label?: string } | { ticket: TicketRow | null; categoryName?: string };

/**
 * call-next on the hall's PostgreSQL: one round trip. queue_call_next (migration 0011) checks the
 * counter, takes the hall-wide call lock, picks the head the policy names, writes the call, its
 * periods and its audit entry, and notifies the other cores, all in one statement's transaction,
 * so the lock is held for the server's work only, never for a network round trip.
 */
export function createPostgresCallNext(ctx: QueueContext) {
  return async function callNext(actor: Actor, counter: number): Promise<Ticket | null> {
    await ctx.ensureRolled();
    const p = ctx.policy();
    const now = ctx.iso();
    const result = await sql<{ r: Outcome }>`SELECT queue_call_next(
      ${counter}::integer, ${ctx.day()}::text, ${now}::text, ${p.kind}::text, ${p.kind === 'interleave' ? p.normal : 0}::integer, ${p.kind === 'ageing' ? p.ageingMs : 0}::double precision,
      ${announcementText('{label}', counter)}::text, ${actor.id}::integer, ${actor.name}::text, ${actor.counter ?? null}::integer, ${actor.transport ?? null}::text,
      ${JSON.stringify(scrubPersonalData({ counter }))}::text, ${HALL_CHANNEL}::text, ${ctx.hall.note('queue')}::text) AS r`.execute(ctx.db);
    const outcome = result.rows[0]!.r;
    if ('refused' in outcome) throw counterRefusal(counter, outcome);
    if (!outcome.ticket) return null;
    ctx.changes.emit('change');
    return toTicket(outcome.ticket, outcome.categoryName ?? outcome.ticket.category_id);
  };
}
