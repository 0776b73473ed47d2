/**
 * Regenerates resources/calendar/holidays.json from the data of the npm package chinese-days
 * (MIT, https://github.com/vsme/chinese-days).
 *
 *   npx tsx scripts/calendar/generate-holidays.ts [--from <chinese-days dir>] [--out <file>] [--check]
 *
 * --from   the installed package folder (default: resolved from this project's node_modules)
 * --out    output file (default: resources/calendar/holidays.json)
 * --check  do not write; exit 1 if the file on disk differs from what would be generated
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCalendarData } from '../../shared/calendar/schema';
import type { CalendarData, CalendarDayEntry, YearArrangement } from '../../shared/calendar/schema';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** chinese-days' Chinese labels → the names used in the State Council notices. */
const OFFICIAL_NAMES: Readonly<Record<string, string>> = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} 需要一个参数`);
  return value;
}

function locatePackage(from: string | undefined): string {
  if (from !== undefined) return path.resolve(from);
  try {
    return path.dirname(createRequire(import.meta.url).resolve('chinese-days/package.json'));
  } catch {
    throw new Error('找不到 chinese-days：请安装它（devDependency）或用 --from 指向已安装的包目录');
  }
}

/** "Spring Festival,春节,4" → 春节 */
function chineseName(value: string): string {
  const label = value.split(',')[1]?.trim();
  if (!label) throw new Error(`无法识别的节日名称：${value}`);
  return OFFICIAL_NAMES[label] ?? label;
}

/** gov.cn notice links from the comment above each `arrangement.y(YEAR)` in chinese-days' source. */
function readNotices(packageDir: string): Map<string, string> {
  const notices = new Map<string, string>();
  const source = path.join(packageDir, 'src/holidays/generate.ts');
  if (!existsSync(source)) return notices;
  const text = readFileSync(source, 'utf8');
  for (const block of text.matchAll(/\/\*\*([\s\S]*?)\*\/\s*arrangement\s*\.y\((\d{4})\)/g)) {
    const urls = [...(block[1] ?? '').matchAll(/https?:\/\/[^\s)）]*gov\.cn[^\s)）]*/g)].map((m) => m[0]);
    if (urls.length > 0 && block[2] !== undefined) notices.set(block[2], urls.join(' '));
  }
  return notices;
}

export function buildCalendarData(packageDir: string): CalendarData {
  const raw = JSON.parse(readFileSync(path.join(packageDir, 'dist/chinese-days.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const notices = readNotices(packageDir);
  const years: Record<string, YearArrangement> = {};
  const yearOf = (date: string): YearArrangement => {
    const year = date.slice(0, 4);
    years[year] ??= { published: true, holidays: [], makeupWorkdays: [] };
    return years[year];
  };
  const byDate = (a: CalendarDayEntry, b: CalendarDayEntry) => a.date.localeCompare(b.date);
  for (const [date, value] of Object.entries(raw.holidays)) yearOf(date).holidays.push({ date, name: chineseName(value) });
  for (const [date, value] of Object.entries(raw.workdays)) yearOf(date).makeupWorkdays.push({ date, name: chineseName(value) });

  const sorted: Record<string, YearArrangement> = {};
  for (const year of Object.keys(years).sort()) {
    const arrangement = years[year];
    if (!arrangement) continue;
    const notice = notices.get(year);
    sorted[year] = {
      published: true,
      ...(notice === undefined ? {} : { notice }),
      holidays: arrangement.holidays.sort(byDate),
      makeupWorkdays: arrangement.makeupWorkdays.sort(byDate),
    };
  }
  return parseCalendarData({ years: sorted });
}

/** One day entry per line, so a diff of a new notice is easy to review. */
export function formatCalendarData(data: CalendarData): string {
  const entries = (list: CalendarDayEntry[]) =>
    list.length === 0 ? '[]' : `[\n${list.map((e) => `        { "date": ${JSON.stringify(e.date)}, "name": ${JSON.stringify(e.name)} }`).join(',\n')}\n      ]`;
  const years = Object.entries(data.years).map(([year, a]) => {
    const lines = [`      "published": true`];
    if (a.notice !== undefined) lines.push(`      "notice": ${JSON.stringify(a.notice)}`);
    lines.push(`      "holidays": ${entries(a.holidays)}`, `      "makeupWorkdays": ${entries(a.makeupWorkdays)}`);
    return `    ${JSON.stringify(year)}: {\n${lines.join(',\n')}\n    }`;
  });
  return `{\n  "years": {\n${years.join(',\n')}\n  }\n}\n`;
}

function main(args: string[]): number {
  const packageDir = locatePackage(argValue(args, '--from'));
  const out = path.resolve(argValue(args, '--out') ?? path.join(repoRoot, 'resources/calendar/holidays.json'));
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version?: string }).version;
  const data = buildCalendarData(packageDir);
  const text = formatCalendarData(data);
  // The formatter must round-trip.
  parseCalendarData(JSON.parse(text));
  const years = Object.keys(data.years);
  const summary = `chinese-days ${version ?? '?'}：${years[0]}–${years[years.length - 1]}，共 ${years.length} 年`;
  if (args.includes('--check')) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${out} 与 ${summary} 生成的结果不一致，请重新生成`);
      return 1;
    }
    console.log(`${out} 已是最新（${summary}）`);
    return 0;
  }
  writeFileSync(out, text);
  console.log(`已写入 ${out}（${summary}）`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
