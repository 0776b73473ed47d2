import type { EventEmitter } from 'node:events';
import type { Actor } from '../auth/audit';
import { localHallEvents } from '../db/hall-events';
import type { Category, QueueSnapshot, Ticket, TicketHolder } from '../../../shared/contract/queue';
import { ticketHolder } from './holder';
import { createQueueContext, type QueueDeps } from './context';
import { createNumbering, type BookedTake, type TakeResult } from './numbering';
import { createCalling } from './calling';
import { createCounters } from './counters';
import { createSnapshots } from './snapshot';

export interface TicketPeriod {
  kind: string;
  counter: number | null;
  startedAt: string;
  endedAt: string | null;
}

/**
 * The hall's ticket queue (docs/queue.md). All state is in the database (a restart keeps the
 * line); every change is one transaction with its periods and audit entry, then an event after
 * which boards, kiosks and consoles get the shared snapshot.
 */
export interface QueueService {
  /** The current queue day ('all' when numbers never restart). */
  day(): string;
  /** 'change' after every committed change of the queue (here or, in a hall, at another core). */
  changes: EventEmitter;
  ensureDefaults(counters: number[]): Promise<void>;
  // numbering
  /** `booked`: a booking checking in (appointments/), see BookedTake. */
  take(actor: Actor, categoryId: string, priorityKind: string | null, source: string, holder?: TicketHolder, booked?: BookedTake): Promise<TakeResult>;
  // calling
  callNext(actor: Actor, counter: number): Promise<Ticket | null>;
  call(actor: Actor, ticketId: string, counter: number): Promise<Ticket>;
  recall(actor: Actor, ticketId: string): Promise<Ticket>;
  start(actor: Actor, ticketId: string): Promise<Ticket>;
  noShow(actor: Actor, ticketId: string): Promise<Ticket>;
  transfer(actor: Actor, ticketId: string, to: { category?: string; counter?: number }): Promise<Ticket>;
  finish(actor: Actor, ticketId: string): Promise<Ticket>;
  /** 实名取号: the holder of a ticket at the caller's own counter, unmasked (audited). */
  holder(actor: Actor, ticketId: string, counter: number): Promise<TicketHolder | null>;
  manage(actor: Actor, ticketId: string, what: { category?: string; priorityKind?: string | null; cancelReason?: string }): Promise<Ticket>;
  periods(ticketId: string): Promise<TicketPeriod[]>;
  // counters
  pause(actor: Actor, counter: number, reason: string): Promise<void>;
  resume(actor: Actor, counter: number): Promise<void>;
  setOpen(actor: Actor, counter: number, open: boolean): Promise<void>;
  saveCategory(actor: Actor, c: Category): Promise<Category>;
  saveCounter(actor: Actor, c: { number: number; name: string; categories: string[] }): Promise<{ number: number; name: string; categories: string[] }>;
  // snapshot
  snapshot(): Promise<QueueSnapshot>;
  watch(signal?: AbortSignal): AsyncGenerator<QueueSnapshot>;
}

export function createQueueService(deps: Omit<QueueDeps, 'hall'> & { hall?: QueueDeps['hall'] }): QueueService {
  const ctx = createQueueContext({ ...deps, hall: deps.hall ?? localHallEvents() });
  // A change at another core of the hall: boards and consoles here re-read the queue.
  ctx.hall.on('queue', () => ctx.changes.emit('change'));
  const numbering = createNumbering(ctx);
  const calling = createCalling(ctx);
  const counters = createCounters(ctx);
  const snapshots = createSnapshots(ctx);
  return {
    day: () => ctx.day(),
    changes: ctx.changes,
    ensureDefaults: counters.ensureDefaults,
    take: numbering.take,
    callNext: calling.callNext,
    call: calling.call,
    recall: calling.recall,
    start: calling.start,
    noShow: calling.noShow,
    transfer: calling.transfer,
    finish: calling.finish,
    holder: (actor, ticketId, counter) => ticketHolder({ db: ctx.db, audit: ctx.deps.audit }, actor, ticketId, counter),
    manage: calling.manage,
    async periods(ticketId) {
      await ctx.ticket(ctx.db, ticketId);
      const rows = await ctx.db.selectFrom('ticket_periods').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
      return rows.map((r) => ({ kind: r.kind, counter: r.counter, startedAt: r.started_at, endedAt: r.ended_at }));
    },
    pause: counters.pause,
    resume: counters.resume,
    setOpen: counters.setOpen,
    saveCategory: counters.saveCategory,
    saveCounter: counters.saveCounter,
    snapshot: snapshots.snapshot,
    watch: snapshots.watch,
  };
}
