import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { BookingsTable, Database } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import type { CalendarService } from '../calendar/service';
import type { QueueService } from '../queue/service';
import type { TakeResult } from '../queue/numbering';
import { categoryNames } from '../queue/facts';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import { serialize } from '../db/handle';
import { checkIdNumberAs, maskIdNumber, maskName, normalizeIdNumber, type IdKind } from '../../../shared/identity';
import { hallDate } from '../../../shared/system/hall-time';
import { cutSlots, hhmm, hoursProblem, minutesOf, slotInstant } from '../../../shared/appointments/slots';
import type { AppointmentPlan, BookInput, Booking, BookingState, CheckInInput, DaySlots } from '../../../shared/contract/appointments';
import { appointmentMessages as m, checkInMessages } from '../../../shared/messages/zh-CN';
import type { SettingsStore } from '../settings/store';
import type { Logger } from '../logging/logger';
import { createBookingExchange, enqueueBookingEvent, hallIdentity } from './exchange';

type Db = Kysely<Database>;
type BookingRow = Selectable<BookingsTable>;

export interface AppointmentDeps {
  db: Db;
  queue: QueueService;
  calendar: CalendarService;
  audit: AuditLog;
  settings: SettingsStore;
  logger: Logger;
  now: () => number;
}

export interface CheckInResult {
  /** 'booked': the ticket is 预约 (priority from its slot's start); 'walkIn': the slot was over, a normal ticket. */
  outcome: 'booked' | 'walkIn';
  take: TakeResult;
  booking: Booking;
  /** What the kiosk says, in the visitor's words. */
  message: string;
}

// No 0/O, 1/I/L: read aloud over the telephone and typed at the kiosk.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function bookingCode(): string {
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

const at = slotInstant;

/**
 * 预约办理 (issue 21): the queue manager's plans and closed days, bookings entered at the 引导台
 * (telephone) or pulled from the upstream, and check-in at the kiosk, which takes the 预约 ticket
 * and records the check-in in one transaction (queue/numbering.ts BookedTake).
 */
export function createAppointmentService(deps: AppointmentDeps) {
  const { db, audit } = deps;
  const iso = () => new Date(deps.now()).toISOString();
  const today = () => hallDate(deps.now());
  const exchange = createBookingExchange({ db, settings: deps.settings, audit, logger: deps.logger, now: deps.now });
  const hall = () => hallIdentity(deps.settings);

  function toPlan(r: Selectable<Database['appointment_plans']>): AppointmentPlan {
    return { categoryId: r.category_id, enabled: r.enabled === 1, slotMinutes: r.slot_minutes, capacity: r.capacity, hours: JSON.parse(r.hours) as [string, string][], checkInEarlyMinutes: r.check_in_early_minutes };
  }

  function state(r: BookingRow, now: number): BookingState {
    if (r.status === 'checked_in') return 'checkedIn';
    if (r.status === 'cancelled') return 'cancelled';
    return now >= at(r.day, r.slot_end) ? 'noShow' : 'booked';
  }

  function toBooking(r: BookingRow, now = deps.now(), upstream: Booking['upstream'] = null): Booking {
    return {
      id: r.id,
      code: r.code,
      source: r.source as Booking['source'],
      name: maskName(r.name),
      idNumberMasked: maskIdNumber(r.id_number),
      categoryId: r.category_id,
      itemKey: r.item_key,
      itemName: r.item_name,
      day: r.day,
      slotStart: r.slot_start,
      slotEnd: r.slot_end,
      state: state(r, now),
      ticketId: r.ticket_id,
      checkedInAt: r.checked_in_at,
      channel: r.channel,
      upstream,
    };
  }

  async function plan(categoryId: string, trx: Db = db): Promise<AppointmentPlan | null> {
    const r = await trx.selectFrom('appointment_plans').selectAll().where('category_id', '=', categoryId).executeTakeFirst();
    return r ? toPlan(r) : null;
  }

  /** Why `day` takes no bookings for the line (non-working day, closed, no plan); null when it does. */
  async function closedReason(day: string, categoryId: string, p: AppointmentPlan | null, trx: Db = db): Promise<string | null> {
    if (!p || !p.enabled) return m.noPlan(categoryId);
    // A year whose 节假日安排 is not published yet is read Monday–Friday: the hall keeps taking bookings.
    if (!deps.calendar.dayInfo(day, { provisional: true }).workday) return m.notWorkday;
    const closure = await trx.selectFrom('appointment_closures').select('reason').where('day', '=', day).where('category_id', 'in', ['', categoryId]).executeTakeFirst();
    return closure ? m.dayClosed(closure.reason) : null;
  }

  async function slots(day: string, categoryId: string, trx: Db = db): Promise<DaySlots> {
    const p = await plan(categoryId, trx);
    const closed = await closedReason(day, categoryId, p, trx);
    if (closed || !p) return { day, categoryId, closedReason: closed, slots: [] };
    const taken = await trx
      .selectFrom('bookings')
      .select((eb) => ['slot_start', eb.fn.countAll<number>().as('n')])
      .where('day', '=', day)
      .where('category_id', '=', categoryId)
      .where('status', '!=', 'cancelled')
      .groupBy('slot_start')
      .execute();
    const booked = new Map(taken.map((t) => [t.slot_start, Number(t.n)]));
    return { day, categoryId, closedReason: null, slots: cutSlots(p.hours, p.slotMinutes).map((s) => ({ ...s, capacity: p.capacity, booked: booked.get(s.start) ?? 0 })) };
  }

  async function row(id: string, trx: Db = db): Promise<BookingRow> {
    const r = await trx.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND', `booking ${id} not found`, m.bookingNotFound);
    return r;
  }

  /** Today's booking the visitor means: the one whose check-in window is open, else the next one. */
  async function findForCheckIn(input: CheckInInput): Promise<BookingRow> {
    const d = today();
    if ('code' in input) {
      const r = await db.selectFrom('bookings').selectAll().where('code', '=', input.code.trim().toUpperCase()).executeTakeFirst();
      if (!r || r.status !== 'booked') throw new AppError('NOT_FOUND', 'no open booking with that code', r ? m.notBooked : m.noBookingToday);
      if (r.day !== d) throw new AppError('CONFLICT', `booking ${r.id} is for ${r.day}`, m.notToday(r.day, r.slot_start, r.slot_end));
      return r;
    }
    const rows = await db.selectFrom('bookings').selectAll().where('id_number', '=', normalizeIdNumber(input.idNumber)).where('day', '=', d).where('status', '=', 'booked').orderBy('slot_start').execute();
    if (rows.length === 0) throw new AppError('NOT_FOUND', 'no booking today for that person', m.noBookingToday);
    const now = deps.now();
    return rows.find((r) => now < at(r.day, r.slot_end)) ?? rows[rows.length - 1]!;
  }

  return {
    async plans(): Promise<AppointmentPlan[]> {
      return (await db.selectFrom('appointment_plans').selectAll().orderBy('category_id').execute()).map(toPlan);
    },

    async savePlan(actor: Actor, p: AppointmentPlan): Promise<AppointmentPlan> {
      if (!(await categoryNames(db)).has(p.categoryId)) throw new AppError('BAD_REQUEST', `unknown category ${p.categoryId}`, m.unknownCategory(p.categoryId));
      const problem = hoursProblem(p.hours, p.slotMinutes);
      if (problem) throw new AppError('BAD_REQUEST', `plan hours: ${problem}`, m.badHours(problem));
      const values = { enabled: p.enabled ? 1 : 0, slot_minutes: p.slotMinutes, capacity: p.capacity, hours: JSON.stringify(p.hours), check_in_early_minutes: p.checkInEarlyMinutes };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('appointment_plans')
          .values({ category_id: p.categoryId, ...values })
          .onConflict((oc) => oc.column('category_id').doUpdateSet(values))
          .execute();
        await audit.record(actor, 'appointment.plan', `category:${p.categoryId}`, { ...values }, trx);
      });
      return p;
    },

    async closeDay(actor: Actor, input: { day: string; categoryId: string | null; reason: string }): Promise<void> {
      const reason = input.reason.trim();
      if (!reason) throw new AppError('BAD_REQUEST', 'closing a day needs a reason', m.closeReasonRequired);
      const category = input.categoryId ?? '';
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('appointment_closures')
          .values({ day: input.day, category_id: category, reason, created_at: iso() })
          .onConflict((oc) => oc.columns(['day', 'category_id']).doUpdateSet({ reason }))
          .execute();
        await audit.record(actor, 'appointment.close', `day:${input.day}`, { category: category || 'all', reason }, trx);
      });
    },

    async reopenDay(actor: Actor, input: { day: string; categoryId: string | null }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('appointment_closures').where('day', '=', input.day).where('category_id', '=', input.categoryId ?? '').execute();
        await audit.record(actor, 'appointment.reopen', `day:${input.day}`, { category: input.categoryId ?? 'all' }, trx);
      });
    },

    slots: (day: string, categoryId: string) => slots(day, categoryId),

    /** A telephone booking at the 引导台 (source 'phone'); upstream bookings arrive through sync. */
    async book(actor: Actor, input: BookInput): Promise<Booking> {
      const check = checkIdNumberAs(input.person.idNumber, input.person.idKind as IdKind, today());
      if (!check.valid) throw new AppError('BAD_REQUEST', `booking id invalid: ${check.reason ?? ''}`, m.idInvalid(check.reason), { 'person.idNumber': m.idInvalidField(check.reason) });
      const idNumber = check.normalized ?? normalizeIdNumber(input.person.idNumber);
      const id = crypto.randomUUID();
      await db.transaction().execute(async (trx) => {
        await keepRequest(trx);
        // Two 引导台 booking the last place at once on a hall's PostgreSQL: one waits for the other's count.
        await serialize(trx, 'bookings');
        const day = await slots(input.day, input.categoryId, trx);
        if (day.closedReason) throw new AppError('CONFLICT', `no bookings on ${input.day}: ${day.closedReason}`, day.closedReason);
        const slot = day.slots.find((s) => s.start === input.slotStart);
        if (!slot) throw new AppError('BAD_REQUEST', `no slot at ${input.slotStart}`, m.noSuchSlot(input.slotStart));
        if (deps.now() >= at(input.day, slot.end)) throw new AppError('CONFLICT', 'slot is over', m.slotPast);
        if (slot.booked >= slot.capacity) throw new AppError('CONFLICT', `slot ${slot.start} full`, m.slotFull(slot.start, slot.end));
        const same = await trx.selectFrom('bookings').select('slot_start').where('id_number', '=', idNumber).where('day', '=', input.day).where('category_id', '=', input.categoryId).where('status', '!=', 'cancelled').executeTakeFirst();
        if (same) throw new AppError('CONFLICT', 'person already booked that day', m.alreadyBooked(input.day, same.slot_start));
        await trx
          .insertInto('bookings')
          .values({
            id,
            code: bookingCode(),
            source: 'phone',
            upstream_id: null,
            id_kind: input.person.idKind,
            id_number: idNumber,
            name: input.person.name,
            phone: input.person.phone ?? null,
            category_id: input.categoryId,
            item_key: input.itemKey ?? null,
            item_name: input.itemName,
            day: input.day,
            slot_start: slot.start,
            slot_end: slot.end,
            status: 'booked',
            ticket_id: null,
            checked_in_at: null,
            cancel_reason: null,
            created_at: iso(),
            updated_at: iso(),
            channel: null,
          })
          .execute();
        await audit.record(actor, 'appointment.book', `booking:${id}`, { category: input.categoryId, day: input.day, slot: slot.start, source: 'phone' }, trx);
      });
      return toBooking(await row(id));
    },

    async cancel(actor: Actor, id: string, reason: string): Promise<Booking> {
      if (!reason.trim()) throw new AppError('BAD_REQUEST', 'cancel needs a reason', m.cancelReasonRequired);
      await db.transaction().execute(async (trx) => {
        const r = await row(id, trx);
        if (r.status !== 'booked') throw new AppError('CONFLICT', `booking ${id} is ${r.status}`, m.notBooked);
        await trx.updateTable('bookings').set({ status: 'cancelled', cancel_reason: reason.trim(), updated_at: iso() }).where('id', '=', id).where('status', '=', 'booked').execute();
        // A 线上 booking cancelled at the 引导台 (the citizen telephoned): the upstream is told.
        await enqueueBookingEvent(trx, r, 'booking.cancelled', { at: iso(), hall: hall(), reason: reason.trim() });
        await audit.record(actor, 'appointment.cancel', `booking:${id}`, { reason: reason.trim() }, trx);
      });
      return toBooking(await row(id));
    },

    /** The booking a ticket was checked in for: the workstation opens on its item. */
    async forTicket(ticketId: string): Promise<{ itemKey: string | null; itemName: string; slotStart: string; slotEnd: string } | null> {
      const r = await db.selectFrom('bookings').select(['item_key', 'item_name', 'slot_start', 'slot_end']).where('ticket_id', '=', ticketId).executeTakeFirst();
      return r ? { itemKey: r.item_key, itemName: r.item_name, slotStart: r.slot_start, slotEnd: r.slot_end } : null;
    },

    /** The day's bookings in slot order, persons masked. */
    async list(day: string): Promise<Booking[]> {
      const now = deps.now();
      const rows = await db.selectFrom('bookings').selectAll().where('day', '=', day).orderBy('slot_start').orderBy('created_at').execute();
      const events = await exchange.eventStates(rows.filter((r) => r.source === 'upstream').map((r) => r.id));
      return rows.map((r) => toBooking(r, now, (events.get(r.id) as Booking['upstream'] | undefined) ?? null));
    },

    /** The exchange of 线上预约 with the upstream: the sync worker runs it (core.ts). */
    exchange,
    exchangeStatus: () => exchange.status(),
    resendResult: (actor: Actor, bookingId: string) => exchange.resend(actor, bookingId),

    /**
     * 预约签到 at the kiosk: from `checkInEarlyMinutes` before the slot to its end the visitor gets
     * a 预约 ticket (priority from the slot's start); after the end, a normal ticket and a clear
     * word; before the window opens, a refusal naming when it does.
     */
    async checkIn(actor: Actor, input: CheckInInput): Promise<CheckInResult> {
      const r = await findForCheckIn(input);
      const p = await plan(r.category_id);
      const early = p?.checkInEarlyMinutes ?? 30;
      const now = deps.now();
      const start = at(r.day, r.slot_start);
      if (now < start - early * 60_000) {
        const opensAt = hhmm(minutesOf(r.slot_start) - early);
        throw new AppError('CONFLICT', `check-in for ${r.id} opens at ${opensAt}`, m.tooEarly(r.slot_start, r.slot_end, opensAt));
      }
      const holder = { idKind: r.id_kind as IdKind, idNumber: r.id_number, name: r.name };
      if (now >= at(r.day, r.slot_end)) {
        // Late: the booking stays a no-show (derived); the visitor still gets served, as a walk-in.
        const take = await deps.queue.take(actor, r.category_id, null, 'kiosk');
        return { outcome: 'walkIn', take, booking: toBooking(r, now), message: checkInMessages.late(r.slot_start, r.slot_end, take.ticket.label) };
      }
      const take = await deps.queue.take(actor, r.category_id, null, 'booking', undefined, {
        queuedAt: start,
        holder,
        within: async (trx, ticketId, label) => {
          const done = await trx.updateTable('bookings').set({ status: 'checked_in', ticket_id: ticketId, checked_in_at: iso(), updated_at: iso() }).where('id', '=', r.id).where('status', '=', 'booked').executeTakeFirst();
          // Checked in twice at once (two kiosks): the second rolls back with its ticket.
          if (Number(done.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `booking ${r.id} already checked in`, m.notBooked);
          // A 线上 booking's check-in goes back upstream; offline, it waits in the event outbox.
          await enqueueBookingEvent(trx, r, 'booking.checkedIn', { at: iso(), hall: hall(), ticket: label });
          await audit.record(actor, 'appointment.checkIn', `booking:${r.id}`, { ticket: ticketId, slot: r.slot_start }, trx);
        },
      });
      const booking = toBooking(await row(r.id));
      const message = now < start ? checkInMessages.early(take.ticket.label, r.slot_start) : checkInMessages.inSlot(take.ticket.label);
      return { outcome: 'booked', take, booking, message };
    },
  };
}

export type AppointmentService = ReturnType<typeof createAppointmentService>;
