import { z } from 'zod';
import { userProc } from './base';
import { isValidDate } from '../calendar/dates';
import { calendarDataSchema } from '../calendar/schema';
import { itemConditionSchema, timeRuleSchema } from '../catalog/schema';

/**
 * Procedures of the working-day calendar (工作日历): reading it (any signed-in user), importing
 * a year's 节假日安排 (admin), and the due date of a time limit (preview for the counter).
 */

const anyUser = userProc();

export const calendarDateSchema = z.string().max(10).refine(isValidDate, { error: '日期应为 YYYY-MM-DD 格式的真实日期' });

export const calendarYearSourceSchema = z.enum(['bundled', 'imported']);
export type CalendarYearSource = z.infer<typeof calendarYearSourceSchema>;

export const calendarYearSummarySchema = z.object({
  year: z.int(),
  /** where the year in force comes from: the shipped holidays.json or an import */
  source: calendarYearSourceSchema,
  /** an imported year that replaces the shipped one */
  replacesBundled: z.boolean(),
  notice: z.string().optional(),
  holidays: z.int(),
  makeupWorkdays: z.int(),
});
export type CalendarYearSummary = z.infer<typeof calendarYearSummarySchema>;

export const calendarYearsSchema = z.object({
  years: z.array(calendarYearSummarySchema),
  bundledFile: z.string(),
  overlayFile: z.string(),
  /** why the shipped file could not be read (then only imported years are loaded) */
  bundledError: z.string().optional(),
  /** why the overlay could not be read at start (then it is ignored until the next import) */
  overlayError: z.string().optional(),
  /**
   * From 1 October (hall time): next year when its arrangement is not loaded yet, for the
   * `{次年}年节假日安排尚未导入` notice admins and supervisors see; null otherwise.
   */
  missingNextYear: z.int().nullable(),
});
export type CalendarYears = z.infer<typeof calendarYearsSchema>;

const dayEntrySchema = z.object({ date: z.string(), name: z.string() });
export const calendarYearDetailSchema = calendarYearSummarySchema.omit({ holidays: true, makeupWorkdays: true }).extend({
  holidays: z.array(dayEntrySchema),
  makeupWorkdays: z.array(dayEntrySchema),
});
export type CalendarYearDetail = z.infer<typeof calendarYearDetailSchema>;

export const dayKindSchema = z.enum(['workday', 'weekend', 'holiday', 'makeup']);
export const calendarDayInfoSchema = z.object({
  date: z.string(),
  workday: z.boolean(),
  kind: dayKindSchema,
  name: z.string().optional(),
  /** a day of an unloaded year read Monday–Friday, only when asked for with `provisional` */
  provisional: z.literal(true).optional(),
});
export type CalendarDayInfo = z.infer<typeof calendarDayInfoSchema>;

export const calendarUnitSchema = z.enum(['workday', 'day']);
export type CalendarUnit = z.infer<typeof calendarUnitSchema>;
export const calendarAddInputSchema = z.object({
  date: calendarDateSchema,
  n: z.int().min(-3660).max(3660),
  unit: calendarUnitSchema.default('workday'),
  /** count an unloaded year Monday–Friday (answer marked provisional) instead of refusing with 日历未发布 */
  provisional: z.boolean().optional(),
});

export const calendarImportInputSchema = z.object({ text: z.string().min(1, '文件为空').max(2_000_000, '文件过大（应小于 2 MB）') });
/** A running case whose 暂定办结日期 the import recomputed (or found unchanged but now firm). */
export const dueDateChangeSchema = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  from: z.string(),
  to: z.string(),
  /** still provisional: the date needs another year that is not loaded either */
  provisional: z.boolean(),
});
export type DueDateChange = z.infer<typeof dueDateChangeSchema>;

export const calendarImportResultSchema = z.object({
  /** the years the file held, each replacing that whole year */
  imported: z.array(z.object({ year: z.int(), replaced: z.enum(['none', 'bundled', 'imported']) })),
  years: calendarYearsSchema,
  /** every provisional due date the import recomputed, in the same audited step */
  recomputed: z.array(dueDateChangeSchema),
});
export type CalendarImportResult = z.infer<typeof calendarImportResultSchema>;

export const dueDateInputSchema = z
  .object({
    acceptedOn: calendarDateSchema,
    /** either the time limit itself … */
    timeLimit: z.object({ text: z.string().max(500), rules: z.array(timeRuleSchema).min(1) }).optional(),
    conditions: z.array(itemConditionSchema).optional(),
    /** … or a catalog item (its time limit and questions are used) */
    item: z.object({ ref: z.string().trim().min(1).max(100), sourceId: z.string().max(100).optional() }).optional(),
    /** condition id → option id(s) */
    answers: z.record(z.string().max(100), z.union([z.string().max(100), z.array(z.string().max(100))])).optional(),
    /** labels for rule conditions no question covers (特殊情况, 线下·村 …) */
    flags: z.array(z.string().max(50)).max(20).optional(),
    /** give a 暂定 date (Monday–Friday) for an unloaded year instead of refusing */
    provisional: z.boolean().optional(),
  })
  .refine((v) => (v.timeLimit === undefined) !== (v.item === undefined), { error: '请给出办理时限或事项（二者选一）', path: ['timeLimit'] });
export type DueDateRequest = z.infer<typeof dueDateInputSchema>;

export const dueDateResultSchema = z.object({
  dueDate: z.string(),
  rule: timeRuleSchema,
  ruleIndex: z.int(),
  choice: z.enum(['only', 'matched', 'default']),
  text: z.string(),
  ruleText: z.string(),
  /** 暂定: counted Monday–Friday in a year whose arrangement is not loaded */
  provisional: z.literal(true).optional(),
});

export const calendarContract = {
  years: anyUser.output(calendarYearsSchema),
  year: anyUser.input(z.object({ year: z.int().min(1000).max(9999) })).output(calendarYearDetailSchema),
  /** the merged data in force, for computing in the renderer (createWorkCalendar) */
  data: anyUser.output(calendarDataSchema),
  dayInfo: anyUser.input(z.object({ date: calendarDateSchema, provisional: z.boolean().optional() })).output(calendarDayInfoSchema),
  add: anyUser.input(calendarAddInputSchema).output(z.object({ date: z.string(), provisional: z.literal(true).optional() })),
  import: userProc(['admin']).input(calendarImportInputSchema).output(calendarImportResultSchema),
  dueDate: anyUser.input(dueDateInputSchema).output(dueDateResultSchema),
};
