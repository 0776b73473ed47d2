import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { userProc } from './base';
import { partySchema } from './cases';

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled', 'expired'] as const;

export const ticketSchema = z.object({
  id: z.string(),
  /** e.g. A012 */
  label: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  number: z.int(),
  priorityKind: z.string().nullable(),
  status: z.enum(TICKET_STATUSES),
  counter: z.int().nullable(),
  takenAt: z.string(),
  /** When it (re-)entered the line: FIFO within a rank is by this. */
  queuedAt: z.string(),
  calledAt: z.string().nullable(),
  calledCount: z.int(),
  noShows: z.int(),
  /** Cases decided under this ticket (core links them at intake). */
  caseNos: z.array(z.string()),
  /** 实名取号: the holder's name, masked (张*三); null for an anonymous ticket. */
  holderName: z.string().nullable().optional(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const categorySchema = z.object({
  id: z.string().max(1).regex(/^[A-Z]$/, '业务类别代码为一个大写字母'),
  name: z.string().trim().min(1).max(20),
  /** Main items or items of the catalog this line serves (keys or names). */
  items: z.array(z.string().max(100)).default([]),
  rangeStart: z.int().min(1).max(9999).default(1),
  rangeEnd: z.int().min(1).max(9999).default(999),
  dailyCap: z.int().min(0).max(9999).default(0),
  enabled: z.boolean().default(true),
});
export type Category = z.infer<typeof categorySchema>;

export const counterSchema = z.object({
  number: z.int().min(1).max(999),
  name: z.string().trim().max(20).default(''),
  categories: z.array(z.string().max(100)).min(1, '至少选择一个业务类别'),
});

export const counterStateSchema = counterSchema.extend({
  open: z.boolean(),
  pausedReason: z.string().nullable(),
  current: ticketSchema.nullable(),
  /** Who is signed in at it (display name), when known. */
  staff: z.string().nullable(),
});

export const callSchema = z.object({
  /** Increases with every call and recall: the board announces each new one once. */
  seq: z.int(),
  ticketId: z.string(),
  label: z.string(),
  counter: z.int(),
  counterName: z.string(),
  /** What the voice says, e.g. 请 A012 号 到 3 号窗口办理 */
  text: z.string(),
  at: z.string(),
  recall: z.boolean(),
});
export type Call = z.infer<typeof callSchema>;

export const queueSnapshotSchema = z.object({
  day: z.string(),
  hallName: z.string(),
  notice: z.string(),
  now: z.string(),
  priorityKinds: z.array(z.string()),
  /** 实名取号 on: the kiosk offers taking a ticket by reading an ID card or 医保电子凭证. */
  realNameTickets: z.boolean().optional(),
  categories: z.array(categorySchema.extend({ waiting: z.int(), taken: z.int(), estimatedWaitMinutes: z.int(), capReached: z.boolean(), /** every label of the range is still waiting or being served (今日该类号码已取完，请咨询引导台) */ rangeUsedUp: z.boolean().optional() })),
  counters: z.array(counterStateSchema),
  /** Waiting tickets in the order they will be called (policy applied). */
  waiting: z.array(ticketSchema),
  recentCalls: z.array(callSchema),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

/** 实名取号: who took the ticket, as read from their card at the kiosk. */
export const ticketHolderSchema = partySchema.pick({ idKind: true, idNumber: true, name: true, sex: true, nation: true, birthDate: true, address: true, cardSource: true });
export type TicketHolder = z.infer<typeof ticketHolderSchema>;

/** Ids and codes a client sends: ticket ids, category letters, priority kinds, case numbers. */
const ref = z.string().max(100);
const ticketRef = z.object({ ticketId: ref });
const clerk = userProc(['clerk']);
const manager = userProc(['queueManager', 'admin']);
const anyStaffOrDevice = userProc(undefined, ['board', 'kiosk']);

export const queueContract = {
  snapshot: anyStaffOrDevice.output(queueSnapshotSchema),
  /** A new snapshot whenever anything in the queue changes (and one at once). */
  watch: anyStaffOrDevice.output(eventIterator(queueSnapshotSchema)),
  take: userProc(['clerk', 'queueManager', 'admin'], ['kiosk'])
    .input(z.object({ categoryId: ref, priorityKind: ref.nullable().default(null), holder: ticketHolderSchema.optional() }))
    .output(z.object({ ticket: ticketSchema, ahead: z.int(), hallName: z.string(), estimatedWaitMinutes: z.int() })),
  callNext: clerk.input(z.object({ counter: z.int().optional() }).prefault({})).output(ticketSchema.nullable()),
  call: clerk.input(ticketRef.extend({ counter: z.int().optional() })).output(ticketSchema),
  recall: clerk.input(ticketRef).output(ticketSchema),
  start: clerk.input(ticketRef).output(ticketSchema),
  noShow: clerk.input(ticketRef).output(ticketSchema),
  transfer: clerk.input(ticketRef.extend({ toCategory: ref.optional(), toCounter: z.int().optional() })).output(ticketSchema),
  finish: clerk.input(ticketRef).output(ticketSchema),
  /** 实名取号: the holder's identity, unmasked, for the clerk serving it (audited as a view of personal data). */
  holder: clerk.input(ticketRef).output(ticketHolderSchema.nullable()),
  pause: clerk.input(z.object({ counter: z.int().optional(), reason: z.string().trim().min(1, '请填写暂停原因').max(50) })).output(z.object({ ok: z.literal(true) })),
  resume: clerk.input(z.object({ counter: z.int().optional() }).prefault({})).output(z.object({ ok: z.literal(true) })),
  openCounter: userProc(['queueManager', 'admin', 'clerk']).input(z.object({ counter: z.int() })).output(z.object({ ok: z.literal(true) })),
  closeCounter: userProc(['queueManager', 'admin', 'clerk']).input(z.object({ counter: z.int() })).output(z.object({ ok: z.literal(true) })),
  move: manager.input(ticketRef.extend({ toCategory: ref })).output(ticketSchema),
  prioritise: manager.input(ticketRef.extend({ priorityKind: ref.nullable() })).output(ticketSchema),
  cancel: manager.input(ticketRef.extend({ reason: z.string().trim().min(1, '请填写取消原因').max(100) })).output(ticketSchema),
  saveCategory: userProc(['admin', 'queueManager']).input(categorySchema).output(categorySchema),
  saveCounter: userProc(['admin', 'queueManager']).input(counterSchema).output(counterSchema),
  /** A ticket's timed periods (waiting, called, serving, paused…), for statistics and review. */
  periods: userProc(['supervisor', 'queueManager', 'admin']).input(ticketRef).output(z.array(z.object({ kind: z.string(), counter: z.int().nullable(), startedAt: z.string(), endedAt: z.string().nullable() }))),
};
