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
import type { CalendarDayInfo, CalendarImportResult, CalendarUnit, CalendarYearDetail, CalendarYears, CalendarYearSummary } from '../../../shared/contract/calendar';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Actor, AuditLog } from '../auth/audit';

export interface CalendarService {
  /** The calendar in force (bundled data with the imported overlay laid over it). */
  calendar(): WorkCalendar;
  /** The merged data in force. */
  data(): CalendarData;
  years(): CalendarYears;
  year(year: number): CalendarYearDetail;
  dayInfo(date: string): CalendarDayInfo;
  isWorkday(date: string): boolean;
  /** n working days (unit workday) or calendar days (unit day) after `date`, `date` not counted. */
  add(date: string, n: number, unit: CalendarUnit): string;
  dueDate(input: DueDateInput): DueDateResult;
  /**
   * Validates `text` (calendar JSON), writes the overlay (each year in the file replacing that
   * whole year) and swaps the calendar at once. A bad file changes nothing.
   */
  import(text: string, actor: Actor): Promise<CalendarImportResult>;
}

export interface CalendarServiceOptions {
  bundledFile: string;
  overlayFile: string;
  logger: Logger;
  audit: AuditLog;
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
  const { bundledFile, overlayFile, logger, audit } = options;
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
    dayInfo: (date) => translated(() => ({ date, ...calendar.dayInfo(date) })),
    isWorkday: (date) => translated(() => calendar.isWorkday(date)),
    add: (date, n, unit) => translated(() => (unit === 'day' ? calendar.addCalendarDays(date, n) : calendar.addWorkdays(date, n))),
    dueDate: (input) => translated(() => computeDueDate(calendar, input)),
    async import(text, actor) {
      let incoming: CalendarData;
      try {
        incoming = parseCalendarJson(text);
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'calendar import refused');
        throw calendarAppError(error);
      }
      const yearKeys = Object.keys(incoming.years).sort();
      if (yearKeys.length === 0) throw new AppError('CALENDAR_DATA_INVALID', 'calendar import holds no year', '日历数据文件格式错误：文件中没有任何年份（years 为空），未导入');
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
      await audit.record(actor, 'calendar.import', yearKeys.join(','), { imported });
      logger.info({ imported }, 'calendar imported');
      return { imported, years: years() };
    },
  };
}
