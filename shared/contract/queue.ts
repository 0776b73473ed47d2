import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { userProc } from './base';

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
  caseNos: z.array(z.string()),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const categorySchema = z.object({
  id: z.string().regex(/^[A-Z]$/, '业务类别代码为一个大写字母'),
  name: z.string().trim().min(1).max(20),
  /** Main items or items of the catalog this line serves (keys or names). */
  items: z.array(z.string()).default([]),
  rangeStart: z.int().min(1).max(9999).default(1),
  rangeEnd: z.int().min(1).max(9999).default(999),
  dailyCap: z.int().min(0).max(9999).default(0),
  enabled: z.boolean().default(true),
});
export type Category = z.infer<typeof categorySchema>;

export const counterSchema = z.object({
  number: z.int().min(1).max(999),
  name: z.string().trim().max(20).default(''),
  categories: z.array(z.string()).min(1, '至少选择一个业务类别'),
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
  categories: z.array(categorySchema.extend({ waiting: z.int(), taken: z.int(), estimatedWaitMinutes: z.int(), capReached: z.boolean(), /** every label of the range is still waiting or being served (今日该类号码已取完，请咨询引导台) */ rangeUsedUp: z.boolean().optional() })),
  counters: z.array(counterStateSchema),
  /** Waiting tickets in the order they will be called (policy applied). */
  waiting: z.array(ticketSchema),
  recentCalls: z.array(callSchema),
});
export type QueueSnapshot = z.infer<typeof queueSnapshotSchema>;

const ticketRef = z.object({ ticketId: z.string() });
const clerk = userProc(['clerk']);
const manager = userProc(['queueManager', 'admin']);
const anyStaffOrDevice = userProc(undefined, ['board', 'kiosk']);

export const queueContract = {
  snapshot: anyStaffOrDevice.output(queueSnapshotSchema),
  /** A new snapshot whenever anything in the queue changes (and one at once). */
  watch: anyStaffOrDevice.output(eventIterator(queueSnapshotSchema)),
  take: userProc(['clerk', 'queueManager', 'admin'], ['kiosk'])
    .input(z.object({ categoryId: z.string(), priorityKind: z.string().nullable().default(null) }))
    .output(z.object({ ticket: ticketSchema, ahead: z.int(), hallName: z.string(), estimatedWaitMinutes: z.int() })),
  callNext: clerk.input(z.object({ counter: z.int().optional() }).prefault({})).output(ticketSchema.nullable()),
  call: clerk.input(ticketRef.extend({ counter: z.int().optional() })).output(ticketSchema),
  recall: clerk.input(ticketRef).output(ticketSchema),
  start: clerk.input(ticketRef).output(ticketSchema),
  noShow: clerk.input(ticketRef).output(ticketSchema),
  transfer: clerk.input(ticketRef.extend({ toCategory: z.string().optional(), toCounter: z.int().optional() })).output(ticketSchema),
  finish: clerk.input(ticketRef.extend({ caseNos: z.array(z.string()).default([]) })).output(ticketSchema),
  pause: clerk.input(z.object({ counter: z.int().optional(), reason: z.string().trim().min(1, '请填写暂停原因').max(50) })).output(z.object({ ok: z.literal(true) })),
  resume: clerk.input(z.object({ counter: z.int().optional() }).prefault({})).output(z.object({ ok: z.literal(true) })),
  openCounter: userProc(['queueManager', 'admin', 'clerk']).input(z.object({ counter: z.int() })).output(z.object({ ok: z.literal(true) })),
  closeCounter: userProc(['queueManager', 'admin', 'clerk']).input(z.object({ counter: z.int() })).output(z.object({ ok: z.literal(true) })),
  move: manager.input(ticketRef.extend({ toCategory: z.string() })).output(ticketSchema),
  prioritise: manager.input(ticketRef.extend({ priorityKind: z.string().nullable() })).output(ticketSchema),
  cancel: manager.input(ticketRef.extend({ reason: z.string().trim().min(1, '请填写取消原因').max(100) })).output(ticketSchema),
  saveCategory: userProc(['admin', 'queueManager']).input(categorySchema).output(categorySchema),
  saveCounter: userProc(['admin', 'queueManager']).input(counterSchema).output(counterSchema),
  /** A ticket's timed periods (waiting, called, serving, paused…), for statistics and review. */
  periods: userProc(['supervisor', 'queueManager', 'admin']).input(ticketRef).output(z.array(z.object({ kind: z.string(), counter: z.int().nullable(), startedAt: z.string(), endedAt: z.string().nullable() }))),
};
