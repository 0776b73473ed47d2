import crypto from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { BookingsTable, Database } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import { SYSTEM_ACTOR } from '../auth/audit';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/store';
import type { UpstreamClient } from '../sync/client';
import type { ExchangeContext } from '../sync/deps';
import { createSyncStore } from '../sync/store';
import { PROTOCOL_VERSION } from '../sync/outbox';
import { reasonOf, statusVerdict, submitVerdict } from '../sync/verdicts';
import { categoryNames } from '../queue/facts';
import { AppError } from '../errors';
import { checkIdNumberAs, normalizeIdNumber, type IdKind } from '../../../shared/identity';
import { hallDate, hallDayStartMs } from '../../../shared/system/hall-time';
import { minutesOf, slotInstant } from '../../../shared/appointments/slots';
import { appointmentMessages as m } from '../../../shared/messages/zh-CN';
import type { BookingExchangeStatus } from '../../../shared/contract/appointments';

/**
 * The 预约 exchange with the upstream (docs/upstream-protocol.md §Bookings): pulls booking
 * changes made on the province's channels into `bookings`, and sends back what became of each
 * pulled booking (booking_events, an outbox written in the transaction that made the event).
 * The sync worker runs it after its case rounds, under the same lease, with the same client;
 * answers are read as case messages' are (sync/verdicts.ts).
 */

type Db = Kysely<Database>;
type BookingRow = Selectable<BookingsTable>;
type EventRow = Selectable<Database['booking_events']>;

export type BookingEventKind = 'booking.checkedIn' | 'booking.noShow' | 'booking.cancelled';

/** Where the hall's cursor in the upstream's booking changes is kept (sync_state). */
const CURSOR = 'bookings.after';
/** The first day the no-show sweep still has to look at (sync_state). */
const SWEEP_FROM = 'bookings.noShowsFrom';
const PAGE = 200;
/** Pages per run: a first pull of a busy platform goes on in the next run, not in one long one. */
const MAX_PAGES = 20;
const EVENTS_PER_RUN = 50;
const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One booking change as the upstream sends it; anything else is skipped with its reason. */
const changeSchema = z.object({
  seq: z.int().nonnegative(),
  bookingId: z.string().min(1).max(64),
  code: z.string().regex(/^[A-Z0-9]{4,20}$/),
  channel: z.string().max(20).nullish(),
  status: z.enum(['booked', 'cancelled']),
  categoryId: z.string().regex(/^[A-Z]$/),
  item: z.object({ key: z.string().max(100).nullish(), name: z.string().min(1).max(100) }),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  slot: z.object({ start: z.string().regex(hhmm), end: z.string().regex(hhmm) }),
  person: z.object({ idKind: z.enum(['resident', 'hkmo', 'taiwan', 'foreign2017', 'foreign2023']), idNumber: z.string().min(1).max(40), name: z.string().min(1).max(60), phone: z.string().max(20).nullish() }),
  cancelReason: z.string().max(200).nullish(),
});
type Change = z.infer<typeof changeSchema>;
const pageSchema = z.object({ bookings: z.array(z.unknown()).max(500), next: z.int().nonnegative(), more: z.boolean() });

/** The hall as booking events name it (the same three fields as case messages). */
export function hallIdentity(settings: SettingsStore): BookingEventOptions['hall'] {
  const s = settings.get();
  return { regionCode: s.hall.regionCode, name: s.hall.name, counter: s.counter.number };
}

export interface BookingEventOptions {
  at: string;
  hall: { regionCode: string; name: string; counter: number };
  ticket?: string | null;
  reason?: string | null;
}

/**
 * Writes what became of a pulled booking to the event outbox, in the caller's transaction (the
 * check-in's, the cancellation's, the no-show sweep's): the change and its event commit or roll
 * back together. Telephone bookings are the hall's own: nothing to tell the upstream.
 */
export async function enqueueBookingEvent(trx: Db, booking: BookingRow, kind: BookingEventKind, opts: BookingEventOptions): Promise<string | null> {
  if (booking.source !== 'upstream' || !booking.upstream_id) return null;
  const msgId = crypto.randomUUID();
  const payload = {
    protocol: PROTOCOL_VERSION,
    msgId,
    kind,
    hall: opts.hall,
    booking: { bookingId: booking.upstream_id, code: booking.code, day: booking.day, slot: { start: booking.slot_start, end: booking.slot_end } },
    at: opts.at,
    ticket: opts.ticket ?? null,
    reason: opts.reason ?? null,
  };
  const r = await trx
    .insertInto('booking_events')
    .values({ msg_id: msgId, booking_id: booking.id, kind, payload: JSON.stringify(payload), status: 'pending', next_attempt_at: opts.at, created_at: opts.at, updated_at: opts.at })
    // One event per booking (unique index): a second sweep finding the same no-show adds nothing.
    .onConflict((oc) => oc.column('booking_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0 ? msgId : null;
}

/** The instant a booking's slot ends (hall time): after it, a booking not checked in is a no-show. */
const slotEndMs = (r: BookingRow) => slotInstant(r.day, r.slot_end);

export interface BookingExchangeDeps {
  db: Db;
  settings: SettingsStore;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
}

type EventSets = Partial<{ status: string; attempts: number; next_attempt_at: string; last_error: string | null; acked_at: string | null; updated_at: string }>;

export function createBookingExchange(deps: BookingExchangeDeps) {
  const { db, logger } = deps;
  const iso = (ms = deps.now()) => new Date(ms).toISOString();
  const hall = () => hallIdentity(deps.settings);
  let lastPullAt: string | null = null;
  let lastPullError: string | null = null;
  let skipped = 0;
  const problems: string[] = [];

  function skip(change: unknown, reason: string) {
    skipped += 1;
    const id = change && typeof change === 'object' && 'bookingId' in change ? String((change as { bookingId: unknown }).bookingId) : '?';
    problems.unshift(`${id}：${reason}`);
    problems.length = Math.min(problems.length, 20);
    logger.warn({ bookingId: id, reason }, 'upstream booking skipped');
  }

  /** Why the hall cannot take this change, or the person's ID number as stored (normalised) when it can. */
  function checkChange(c: Change, categories: ReadonlyMap<string, string>): { problem: string } | { idNumber: string } {
    if (!categories.has(c.categoryId)) return { problem: m.pulledUnknownCategory(c.categoryId) };
    if (minutesOf(c.slot.end) <= minutesOf(c.slot.start)) return { problem: m.pulledBadSlot(c.slot.start, c.slot.end) };
    const check = checkIdNumberAs(c.person.idNumber, c.person.idKind as IdKind, c.day);
    return check.valid ? { idNumber: check.normalized ?? normalizeIdNumber(c.person.idNumber) } : { problem: m.idInvalid(check.reason) };
  }

  /** One change into `bookings`: new, moved, or cancelled online. A booking the hall already settled keeps what happened here. */
  async function apply(trx: Db, c: Change, idNumber: string): Promise<string | null> {
    const existing = await trx.selectFrom('bookings').selectAll().where('upstream_id', '=', c.bookingId).executeTakeFirst();
    const fields = { id_kind: c.person.idKind, id_number: idNumber, name: c.person.name, phone: c.person.phone ?? null, category_id: c.categoryId, item_key: c.item.key ?? null, item_name: c.item.name, day: c.day, slot_start: c.slot.start, slot_end: c.slot.end, channel: c.channel ?? null };
    const cancelled = c.status === 'cancelled' ? { status: 'cancelled', cancel_reason: c.cancelReason?.trim() || m.cancelledOnline } : { status: 'booked', cancel_reason: null };
    if (!existing) {
      const taken = await trx.selectFrom('bookings').select('id').where('code', '=', c.code).executeTakeFirst();
      if (taken) return m.pulledCodeTaken(c.code);
      await trx
        .insertInto('bookings')
        .values({ id: crypto.randomUUID(), code: c.code, source: 'upstream', upstream_id: c.bookingId, ...fields, ...cancelled, ticket_id: null, checked_in_at: null, created_at: iso(), updated_at: iso() })
        .execute();
      return null;
    }
    // Checked in or cancelled here: the hall's event tells the upstream; its later word does not undo it.
    if (existing.status !== 'booked') return null;
    await trx
      .updateTable('bookings')
      .set({ ...fields, ...cancelled, updated_at: iso() })
      .where('id', '=', existing.id)
      .execute();
    return null;
  }

  async function pull(c: UpstreamClient): Promise<'offline' | 'done' | 'failed'> {
    const store = createSyncStore(db);
    for (let page = 0; page < MAX_PAGES; page++) {
      const after = Number((await store.getState(CURSOR)) ?? 0);
      const r = await c.bookings(after, PAGE);
      if (r.kind === 'offline') return 'offline';
      if (r.kind === 'unknown' || r.status !== 200) {
        lastPullError = r.kind === 'unknown' ? m.pullNoAnswer(r.error) : m.pullFailed(r.status, reasonOf(r.body));
        return 'failed';
      }
      const parsed = pageSchema.safeParse(r.body);
      if (!parsed.success || parsed.data.next < after) {
        lastPullError = m.pullMalformed;
        logger.warn({ after, issues: parsed.error?.issues.slice(0, 3) }, 'upstream booking page malformed');
        return 'failed';
      }
      const categories = await categoryNames(db);
      let stored = 0;
      let earliest: string | null = null;
      const refused: [unknown, string][] = [];
      // A page whole or not at all, with the cursor that follows it: a crash asks for it again.
      await db.transaction().execute(async (trx) => {
        for (const raw of parsed.data.bookings) {
          const change = changeSchema.safeParse(raw);
          if (!change.success) {
            refused.push([raw, m.pulledMalformed(change.error.issues[0]?.path.join('.') ?? '')]);
            continue;
          }
          const checked = checkChange(change.data, categories);
          const problem = 'problem' in checked ? checked.problem : await apply(trx, change.data, checked.idNumber);
          if (problem) refused.push([raw, problem]);
          else {
            stored += 1;
            if (!earliest || change.data.day < earliest) earliest = change.data.day;
          }
        }
        const state = createSyncStore(trx);
        await state.setState(CURSOR, String(parsed.data.next));
        // A booking for a day the no-show sweep has passed already (a hall that was offline
        // through it): the sweep goes back to that day, or its no-show would never be sent.
        const sweepFrom = await state.getState(SWEEP_FROM);
        if (sweepFrom && earliest && earliest < sweepFrom) await state.setState(SWEEP_FROM, earliest);
        if (parsed.data.bookings.length) await deps.audit.record(SYSTEM_ACTOR, 'appointment.pull', null, { after, next: parsed.data.next, stored, skipped: refused.length }, trx);
      });
      for (const [raw, problem] of refused) skip(raw, problem);
      lastPullAt = iso();
      lastPullError = null;
      if (!parsed.data.more) return 'done';
    }
    return 'done';
  }

  /**
   * Pulled bookings whose slot ended without a check-in become 爽约 events, once. Only days from
   * the last fully swept one are read, so the sweep costs the same after years of bookings.
   */
  async function sweepNoShows(): Promise<void> {
    const store = createSyncStore(db);
    const now = deps.now();
    const today = hallDate(now);
    const from = (await store.getState(SWEEP_FROM)) ?? hallDate(hallDayStartMs(today, -30));
    const rows = await db
      .selectFrom('bookings')
      .selectAll('bookings')
      .where('source', '=', 'upstream')
      .where('day', '>=', from)
      .where('day', '<=', today)
      .where('status', '=', 'booked')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('booking_events').select(sql.lit(1).as('x')).whereRef('booking_events.booking_id', '=', 'bookings.id'))))
      .execute();
    const ended = rows.filter((r) => now >= slotEndMs(r));
    if (!ended.length && from === today) return;
    await db.transaction().execute(async (trx) => {
      for (const r of ended) await enqueueBookingEvent(trx, r, 'booking.noShow', { at: new Date(slotEndMs(r)).toISOString(), hall: hall() });
      // Every day before today is over: the next sweep starts at today.
      if (from !== today) await createSyncStore(trx).setState(SWEEP_FROM, today);
    });
  }

  async function sendEvents(ctx: ExchangeContext): Promise<'offline' | 'done'> {
    const due: EventRow[] = [];
    for (const status of ['pending', 'unknown'] as const) {
      due.push(...(await db.selectFrom('booking_events').selectAll().where('status', '=', status).where('next_attempt_at', '<=', iso()).orderBy('next_attempt_at').orderBy('id').limit(EVENTS_PER_RUN).execute()));
    }
    const updates = new Map<number, EventSets>();
    const fail = (e: EventRow, status: 'pending' | 'unknown', error: string) => {
      const attempts = e.attempts + 1;
      const giveUp = attempts >= ctx.retryCap;
      updates.set(e.id, { attempts, status: giveUp ? 'needs_attention' : status, next_attempt_at: iso(deps.now() + ctx.backoffMs(attempts)), last_error: giveUp ? `需人工处理：已尝试 ${attempts} 次。${error}` : error, updated_at: iso() });
    };
    const ack = (e: EventRow) => updates.set(e.id, { status: 'acked', acked_at: iso(), last_error: null, updated_at: iso() });
    const reject = (e: EventRow, body: unknown) => updates.set(e.id, { status: 'rejected', attempts: e.attempts + 1, last_error: `上级平台退回：${reasonOf(body)}`, updated_at: iso() });
    let offline = false;
    try {
      for (const e of due.slice(0, EVENTS_PER_RUN)) {
        if (e.status === 'unknown') {
          // The last send may have arrived: ask first, then send again under the same id if it did not.
          const st = statusVerdict(await ctx.client.bookingEventStatus(e.msg_id));
          if (st.kind === 'offline') {
            offline = true;
            return 'offline';
          }
          if (st.kind === 'unknown') {
            fail(e, 'unknown', st.error);
            continue;
          }
          if (st.kind === 'acked') {
            ack(e);
            continue;
          }
          if (st.kind === 'rejected') {
            reject(e, st.body);
            continue;
          }
        }
        const v = submitVerdict(await ctx.client.submitBookingEvent(e.msg_id, e.payload));
        if (v.kind === 'offline') {
          offline = true;
          return 'offline';
        }
        if (v.kind === 'acked') ack(e);
        else if (v.kind === 'rejected') reject(e, v.body);
        else fail(e, v.kind === 'unknown' ? 'unknown' : 'pending', v.error);
      }
      return 'done';
    } finally {
      // What the run learnt, in one transaction (also when it went offline half-way).
      if (updates.size) {
        await db.transaction().execute(async (trx) => {
          for (const [id, sets] of updates) await trx.updateTable('booking_events').set(sets).where('id', '=', id).execute();
        });
      }
      if (offline) logger.info({ sent: updates.size }, 'upstream unreachable while sending booking events');
    }
  }

  return {
    /** One exchange: the no-show sweep, the pull, then the events due. 'offline' when no connection could be made. */
    async run(ctx: ExchangeContext): Promise<{ offline: boolean }> {
      await sweepNoShows();
      const pulled = await pull(ctx.client);
      if (pulled === 'offline') return { offline: true };
      return { offline: (await sendEvents(ctx)) === 'offline' };
    },

    async status(): Promise<BookingExchangeStatus> {
      const rows = await db.selectFrom('booking_events').select(['status', (e) => e.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { lastPullAt, lastPullError, skipped, problems: problems.slice(0, 5), pending: n('pending') + n('unknown'), rejected: n('rejected'), needsAttention: n('needs_attention'), acked: n('acked') };
    },

    /** 重新回传: a rejected or 需人工处理 event goes up again under its id (asked about first if it may have arrived). */
    async resend(actor: Actor, bookingId: string): Promise<void> {
      const e = await db.selectFrom('booking_events').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
      if (!e) throw new AppError('NOT_FOUND', `no event for booking ${bookingId}`, m.noEvent);
      if (e.status === 'acked') throw new AppError('CONFLICT', 'event already acknowledged', m.eventAcked);
      const status = e.status === 'rejected' || e.attempts === 0 ? 'pending' : 'unknown';
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('booking_events').set({ status, attempts: 0, next_attempt_at: iso(), last_error: null, updated_at: iso() }).where('id', '=', e.id).execute();
        await deps.audit.record(actor, 'appointment.resend', `booking:${bookingId}`, { msgId: e.msg_id, from: e.status }, trx);
      });
    },

    /** The events of these bookings by booking id: the 预约 list shows each one's 回传 state. */
    async eventStates(bookingIds: readonly string[]): Promise<Map<string, { status: string; lastError: string | null }>> {
      const out = new Map<string, { status: string; lastError: string | null }>();
      for (let i = 0; i < bookingIds.length; i += 500) {
        const rows = await db.selectFrom('booking_events').select(['booking_id', 'status', 'last_error']).where('booking_id', 'in', bookingIds.slice(i, i + 500)).execute();
        for (const r of rows) out.set(r.booking_id, { status: r.status, lastError: r.last_error });
      }
      return out;
    },
  };
}

export type BookingExchange = ReturnType<typeof createBookingExchange>;
