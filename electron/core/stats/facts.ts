import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hallDayStartUtc } from '../../../shared/system/hall-time';
import { readDayTickets, ticketCategories } from '../queue/facts';
import { caseEvents, caseItems } from '../cases/readers';
import { ticketActions } from '../auth/readers';

type Db = Kysely<Database>;

/** One ticket of a queue day, with its times summed from its periods (see docs/stats.md). */
export interface TicketFact {
  id: string;
  label: string;
  day: string;
  category: string;
  /** '' when it never reached a counter */
  counter: string;
  /** who called / finished it (audit log); '' when unknown */
  clerk: string;
  /** the item of its first case; '' when no case is linked */
  itemKey: string;
  status: string;
  takenAt: string;
  /** finish time of a done ticket */
  doneAt: string | null;
  /** seconds in waiting + transferred periods; null when never called */
  waitSec: number | null;
  /** seconds in serving periods; null unless done after serving */
  serviceSec: number | null;
  /**
   * 未办理: the queue day ended while the ticket still waited or was being served. Its open
   * period is closed at the day's end and counts neither as a wait nor as a service.
   */
  unserved: boolean;
  caseNos: string[];
}

export type CaseFigure = 'accepted' | 'refused' | 'corrections' | 'completed';

/** A case event of the day from case_history (who did it, where, for which item). */
export interface CaseEventFact {
  caseNo: string;
  figure: CaseFigure;
  at: string;
  clerk: string;
  counter: string;
  itemKey: string;
  itemName: string;
  sourceId: string;
  category: string;
}

export interface EvaluationFact {
  id: number;
  level: number;
  counter: string;
  clerk: string;
  itemKey: string;
  category: string;
  ticketId: string | null;
  caseNo: string | null;
}

export interface DayFacts {
  tickets: TicketFact[];
  cases: CaseEventFact[];
  evaluations: EvaluationFact[];
  items: Record<string, [string, string]>;
}

/** Ticket statuses that mean the ticket was still in the hall's hands (expired: closed by the next day's rollover). */
const OPEN_STATUSES = ['waiting', 'called', 'serving', 'expired'];

/**
 * Reads one hall day's tickets, case events and ratings: a handful of indexed queries, through
 * the readers of the modules that own those tables (queue, cases, auth).
 * `queueDayEndMs` is when the queue day ends (the next day's reset): once it has passed, the
 * day is a fixed fact — every period is cut at that instant and a ticket still open then is
 * 未办理 — so the figures are the same whenever they are first computed.
 */
export async function readDayFacts(db: Db, day: string, nowMs: number, queueDayEndMs: number): Promise<DayFacts> {
  const start = hallDayStartUtc(day);
  const end = hallDayStartUtc(day, 1);
  const closed = queueDayEndMs <= nowMs;
  const until = Math.min(nowMs, queueDayEndMs);
  const { tickets, periods } = await readDayTickets(db, day);
  const wait = new Map<string, number>();
  const service = new Map<string, number>();
  const openAtEnd = new Set<string>();
  for (const p of periods) {
    const endedMs = p.ended_at ? Date.parse(p.ended_at) : null;
    if (closed && (endedMs === null || endedMs > queueDayEndMs)) openAtEnd.add(p.ticket_id);
    const ms = Math.max(0, Math.min(endedMs ?? until, until) - Date.parse(p.started_at));
    const into = p.kind === 'serving' ? service : wait;
    into.set(p.ticket_id, (into.get(p.ticket_id) ?? 0) + ms);
  }
  // Who served each ticket: the last ticket.call / ticket.finish actor of the day.
  const clerks = new Map<string, string>();
  for (const a of await ticketActions(db, start, end)) if (a.target?.startsWith('ticket:')) clerks.set(a.target.slice(7), a.actor);

  const items: Record<string, [string, string]> = {};
  const caseNos = tickets.flatMap((t) => JSON.parse(t.case_nos) as string[]);
  const itemOfCase = new Map<string, string>();
  for (const r of await caseItems(db, caseNos)) {
    itemOfCase.set(r.case_no, r.item_key);
    items[r.item_key] = [r.item_name, r.source_id];
  }

  const ticketFacts: TicketFact[] = tickets.map((t) => {
    const nos = JSON.parse(t.case_nos) as string[];
    const unserved = closed && (openAtEnd.has(t.id) || OPEN_STATUSES.includes(t.status));
    const done = t.status === 'done' && !unserved;
    const s = service.get(t.id);
    return {
      id: t.id,
      label: t.label,
      day,
      category: t.category_id,
      counter: t.counter === null ? '' : String(t.counter),
      clerk: clerks.get(t.id) ?? '',
      itemKey: nos.map((n) => itemOfCase.get(n)).find((k) => k !== undefined) ?? '',
      status: t.status,
      takenAt: t.taken_at,
      doneAt: done ? t.updated_at : null,
      waitSec: t.called_count > 0 && !unserved ? Math.round((wait.get(t.id) ?? 0) / 1000) : null,
      serviceSec: done && s !== undefined ? Math.round(s / 1000) : null,
      unserved,
      caseNos: nos,
    };
  });

  const events = await caseEvents(db, start, end);
  // The category of each event's ticket (a case may close days after its ticket's day).
  const categoryOf = await ticketCategories(db, [...new Set(events.flatMap((e) => (e.ticket_id ? [e.ticket_id] : [])))]);
  const caseFacts: CaseEventFact[] = [];
  for (const e of events) {
    const figure: CaseFigure | null =
      e.action === 'accept' || (e.action === 'resubmit' && e.from_status === 'correction_requested') ? 'accepted' : e.action === 'refuse' ? 'refused' : e.action === 'requestCorrection' ? 'corrections' : e.action === 'complete' ? 'completed' : null;
    if (!figure) continue;
    items[e.item_key] = [e.item_name, e.source_id];
    caseFacts.push({ caseNo: e.case_no, figure, at: e.at, clerk: e.actor, counter: String(e.counter ?? e.case_counter), itemKey: e.item_key, itemName: e.item_name, sourceId: e.source_id, category: (e.ticket_id ? categoryOf.get(e.ticket_id) : undefined) ?? '' });
  }

  const byTicket = new Map(ticketFacts.map((t) => [t.id, t]));
  const evals = await db.selectFrom('evaluations').select(['id', 'level', 'counter', 'clerk', 'ticket_id', 'case_no']).where('day', '=', day).execute();
  const evalCases = evals.flatMap((e) => (e.case_no ? [e.case_no] : []));
  const evalItems = new Map<string, string>();
  for (const r of await caseItems(db, evalCases)) {
    evalItems.set(r.case_no, r.item_key);
    items[r.item_key] = [r.item_name, r.source_id];
  }
  const evaluations: EvaluationFact[] = evals.map((e) => {
    const t = e.ticket_id ? byTicket.get(e.ticket_id) : undefined;
    return {
      id: e.id,
      level: e.level,
      counter: e.counter === null ? (t?.counter ?? '') : String(e.counter),
      clerk: e.clerk ?? t?.clerk ?? '',
      itemKey: (e.case_no ? evalItems.get(e.case_no) : undefined) ?? t?.itemKey ?? '',
      category: t?.category ?? '',
      ticketId: e.ticket_id,
      caseNo: e.case_no,
    };
  });
  return { tickets: ticketFacts, cases: caseFacts, evaluations, items };
}
