import { z } from 'zod';
import { userProc } from './base';

/** 统计 (supervisor statistics) and 好差评 (evaluations). Definitions: docs/stats.md. */
export const STATS_GROUPINGS = ['category', 'counter', 'clerk', 'item', 'mainItem'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];
export const STATS_GROUPING_LABELS: Record<StatsGrouping, string> = { category: '业务类别', counter: '窗口', clerk: '工作人员', item: '事项', mainItem: '主项' };

const day = z.iso.date('日期格式应为 YYYY-MM-DD');

export const statsRangeSchema = z.object({
  from: day,
  /** Inclusive; the same day as `from` when absent. */
  to: day.optional(),
  groupBy: z.enum(STATS_GROUPINGS).default('category'),
});
export type StatsRange = z.input<typeof statsRangeSchema>;

const seconds = z.number().nullable();
export const statsFiguresSchema = z.object({
  /** Tickets taken (取号) on the queue days of the range. */
  taken: z.int(),
  /** Tickets finished (status done). */
  served: z.int(),
  /** Tickets that ended as 过号 (no-show after the last allowed requeue). */
  noShows: z.int(),
  /** 未办理: tickets still waiting or being served when their queue day ended (past days only). */
  unserved: z.int(),
  /** Of tickets called at least once: seconds in waiting + transferred periods. */
  waitMeanSec: seconds,
  waitP90Sec: seconds,
  /** Of finished tickets with a serving period: seconds in serving periods (pauses excluded). */
  serviceMeanSec: seconds,
  serviceP90Sec: seconds,
  /** Cases accepted (受理, and 补正后受理 of a one-time notice) in the range. */
  accepted: z.int(),
  /** 不予受理 */
  refused: z.int(),
  /** 一次性告知（补正） at intake */
  corrections: z.int(),
  /** 办结 */
  completed: z.int(),
  /** Running cases past their due date / due within the setting's working days: now, not in the range. null where the grouping does not apply. */
  overdue: z.int().nullable(),
  dueSoon: z.int().nullable(),
  evaluations: z.int(),
  /** 好评 (基本满意 or better) */
  satisfied: z.int(),
  satisfactionRate: z.number().nullable(),
  /** Ratings per level: index 0 = 非常不满意 … 4 = 非常满意 */
  levels: z.array(z.int()),
});
export type StatsFigures = z.infer<typeof statsFiguresSchema>;

export const statsReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(STATS_GROUPINGS),
  generatedAt: z.string(),
  totals: statsFiguresSchema,
  rows: z.array(statsFiguresSchema.extend({ key: z.string(), label: z.string() })),
  hourly: z.array(z.object({ hour: z.int(), arrivals: z.int(), served: z.int() })),
  waitDistribution: z.array(z.object({ label: z.string(), from: z.int(), to: z.int().nullable(), count: z.int() })),
  workload: z.array(z.object({ clerk: z.string(), served: z.int(), serviceMinutes: z.number(), accepted: z.int(), completed: z.int(), refused: z.int(), corrections: z.int() })),
  /** Closed cases not yet acknowledged upstream; available=false when no sync service/table exists. */
  syncBacklog: z.object({ available: z.boolean(), count: z.int(), note: z.string() }),
  followUpsOpen: z.int(),
  dueSoonWorkdays: z.int(),
  /** 预约 of the range's days: booked (not cancelled), checked in, no-shows (slot over, no check-in), cancelled; punctual = called by the end of its slot. */
  appointments: z.object({
    booked: z.int(),
    checkedIn: z.int(),
    noShows: z.int(),
    cancelled: z.int(),
    checkInRate: z.number().nullable(),
    punctual: z.int(),
    punctualityRate: z.number().nullable(),
    /** Of checked-in bookings called: seconds from the slot's start to the call (0 when called earlier). */
    waitFromSlotMeanSec: z.number().nullable(),
  }),
});
export type StatsReport = z.infer<typeof statsReportSchema>;

export const TICKET_FIGURES = ['taken', 'served', 'noShows', 'waited'] as const;
export const CASE_FIGURES = ['accepted', 'refused', 'corrections', 'completed', 'overdue', 'dueSoon'] as const;

const drillBase = statsRangeSchema.extend({
  /** A row of the report (its key under groupBy); all rows when absent. */
  key: z.string().max(100).optional(),
  limit: z.int().min(1).max(2000).default(500),
});

export const statsTicketRowSchema = z.object({
  id: z.string(),
  label: z.string(),
  day: z.string(),
  category: z.string(),
  counter: z.int().nullable(),
  clerk: z.string(),
  itemName: z.string(),
  status: z.string(),
  takenAt: z.string(),
  doneAt: z.string().nullable(),
  waitSec: z.number().nullable(),
  serviceSec: z.number().nullable(),
  caseNos: z.array(z.string()),
});

export const statsCaseRowSchema = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  clerk: z.string(),
  counter: z.int().nullable(),
  /** When the counted event happened (or the due date for overdue / due soon). */
  at: z.string().nullable(),
  dueDate: z.string().nullable(),
  workdaysLeft: z.int().nullable(),
});

/** The counter, clerk and cases rated come from the ticket (core), never from the client. */
export const evaluationInputSchema = z.object({
  level: z.int().min(1, '请选择评价').max(5, '请选择评价'),
  reason: z.string().trim().max(200).optional(),
  ticketId: z.string().min(1).max(64),
});

export const followUpSchema = z.object({
  id: z.int(),
  at: z.string(),
  level: z.int(),
  levelLabel: z.string(),
  reason: z.string().nullable(),
  counter: z.int().nullable(),
  clerk: z.string().nullable(),
  ticketLabel: z.string().nullable(),
  caseNo: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  closeNote: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

const supervisor = userProc(['supervisor', 'admin']);

export const statsContract = {
  report: supervisor.input(statsRangeSchema).output(statsReportSchema),
  /** The tickets behind a figure (ranges up to 31 days). */
  tickets: supervisor.input(drillBase.extend({ figure: z.enum(TICKET_FIGURES) })).output(z.object({ rows: z.array(statsTicketRowSchema), total: z.int() })),
  /** The cases behind a figure (ranges up to 31 days; overdue / due soon are as of now). */
  cases: supervisor.input(drillBase.extend({ figure: z.enum(CASE_FIGURES) })).output(z.object({ rows: z.array(statsCaseRowSchema), total: z.int() })),
  /** The report as an Excel workbook or a PDF, base64. */
  export: supervisor.input(statsRangeSchema.extend({ format: z.enum(['xlsx', 'pdf']) })).output(z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() })),
  followUps: supervisor.input(z.object({ status: z.enum(['open', 'closed', 'all']).default('open') }).prefault({})).output(z.array(followUpSchema)),
  closeFollowUp: supervisor.input(z.object({ id: z.int(), note: z.string().trim().min(1, '请填写回访处理情况').max(500) })).output(followUpSchema),
};

export const evaluationContract = {
  /** What the evaluation screen shows: the ticket just finished at this counter and not yet rated (null otherwise). */
  context: userProc(['clerk', 'supervisor', 'admin'], ['evaluator']).input(z.object({ counter: z.int().min(1).max(999).optional() }).prefault({})).output(
    z.object({
      hallName: z.string(),
      counter: z.int(),
      counterName: z.string(),
      ticket: z.object({ id: z.string(), label: z.string(), caseNos: z.array(z.string()) }).nullable(),
      /** Display name of the clerk who finished the ticket. */
      clerk: z.string().nullable(),
    }),
  ),
  submit: userProc(['clerk'], ['evaluator']).input(evaluationInputSchema).output(z.object({ id: z.int(), followUp: z.boolean() })),
};
