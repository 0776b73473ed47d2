import { z } from 'zod';
import { userProc } from './base';
import { idKindSchema } from './cases';
import { ticketSchema } from './queue';

/** 预约办理 (docs/appointments.md): a line's plan, its day's slots, bookings and check-in. */

const hhmm = z.string().max(5).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 09:00');
const day = z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const appointmentPlanSchema = z.object({
  categoryId: z.string().max(1).regex(/^[A-Z]$/, '业务类别代码为一个大写字母'),
  enabled: z.boolean().default(true),
  slotMinutes: z.int().min(10, '每个时段至少 10 分钟').max(240, '每个时段最多 240 分钟'),
  /** Bookings one slot takes. */
  capacity: z.int().min(1, '每个时段至少可约 1 人').max(500),
  hours: z.array(z.tuple([hhmm, hhmm])).min(1, '请至少设置一个预约时间段').max(6),
  /** Check-in opens this long before the slot starts and closes at its end. */
  checkInEarlyMinutes: z.int().min(0).max(120).default(30),
});
export type AppointmentPlan = z.infer<typeof appointmentPlanSchema>;

export const daySlotsSchema = z.object({
  day,
  categoryId: z.string(),
  /** Why nobody can book this day (非工作日, or the reason a manager closed it); null when open. */
  closedReason: z.string().nullable(),
  slots: z.array(z.object({ start: hhmm, end: hhmm, capacity: z.int(), booked: z.int() })),
});
export type DaySlots = z.infer<typeof daySlotsSchema>;

export const BOOKING_STATES = ['booked', 'checkedIn', 'noShow', 'cancelled'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

export const bookingSchema = z.object({
  id: z.string(),
  code: z.string(),
  source: z.enum(['phone', 'upstream']),
  /** Masked (张*三, 4101**********1234): unmasked only on the workstation, through the ticket's holder. */
  name: z.string(),
  idNumberMasked: z.string(),
  categoryId: z.string(),
  itemKey: z.string().nullable(),
  itemName: z.string(),
  day,
  slotStart: hhmm,
  slotEnd: hhmm,
  /** no-show is derived: the slot is over and nobody checked in. */
  state: z.enum(BOOKING_STATES),
  ticketId: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  /** Where a 线上 booking was made (政务服务网, 微信, 支付宝); null for telephone bookings. */
  channel: z.string().nullable(),
  /** For a pulled booking: how far its result (签到/爽约/取消) got on its way back upstream; null when there is none (yet). */
  upstream: z.object({ status: z.enum(['pending', 'unknown', 'acked', 'rejected', 'needs_attention']), lastError: z.string().nullable() }).nullable(),
});
export type Booking = z.infer<typeof bookingSchema>;

export const bookInputSchema = z.object({
  person: z.object({ idKind: idKindSchema, idNumber: z.string().trim().min(1).max(40), name: z.string().trim().min(1).max(60), phone: z.string().trim().max(20).optional() }),
  categoryId: z.string().max(1).regex(/^[A-Z]$/),
  itemKey: z.string().max(100).optional(),
  itemName: z.string().trim().min(1, '请选择预约事项').max(100),
  day,
  slotStart: hhmm,
});
export type BookInput = z.infer<typeof bookInputSchema>;

/** At the kiosk: the card's (or 医保电子凭证's) ID number, or the booking code. */
export const checkInInputSchema = z.union([z.object({ idNumber: z.string().trim().min(1).max(40) }), z.object({ code: z.string().trim().min(1).max(20) })]);
export type CheckInInput = z.infer<typeof checkInInputSchema>;

export const checkInResultSchema = z.object({
  outcome: z.enum(['booked', 'walkIn']),
  take: z.object({ ticket: ticketSchema, ahead: z.int(), hallName: z.string(), estimatedWaitMinutes: z.int() }),
  booking: bookingSchema,
  message: z.string(),
});

/** The exchange of 线上预约 with the upstream (docs/upstream-protocol.md §Bookings). */
export const bookingExchangeStatusSchema = z.object({
  lastPullAt: z.string().nullable(),
  lastPullError: z.string().nullable(),
  /** Changes pulled since start that the hall could not take (reasons in `problems`, newest first). */
  skipped: z.int(),
  problems: z.array(z.string()),
  /** Results (签到/爽约/取消) waiting to go up, refused by the upstream, 需人工处理, acknowledged. */
  pending: z.int(),
  rejected: z.int(),
  needsAttention: z.int(),
  acked: z.int(),
});
export type BookingExchangeStatus = z.infer<typeof bookingExchangeStatusSchema>;

const manager = userProc(['queueManager', 'admin']);
const ok = z.object({ ok: z.literal(true) });
const closeInput = z.object({ day, categoryId: z.string().max(1).regex(/^[A-Z]$/).nullable() });

export const appointmentsContract = {
  /** The kiosk reads them too: it offers 预约签到 only where a line takes bookings. */
  plans: userProc(['queueManager', 'admin', 'supervisor'], ['kiosk']).output(z.array(appointmentPlanSchema)),
  savePlan: manager.input(appointmentPlanSchema).output(appointmentPlanSchema),
  /** A day's slots of one line with places left, or why it takes no bookings. */
  slots: userProc(['queueManager', 'admin', 'clerk', 'supervisor']).input(z.object({ day, categoryId: z.string().max(1).regex(/^[A-Z]$/) })).output(daySlotsSchema),
  closeDay: manager.input(closeInput.extend({ reason: z.string().trim().min(1, '请填写暂停预约的原因').max(100) })).output(ok),
  reopenDay: manager.input(closeInput).output(ok),
  /** A telephone booking entered at the 引导台. */
  book: manager.input(bookInputSchema).output(bookingSchema),
  cancel: manager.input(z.object({ id: z.string().max(100), reason: z.string().trim().min(1, '请填写取消原因').max(100) })).output(bookingSchema),
  list: userProc(['queueManager', 'admin', 'supervisor']).input(z.object({ day })).output(z.array(bookingSchema)),
  /** The booking behind a called 预约 ticket (its item and slot), for the clerk's workstation. */
  forTicket: userProc(['clerk']).input(z.object({ ticketId: z.string().max(100) })).output(z.object({ itemKey: z.string().nullable(), itemName: z.string(), slotStart: z.string(), slotEnd: z.string() }).nullable()),
  /** 预约签到 at the kiosk (or the 引导台 for a visitor without a card). */
  checkIn: userProc(['queueManager', 'admin'], ['kiosk']).input(checkInInputSchema).output(checkInResultSchema),
  exchangeStatus: userProc(['queueManager', 'admin', 'supervisor']).output(bookingExchangeStatusSchema),
  /** 重新回传 a pulled booking's result the upstream refused or that needs a person. */
  resendResult: manager.input(z.object({ id: z.string().max(100) })).output(ok),
};
