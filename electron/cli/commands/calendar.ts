import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { Core } from '../../core/core';
import { AppError } from '../../core/errors';
import type { Actor } from '../../core/auth/audit';
import { isValidDate } from '../../../shared/calendar/dates';
import type { CalendarUnit } from '../../../shared/contract/calendar';
import { CliFailure, print, withCore } from '../context';
import { calendarMessages } from '../../../shared/messages/zh-CN';

const CLI_ACTOR: Actor = { id: null, name: 'cli', transport: 'cli' };

const KIND_LABEL = { workday: '工作日', weekend: '休息日', holiday: '放假', makeup: '调休上班' } as const;

/** Usage errors (exit 2): a date that is not a real YYYY-MM-DD, a count that is not an integer. */
function dateArg(value: string): string {
  if (!isValidDate(value)) throw new InvalidArgumentError(`“${value}” is not a real date in YYYY-MM-DD form`);
  return value;
}
function intArg(value: string): number {
  if (!/^[+-]?\d+$/.test(value) || Math.abs(Number(value)) > 3660) throw new InvalidArgumentError(`“${value}” is not a whole number between -3660 and 3660`);
  return Number(value);
}
function unitArg(value: string): CalendarUnit {
  if (value !== 'workday' && value !== 'day') throw new InvalidArgumentError(`unit must be workday or day, got “${value}”`);
  return value;
}

/** A domain error (日历未发布, a refused file) becomes exit 1 with its Chinese text. */
async function withCalendar<T>(fn: (calendar: Core['services']['calendar']) => T | Promise<T>): Promise<T> {
  return withCore(async (core) => {
    try {
      return await fn(core.services.calendar);
    } catch (error) {
      if (error instanceof AppError) throw new CliFailure(error.userText ?? error.message);
      throw error;
    }
  });
}

export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('working-day calendar (工作日历): statutory holidays and 调休 make-up days by year');

  calendar
    .command('add')
    .description('the date n working days (or calendar days) after <date>, <date> itself not counted')
    .argument('<date>', 'YYYY-MM-DD', dateArg)
    .argument('<n>', 'how many days (negative: before)', intArg)
    .option('--unit <unit>', 'workday or day', unitArg, 'workday' as CalendarUnit)
    .option('--provisional', 'count a year whose arrangement is not loaded Monday–Friday (answer marked 暂定) instead of refusing')
    .option('--json', 'print JSON')
    .action(async (date: string, n: number, opts: { unit: CalendarUnit; provisional?: boolean; json?: boolean }) => {
      await withCalendar((c) => {
        const result = c.add(date, n, opts.unit, { provisional: opts.provisional === true });
        print(opts.json === true, result, result.provisional ? `${result.date}（${calendarMessages.provisionalMark}）` : result.date);
      });
    });

  calendar
    .command('is-workday')
    .description('whether <date> is a working day, and why (工作日 / 休息日 / 放假 / 调休上班)')
    .argument('<date>', 'YYYY-MM-DD', dateArg)
    .option('--provisional', 'read a year whose arrangement is not loaded Monday–Friday (answer marked 暂定) instead of refusing')
    .option('--json', 'print JSON')
    .action(async (date: string, opts: { provisional?: boolean; json?: boolean }) => {
      await withCalendar((c) => {
        const info = c.dayInfo(date, { provisional: opts.provisional === true });
        print(opts.json === true, info, `${date} ${info.workday ? '上班' : '不上班'}（${KIND_LABEL[info.kind]}${info.name ? `·${info.name}` : ''}${info.provisional ? `，${calendarMessages.provisionalMark}` : ''}）`);
      });
    });

  calendar
    .command('years')
    .description('the years loaded and where each comes from (bundled holidays.json or imported)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCalendar((c) => {
        const y = c.years();
        const human = [
          ...y.years.map((s) => `${s.year}  ${s.source === 'imported' ? (s.replacesBundled ? 'imported (replaces bundled)' : 'imported') : 'bundled'}  放假${s.holidays}天 调休上班${s.makeupWorkdays}天`),
          `bundled  ${y.bundledFile}${y.bundledError ? `  (unreadable: ${y.bundledError})` : ''}`,
          `overlay  ${y.overlayFile}${y.overlayError ? `  (unreadable: ${y.overlayError})` : ''}`,
        ].join('\n');
        print(opts.json === true, y, human);
      });
    });

  calendar
    .command('import')
    .description('load a year’s 节假日安排 from a JSON file (format: resources/calendar/README.md); each year replaces that whole year')
    .argument('<file>', 'calendar JSON file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliFailure(`无法读取文件 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      await withCalendar(async (c) => {
        const result = await c.import(text, CLI_ACTOR);
        const replaced = { none: '新增', bundled: '替换内置数据', imported: '替换此前导入' } as const;
        const recomputed = result.recomputed.map((r) => `${r.caseNo} ${r.itemName} 办结日期 ${r.from} → ${r.to}${r.provisional ? `（仍为${calendarMessages.provisionalMark}）` : ''}`);
        print(opts.json === true, result, [...result.imported.map((i) => `${i.year}年 已导入（${replaced[i.replaced]}）`), `saved to ${result.years.overlayFile}`, `provisional due dates recomputed: ${recomputed.length}`, ...recomputed].join('\n'));
      });
    });
}
