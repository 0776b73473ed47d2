import { z } from 'zod';
import { CalendarDataError } from './errors';
import { isValidDate, weekdayOf } from './dates';

/**
 * The calendar data format (resources/calendar/holidays.json and every file given to
 * `calendar import`). years[Y] lists the days *dated in year Y* that differ from the normal
 * Monday–Friday week: 放假 days and 调休上班 days. A year that is absent is "not published".
 */

const isoDate = z
  .string({ error: '日期应为字符串' })
  .refine(isValidDate, { error: (issue) => `日期“${String(issue.input)}”无效，应为 YYYY-MM-DD 格式的真实日期` });

const dayEntry = z.strictObject({
  date: isoDate,
  name: z.string({ error: '名称应为字符串' }).trim().min(1, { error: '名称不能为空' }),
});

const yearArrangement = z.strictObject({
  published: z.literal(true, { error: 'published 必须为 true（未发布的年份不要写进文件）' }),
  notice: z.string().optional(),
  holidays: z.array(dayEntry, { error: 'holidays 应为数组' }),
  makeupWorkdays: z.array(dayEntry, { error: 'makeupWorkdays 应为数组' }),
});

export const calendarDataSchema = z
  .strictObject({
    years: z.record(z.string().regex(/^\d{4}$/), yearArrangement, {
      error: (issue) =>
        issue.code === 'invalid_key' ? `年份键“${String(issue.input)}”应为4位数字，如 "2026"` : 'years 应为以年份为键的对象',
    }),
  })
  .superRefine((data, ctx) => {
    for (const [year, arrangement] of Object.entries(data.years)) {
      const seen = new Map<string, string>();
      const lists = [
        ['holidays', arrangement.holidays],
        ['makeupWorkdays', arrangement.makeupWorkdays],
      ] as const;
      for (const [listName, entries] of lists) {
        entries.forEach((entry, index) => {
          const path = ['years', year, listName, index, 'date'];
          if (!entry.date.startsWith(`${year}-`)) {
            ctx.addIssue({ code: 'custom', path, message: `日期 ${entry.date} 不在 ${year} 年内（每个日期应放在它所在的年份下）` });
          }
          const previous = seen.get(entry.date);
          if (previous !== undefined) {
            ctx.addIssue({ code: 'custom', path, message: `日期 ${entry.date} 重复（已出现在 ${previous} 中）` });
          }
          seen.set(entry.date, listName);
          if (listName === 'makeupWorkdays') {
            const weekday = weekdayOf(entry.date);
            if (weekday !== 0 && weekday !== 6) {
              ctx.addIssue({ code: 'custom', path, message: `调休上班日 ${entry.date} 不是周六或周日` });
            }
          }
        });
      }
    }
  });

export type CalendarData = z.infer<typeof calendarDataSchema>;
export type YearArrangement = z.infer<typeof yearArrangement>;
export type CalendarDayEntry = z.infer<typeof dayEntry>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return path === '' ? issue.message : `${path}：${issue.message}`;
}

/** Validates parsed JSON as calendar data; throws CalendarDataError listing every problem. */
export function parseCalendarData(input: unknown): CalendarData {
  const result = calendarDataSchema.safeParse(input);
  if (!result.success) throw new CalendarDataError(result.error.issues.map(describeIssue));
  return result.data;
}

/** Parses the text of a calendar file (e.g. one given to `calendar import`). */
export function parseCalendarJson(text: string): CalendarData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CalendarDataError([`不是有效的 JSON：${error instanceof Error ? error.message : String(error)}`]);
  }
  return parseCalendarData(json);
}

/** Run-time update: every year present in the overlay replaces that whole year of the base. */
export function mergeCalendarData(base: CalendarData, overlay: CalendarData): CalendarData {
  return { years: { ...base.years, ...overlay.years } };
}
