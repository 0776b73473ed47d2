import fs from 'node:fs';
import path from 'node:path';
import {
  CalendarDataError,
  CalendarNotPublishedError,
  createWorkCalendar,
  InvalidDateError,
  mergeCalendarData,
  parseCalendarJson,
  type CalendarData,
  type WorkCalendar,
} from '../../../shared/calendar';
import { computeDueDate, TimeLimitInvalidError, TimeLimitUndecidedError, type DueDateInput, type DueDateResult } from '../../../shared/cases/due-date';
import type { CalendarDayInfo, CalendarImportResult, DueDateChange, CalendarUnit, CalendarYearDetail, CalendarYears, CalendarYearSummary } from '../../../shared/contract/calendar';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Actor, AuditLog } from '../auth/audit';
import { hallDate } from '../../../shared/system/hall-time';
import { calendarMessages } from '../../../shared/messages/zh-CN';

/** The month (1–12) from which next year's missing arrangement is announced to admins and supervisors. */
export const NEXT_YEAR_NOTICE_MONTH = 10;

/** Next year when today is on or after 1 October and that year is not loaded; else null. */
export function missingNextYear(calendar: WorkCalendar, today: string): number | null {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= NEXT_YEAR_NOTICE_MONTH && !calendar.isPublished(year + 1) ? year + 1 : null;
}

export interface CalendarService {
  /** The calendar in force (bundled data with the imported overlay laid over it). */
  calendar(): WorkCalendar;
  /** The merged data in force. */
  data(): CalendarData;
  years(): CalendarYears;
  year(year: number): CalendarYearDetail;
  /** Refuses an unloaded year (日历未发布) unless `provisional` is asked for explicitly. */
  dayInfo(date: string, options?: Provisional): CalendarDayInfo;
  isWorkday(date: string): boolean;
  /**
   * n working days (unit workday) or calendar days (unit day) after `date`, `date` not counted;
   * refuses an unloaded year unless `provisional` is asked for (the answer then says so).
   */
  add(date: string, n: number, unit: CalendarUnit, options?: Provisional): { date: string; provisional?: true };
  /** Refuses an unloaded year unless `provisional` (intake asks for it: 暂定办结日期). */
  dueDate(input: DueDateInput, options?: Provisional): DueDateResult;
  /**
   * Validates `text` (calendar JSON), writes the overlay (each year in the file replacing that
   * whole year), swaps the calendar at once and recomputes the provisional due dates; one
   * audit entry names the years and the cases whose date changed. A bad file changes nothing.
   */
  import(text: string, actor: Actor): Promise<CalendarImportResult>;
}

interface Provisional {
  provisional?: boolean;
}

export interface CalendarServiceOptions {
  bundledFile: string;
  overlayFile: string;
  logger: Logger;
  audit: AuditLog;
  /** Hall time now: from 1 October the missing next year is reported (missingNextYear). */
  now: () => number;
  /** Recomputes the provisional due dates on the calendar just imported (cases/provisional.ts). */
  recomputeProvisional?: (calendar: WorkCalendar) => Promise<DueDateChange[]>;
}

const EMPTY: CalendarData = { years: {} };

function readCalendarFile(file: string): { data: CalendarData; error?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { data: EMPTY, error: `无法读取 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    return { data: parseCalendarJson(text) };
  } catch (error) {
    return { data: EMPTY, error: `${file}：${(error as Error).message}` };
  }
}

/**
 * Turns the calendar's own errors into typed domain errors: 日历未发布 names the year (fields.year),
 * a bad date or time limit is BAD_REQUEST with the Chinese reason.
 */
export function calendarAppError(error: unknown): unknown {
  if (error instanceof CalendarNotPublishedError) {
    return new AppError('CALENDAR_NOT_PUBLISHED', `calendar year ${error.year} is not loaded`, error.message, { year: String(error.year) });
  }
  if (error instanceof CalendarDataError) return new AppError('CALENDAR_DATA_INVALID', `calendar data refused: ${error.issues.join('; ')}`, error.message);
  if (error instanceof InvalidDateError || error instanceof TimeLimitUndecidedError || error instanceof TimeLimitInvalidError || error instanceof RangeError) {
    return new AppError('BAD_REQUEST', error.message, error.message);
  }
  return error;
}

function translated<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw calendarAppError(error);
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half an overlay. */
function writeAtomically(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function createCalendarService(options: CalendarServiceOptions): CalendarService {
  const { bundledFile, overlayFile, logger, audit, now } = options;
  const bundled = readCalendarFile(bundledFile);
  if (bundled.error) logger.error({ file: bundledFile, reason: bundled.error }, 'bundled calendar unreadable; only imported years are loaded');
  let overlayError: string | undefined;
  let overlay: CalendarData = EMPTY;
  if (fs.existsSync(overlayFile)) {
    const read = readCalendarFile(overlayFile);
    overlay = read.data;
    overlayError = read.error;
    if (overlayError) logger.error({ file: overlayFile, reason: overlayError }, 'calendar overlay unreadable; ignored');
  }

  let merged = mergeCalendarData(bundled.data, overlay);
  let calendar = createWorkCalendar(merged);
  logger.info({ years: calendar.publishedYears.length, first: calendar.publishedYears[0], last: calendar.publishedYears.at(-1), imported: Object.keys(overlay.years) }, 'calendar loaded');

  const summaryOf = (year: string): CalendarYearSummary => {
    const imported = overlay.years[year] !== undefined;
    const a = merged.years[year]!;
    return {
      year: Number(year),
      source: imported ? 'imported' : 'bundled',
      replacesBundled: imported && bundled.data.years[year] !== undefined,
      ...(a.notice ? { notice: a.notice } : {}),
      holidays: a.holidays.length,
      makeupWorkdays: a.makeupWorkdays.length,
    };
  };

  const years = (): CalendarYears => ({
    years: Object.keys(merged.years).sort().map(summaryOf),
    bundledFile,
    overlayFile,
    ...(bundled.error ? { bundledError: bundled.error } : {}),
    ...(overlayError ? { overlayError } : {}),
    missingNextYear: missingNextYear(calendar, hallDate(now())),
  });

  return {
    calendar: () => calendar,
    data: () => merged,
    years,
    year(year) {
      const key = String(year);
      const a = merged.years[key];
      if (!a) throw calendarAppError(new CalendarNotPublishedError(year));
      const { holidays, makeupWorkdays, ...summary } = summaryOf(key);
      void holidays;
      void makeupWorkdays;
      return { ...summary, holidays: a.holidays.map((e) => ({ ...e })), makeupWorkdays: a.makeupWorkdays.map((e) => ({ ...e })) };
    },
    dayInfo: (date, o = {}) => translated(() => ({ date, ...(o.provisional ? calendar.provisional() : calendar).dayInfo(date) })),
    isWorkday: (date) => translated(() => calendar.isWorkday(date)),
    add: (date, n, unit, o = {}) =>
      translated(() => {
        if (unit === 'day') return { date: calendar.addCalendarDays(date, n) };
        try {
          return { date: calendar.addWorkdays(date, n) };
        } catch (error) {
          if (!(error instanceof CalendarNotPublishedError) || !o.provisional) throw error;
          return { date: calendar.provisional().addWorkdays(date, n), provisional: true as const };
        }
      }),
    dueDate: (input, o = {}) => translated(() => computeDueDate(calendar, input, o)),
    async import(text, actor) {
      let incoming: CalendarData;
      try {
        incoming = parseCalendarJson(text);
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'calendar import refused');
        throw calendarAppError(error);
      }
      const yearKeys = Object.keys(incoming.years).sort();
      if (yearKeys.length === 0) throw new AppError('CALENDAR_DATA_INVALID', 'calendar import holds no year', calendarMessages.importHoldsNoYear);
      const imported = yearKeys.map((y) => ({
        year: Number(y),
        replaced: overlay.years[y] ? ('imported' as const) : bundled.data.years[y] ? ('bundled' as const) : ('none' as const),
      }));
      const nextOverlay: CalendarData = { years: { ...overlay.years, ...incoming.years } };
      const nextMerged = mergeCalendarData(bundled.data, nextOverlay);
      const nextCalendar = createWorkCalendar(nextMerged);
      // Written before the swap: if the disk refuses, nothing changes in memory either.
      writeAtomically(overlayFile, `${JSON.stringify(nextOverlay, null, 2)}\n`);
      overlay = nextOverlay;
      merged = nextMerged;
      calendar = nextCalendar;
      overlayError = undefined;
      let recomputed: DueDateChange[];
      try {
        recomputed = (await options.recomputeProvisional?.(nextCalendar)) ?? [];
      } catch (error) {
        await audit.record(actor, 'calendar.import', yearKeys.join(','), { imported, recomputeFailed: (error as Error).message });
        logger.error({ err: error }, 'calendar imported, provisional due dates not recomputed');
        throw new AppError('INTERNAL', `provisional due dates not recomputed: ${(error as Error).message}`, calendarMessages.recomputeFailed);
      }
      await audit.record(actor, 'calendar.import', yearKeys.join(','), { imported, recomputed });
      logger.info({ imported, recomputed: recomputed.length }, 'calendar imported');
      return { imported, years: years(), recomputed };
    },
  };
}
