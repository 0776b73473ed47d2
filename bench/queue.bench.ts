import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../electron/core/core';
import { hallDate } from '../shared/system/hall-time';
import { sqliteOf } from '../tests/fixtures/hall';
import { checkCalls, percentile } from './queue-checks';
import type { BenchSuite } from './types';

/**
 * Issue 17 targets on SQLite: call-next p99 with 20 counters calling at once over 2 000 waiting
 * tickets (< 5 ms), the same with 1 000 000 past tickets (within 1.2× of the empty history),
 * and kiosk take-ticket throughput. Baselines: bare single-row UPDATE transactions on the same
 * file, and the same hall without history. Every run checks the calls: none twice, none skipped.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-queue-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const ACTOR = { id: null, name: 'bench', transport: 'direct' };
const COUNTERS = Array.from({ length: 20 }, (_, i) => i + 1);
const HISTORY = 1_000_000;
let run = 0;

/** A hall past setup, 4 lines, 20 counters open, `waiting` tickets in line, `history` tickets of earlier days. */
async function hall(waiting: number, history = 0): Promise<Core> {
  const core = await createCore({ dataDir: path.join(dir, `r${run++}`), runtime: 'test', logToFile: false });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  if (history) seedHistory(core, history);
  await core.services.queue.ensureDefaults([1]);
  for (const c of ['A', 'B', 'C', 'D']) await core.services.queue.saveCategory(ACTOR, { id: c, name: `类别${c}`, items: [], rangeStart: 1, rangeEnd: 9999, dailyCap: 0, enabled: true });
  for (const n of COUNTERS) {
    await core.services.queue.saveCounter(ACTOR, { number: n, name: '', categories: ['A', 'B', 'C', 'D'] });
    await core.services.queue.setOpen(ACTOR, n, true);
  }
  await takeMany(core, waiting);
  return core;
}

/** About two years of a busy hall: finished, no-show and expired tickets, their periods and calls. */
function seedHistory(core: Core, n: number): void {
  const raw = sqliteOf(core).raw;
  raw.pragma('synchronous = OFF');
  const days = 730;
  const perDay = Math.ceil(n / days);
  const ticket = raw.prepare(`INSERT INTO tickets (id, day, category_id, number, label, priority_kind, status, counter, taken_at, queued_at, called_at, called_count, no_shows, case_nos, source, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, '[]', 'kiosk', ?)`);
  const period = raw.prepare('INSERT INTO ticket_periods (ticket_id, kind, counter, started_at, ended_at) VALUES (?, ?, ?, ?, ?)');
  const call = raw.prepare('INSERT INTO queue_calls (ticket_id, label, counter, text, at, recall, priority) VALUES (?, ?, ?, ?, ?, 0, ?)');
  const start = Date.now() - (days + 1) * 86_400_000;
  for (let d = 0, id = 0; d < days && id < n; d++) {
    const day = hallDate(start + d * 86_400_000);
    raw.transaction(() => {
      for (let i = 0; i < perDay && id < n; i++, id++) {
        const at = new Date(start + d * 86_400_000 + i * 20_000).toISOString();
        const cat = 'ABCD'[i % 4]!;
        const label = `${cat}${String((i % 999) + 1).padStart(3, '0')}`;
        const counter = 1 + (i % 20);
        const status = i % 50 === 0 ? 'expired' : i % 40 === 0 ? 'no_show' : 'done';
        ticket.run(`h${id}`, day, cat, (i % 999) + 1, label, i % 7 ? null : '老年人', status, counter, at, at, at, at);
        period.run(`h${id}`, 'waiting', null, at, at);
        period.run(`h${id}`, 'serving', counter, at, at);
        call.run(`h${id}`, label, counter, `请 ${label} 号 到 ${counter} 号窗口办理`, at, i % 7 ? 0 : 1);
      }
    })();
  }
  raw.pragma('synchronous = FULL');
}

async function takeMany(core: Core, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await core.services.queue.take(ACTOR, 'ABCD'[i % 4]!, i % 7 === 0 ? '老年人' : null, 'kiosk');
  return performance.now() - started;
}

/** Rounds of 20 simultaneous call-next (then finish): every call's latency; the calls are checked. */
async function callRounds(core: Core, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const results = await Promise.all(
      COUNTERS.map(async (n) => {
        const t = performance.now();
        const ticket = await core.services.queue.callNext({ ...ACTOR, counter: n }, n);
        times.push(performance.now() - t);
        return ticket;
      }),
    );
    for (const t of results) if (t) await core.services.queue.finish(ACTOR, t.id);
  }
  await checkCalls(core.db.db, core.services.queue.day());
  return times;
}

/** Bare conditional UPDATE transactions claiming waiting rows: what the disk and SQLite cost. */
function bareClaims(core: Core): number[] {
  const raw = sqliteOf(core).raw;
  const ids = raw.prepare("SELECT id FROM tickets WHERE status = 'waiting' LIMIT 100").all() as { id: string }[];
  const stmt = raw.prepare("UPDATE tickets SET status = status WHERE id = ? AND status = 'waiting'");
  return ids.map(({ id }) => {
    const t = performance.now();
    raw.transaction(() => stmt.run(id))();
    return performance.now() - t;
  });
}

/**
 * A day of work with two boards watching: 2 000 tickets taken, called, served and finished, in
 * blocks of 500; each block's duration. The last block should cost what the first did.
 */
async function dayOfWork(): Promise<number[]> {
  const day = await hall(0);
  const ac = new AbortController();
  const boards = [0, 1].map(async () => {
    for await (const s of day.services.queue.watch(ac.signal)) void s;
  });
  const q = day.services.queue;
  const blocks: number[] = [];
  try {
    for (let b = 0; b < 4; b++) {
      const started = performance.now();
      for (let i = 0; i < 500; i++) {
        const n = 1 + (i % 20);
        await q.take(ACTOR, 'ABCD'[i % 4]!, i % 7 === 0 ? '老年人' : null, 'kiosk');
        const t = (await q.callNext({ ...ACTOR, counter: n }, n))!;
        await q.start(ACTOR, t.id);
        await q.finish(ACTOR, t.id);
      }
      blocks.push(performance.now() - started);
    }
    await checkCalls(day.db.db, q.day());
  } finally {
    ac.abort();
    await Promise.all(boards);
    await day.close();
  }
  return blocks;
}

let core: Core;
let empty: Core;
let past: Core;
let blocks: number[] = [];

export const suite: BenchSuite = {
  name: 'queue',
  cases: [
    {
      name: 'day of work (2 000 tickets, 2 boards watching): last 500 tickets against the first 500',
      unit: 'ms',
      runs: 1,
      target: 'ratio ≤ 1.2',
      baseline: {
        name: 'first 500 tickets',
        measure: async () => {
          blocks = await dayOfWork();
          return blocks[0]!;
        },
      },
      subject: { name: 'last 500 tickets', measure: () => blocks[3]! },
    },
    {
      name: 'kiosk take-ticket throughput (200 tickets)',
      unit: 'ops/s',
      runs: 3,
      setup: async () => {
        core = await hall(0);
      },
      baseline: {
        name: 'bare UPDATE of one counter row per transaction, 200 times',
        measure: () => {
          const raw = sqliteOf(core).raw;
          const stmt = raw.prepare('UPDATE queue_counters SET staff = ? WHERE number = 1');
          const started = performance.now();
          for (let i = 0; i < 200; i++) raw.transaction(() => stmt.run(`s${i}`))();
          return 200 / ((performance.now() - started) / 1000);
        },
      },
      subject: { name: 'queue.take() (numbering, period, audit)', measure: async () => 200 / ((await takeMany(core, 200)) / 1000) },
      teardown: () => core.close(),
    },
    {
      name: 'call-next p50 with 20 counters at once over 2 000 waiting',
      unit: 'ms',
      runs: 3,
      setup: async () => {
        core = await hall(2000);
      },
      baseline: { name: 'bare conditional UPDATE claiming one waiting row', measure: () => percentile(bareClaims(core), 50) },
      subject: { name: 'queue.callNext() ×20 concurrently, 5 rounds', measure: async () => percentile(await callRounds(core, 5), 50) },
    },
    {
      name: 'call-next p99 with 20 counters at once over 2 000 waiting',
      unit: 'ms',
      runs: 3,
      target: 'p99 < 5 ms',
      baseline: { name: 'one bare conditional UPDATE, p99', measure: () => percentile(bareClaims(core), 99) },
      subject: { name: 'queue.callNext() ×20 concurrently, 5 rounds', measure: async () => percentile(await callRounds(core, 5), 99) },
      teardown: () => core.close(),
    },
    {
      name: `call-next p99, 20 counters at once over 2 000 waiting, with ${HISTORY.toLocaleString('en')} past tickets`,
      unit: 'ms',
      runs: 5,
      target: 'within 1.2× of the empty history',
      setup: async () => {
        empty = await hall(2000);
        past = await hall(2000, HISTORY);
      },
      baseline: { name: 'the same hall with no history, p99', measure: async () => percentile(await callRounds(empty, 5), 99) },
      subject: { name: `with ${HISTORY.toLocaleString('en')} past tickets, p99`, measure: async () => percentile(await callRounds(past, 5), 99) },
      teardown: async () => {
        await empty.close();
        await past.close();
      },
    },
  ],
};
