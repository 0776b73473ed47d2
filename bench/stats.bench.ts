import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { createCore, type Core } from '../electron/core/core';
import { sqliteOf } from '../tests/fixtures/hall';
import type { BenchSuite } from './types';

/**
 * Issue 10 targets: the daily report under 100 ms and a year under 1 s on five years of a busy
 * hall (~2.5 M cases, ~3 M tickets with 3 periods each). MEDINS_BENCH_SCALE (default 1) shrinks
 * the per-day volume. Baselines: the bare SQL a hand-written report would run on the same file.
 */
const SCALE = Number(process.env.MEDINS_BENCH_SCALE ?? 1);
const TICKETS_PER_DAY = Math.max(1, Math.round(1650 * SCALE));
const CASES_PER_DAY = Math.max(1, Math.round(1370 * SCALE));
const FIRST = Date.UTC(2021, 10, 24);
const DAYS = 1826;
const DAY = '2026-06-15';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-stats-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
let core: Core;
let raw: BetterSqlite3.Database;
const dayOf = (i: number) => new Date(FIRST + i * 86_400_000).toISOString().slice(0, 10);
const utc = (day: string, sec: number) => new Date(Date.parse(`${day}T08:30:00+08:00`) + sec * 1000).toISOString();

async function seed(): Promise<void> {
  core = await createCore({ dataDir: dir, runtime: 'test', logToFile: false, now: () => Date.parse('2026-11-23T18:00:00+08:00') });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  raw = sqliteOf(core).raw;
  raw.pragma('synchronous = OFF');
  const started = performance.now();
  const ticket = raw.prepare(`INSERT INTO tickets (id, day, category_id, number, label, priority_kind, status, counter, taken_at, queued_at, called_at, called_count, no_shows, case_nos, source, updated_at)
    VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 1, 0, ?, 'kiosk', ?)`);
  const period = raw.prepare('INSERT INTO ticket_periods (ticket_id, kind, counter, started_at, ended_at) VALUES (?, ?, ?, ?, ?)');
  const kase = raw.prepare(`INSERT INTO cases (case_no, query_code, status, source_id, item_key, item_name, pays, applicant_id_kind, applicant_id_number, applicant_name, time_limit_text, accepted_on, due_date, clerk, counter, created_at, updated_at)
    VALUES (?, ?, ?, 'national-2020', ?, ?, 0, 'resident', ?, '测试', '5个工作日', ?, ?, ?, ?, ?, ?)`);
  const hist = raw.prepare("INSERT INTO case_history (case_id, at, action, from_status, to_status, actor, counter) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const items = [['002036001002', '职工参保登记'], ['002036002001', '参保人员参保信息查询'], ['002036003001', '异地就医备案']];
  for (let d = 0; d < DAYS; d++) {
    const day = dayOf(d);
    const recent = d > DAYS - 12;
    raw.transaction(() => {
      for (let i = 0; i < TICKETS_PER_DAY; i++) {
        const id = `${day}-${i}`;
        const taken = (i * 8 * 3600) / TICKETS_PER_DAY;
        const wait = 60 + ((i * 37) % 1800);
        const service = 120 + ((i * 13) % 600);
        const counter = 1 + (i % 12);
        const noShow = i % 40 === 0;
        const caseNo = i < CASES_PER_DAY ? `${day.replace(/-/g, '')}${String(i).padStart(5, '0')}` : null;
        ticket.run(id, day, 'ABCD'[i % 4], i + 1, `X${i}`, noShow ? 'no_show' : 'done', noShow ? null : counter, utc(day, taken), utc(day, taken), utc(day, taken + wait), caseNo ? `["${caseNo}"]` : '[]', utc(day, taken + wait + 30 + service));
        period.run(id, 'waiting', null, utc(day, taken), utc(day, taken + wait));
        period.run(id, 'called', counter, utc(day, taken + wait), utc(day, taken + wait + 30));
        if (!noShow) period.run(id, 'serving', counter, utc(day, taken + wait + 30), utc(day, taken + wait + 30 + service));
      }
      for (let i = 0; i < CASES_PER_DAY; i++) {
        const [key, name] = items[i % 3]!;
        const at = utc(day, (i * 8 * 3600) / CASES_PER_DAY + 600);
        const status = recent && i % 2 ? 'accepted' : 'completed';
        const clerk = `clerk${1 + (i % 12)}`;
        const r = kase.run(`${day.replace(/-/g, '')}${String(i).padStart(5, '0')}`, `Q${day}${i}`, status, key, name, `4101021980010${String(i % 1000).padStart(5, '0')}`, day, dayOf(d + 7), clerk, 1 + (i % 12), at, at);
        hist.run(r.lastInsertRowid, at, 'accept', null, 'accepted', clerk, 1 + (i % 12));
        if (status === 'completed') hist.run(r.lastInsertRowid, at, 'complete', 'approved', 'completed', clerk, 1 + (i % 12));
      }
    })();
  }
  raw.pragma('synchronous = FULL');
  raw.exec('ANALYZE');
  console.log(`    (seeded ${DAYS} days: ${(DAYS * TICKETS_PER_DAY).toLocaleString()} tickets, ${(DAYS * CASES_PER_DAY).toLocaleString()} cases in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const t = performance.now();
  await core.services.stats.report({ ...YEAR });
  console.log(`    (first year report, folding 365 days into stats_daily: ${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

/** What a hand-written daily report would read: counts, summed periods, case events. */
function bareDay(day: string, start: string, end: string) {
  raw.prepare('SELECT category_id, status, count(*) FROM tickets WHERE day = ? GROUP BY category_id, status').all(day);
  raw.prepare(`SELECT t.category_id, p.kind, sum(julianday(p.ended_at) - julianday(p.started_at)) FROM tickets t JOIN ticket_periods p ON p.ticket_id = t.id WHERE t.day = ? GROUP BY t.category_id, p.kind`).all(day);
  raw.prepare('SELECT action, count(*) FROM case_history WHERE at >= ? AND at < ? GROUP BY action').all(start, end);
}

const time = async (fn: () => unknown) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

export const suite: BenchSuite = {
  name: `stats (${DAYS} days, ${TICKETS_PER_DAY} tickets and ${CASES_PER_DAY} cases a day)`,
  cases: [
    {
      name: `daily report of ${DAY}, computed from the raw rows (cache row dropped each run)`,
      unit: 'ms',
      runs: 5,
      target: '< 100 ms',
      setup: seed,
      baseline: { name: 'bare SQL: ticket counts, summed periods, case events of the day', measure: () => time(() => bareDay(DAY, `${DAY}T00:00:00.000Z`, `${DAY}T23:59:59.999Z`)) },
      subject: {
        name: 'stats.report({ from: day }) (all groups, histograms, deadlines)',
        measure: () =>
          time(async () => {
            raw.prepare('DELETE FROM stats_daily WHERE day = ?').run(DAY);
            await core.services.stats.report({ from: DAY });
          }),
      },
    },
    {
      name: `year report ${YEAR.from}..${YEAR.to} (daily aggregates in place)`,
      unit: 'ms',
      runs: 5,
      target: '< 1000 ms',
      baseline: {
        name: 'bare SQL: summed periods per category and kind over the year (one scan)',
        measure: () => time(() => raw.prepare(`SELECT t.category_id, p.kind, sum(julianday(p.ended_at) - julianday(p.started_at)) FROM tickets t JOIN ticket_periods p ON p.ticket_id = t.id WHERE t.day BETWEEN ? AND ? GROUP BY t.category_id, p.kind`).all(YEAR.from, YEAR.to)),
      },
      subject: { name: 'stats.report({ from, to }) by clerk', measure: () => time(() => core.services.stats.report({ ...YEAR, groupBy: 'clerk' })) },
      teardown: () => core.close(),
    },
  ],
};
