import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createCore, type Core } from '../electron/core/core';
import { buildCounterProcess, runBursts, runCounters } from '../tests/fixtures/counters';
import { checkCalls, percentile } from './queue-checks';
import type { BenchSuite } from './types';

/**
 * Issues 11 and 17 (hall mode): call-next p99 with 20 counter processes on one PostgreSQL database (notify on, every call checked),
 * against one counter calling alone on its SQLite file (the figure a single counter sees); and
 * how soon a board on another core shows a call (pg_notify → LISTEN → snapshot), against a
 * board on the calling core itself (SQLite, in-process event).
 * PostgreSQL: MEDINS_PG_URL, else the test role (scripts/setup-test-postgres.sh); the bench
 * uses a database of its own, medins_bench_hall, recreated on every run.
 */
const ADMIN_URL = process.env.MEDINS_PG_URL ?? process.env.MEDINS_TEST_PG_URL ?? 'postgres://medins_test:medins_test@127.0.0.1:5432/postgres';
const DB_NAME = 'medins_bench_hall';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-hall-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const ACTOR = { id: null, name: 'bench', transport: 'direct' };
const COUNTERS = Array.from({ length: 20 }, (_, i) => i + 1);
const TICKETS = 400;
let run = 0;
let dbUrl = '';

async function createBenchDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  dbUrl = url.toString();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('CREATE EXTENSION IF NOT EXISTS citext SCHEMA public');
  await c.end();
}

/** A data folder; on PostgreSQL, pointing at `schema` of the bench database. */
function dataDir(schema: string | null, counter = 1): string {
  const d = path.join(dir, `d${run++}`);
  fs.mkdirSync(d);
  const storage = schema ? { dialect: 'postgres', postgres: { url: dbUrl, schema } } : { dialect: 'sqlite' };
  fs.writeFileSync(path.join(d, 'settings.json'), JSON.stringify({ storage, counter: { number: counter } }));
  return d;
}

/** A hall past setup with the counters open and `tickets` waiting. */
async function hall(schema: string | null, counters: number[], tickets: number): Promise<Core> {
  const core = await createCore({ dataDir: dataDir(schema), runtime: 'test', logToFile: false });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  await core.services.queue.ensureDefaults([1]);
  for (const n of counters) {
    await core.services.queue.saveCounter(ACTOR, { number: n, name: '', categories: ['A', 'B'] });
    await core.services.queue.setOpen(ACTOR, n, true);
  }
  for (let i = 0; i < tickets; i++) await core.services.queue.take(ACTOR, i % 3 ? 'A' : 'B', i % 7 === 0 ? '老年人' : null, 'kiosk');
  return core;
}

/** Every call-next latency (after each process's first) of 20 processes emptying a line of TICKETS. */
async function twentyCountersOnPostgres(): Promise<number[]> {
  const schema = `bench_${run++}`;
  const core = await hall(schema, COUNTERS, TICKETS);
  try {
    const results = await runCounters(COUNTERS.map((number) => ({ dataDir: dataDir(schema, number), number })));
    // Every ticket called once, none skipped within its rank.
    const { calls } = await checkCalls(core.db.db, core.services.queue.day());
    if (calls !== TICKETS) throw new Error(`${calls} of ${TICKETS} tickets called`);
    // Each process's first call also opens its pool connection, rolls the queue day over and has
    // the server compile queue_call_next: start-up, not the call a clerk waits for all day.
    return [...results.values()].flatMap((calls) => calls.slice(1)).map((c) => c.ms);
  } finally {
    await core.close();
  }
}

/**
 * 20 counters pressing 叫号 at the same moment, 20 times over (each round once all have
 * answered): the latency a clerk sees in the hall's busiest second. The pause-free line above
 * is a throughput test instead — by Little's law its latency is 20 ÷ the hall's call rate.
 */
async function burstsOnPostgres(): Promise<number[]> {
  const schema = `bench_${run++}`;
  const core = await hall(schema, COUNTERS, TICKETS);
  try {
    const rounds = await runBursts(COUNTERS.map((number) => ({ dataDir: dataDir(schema, number), number })), TICKETS / COUNTERS.length);
    const { calls } = await checkCalls(core.db.db, core.services.queue.day());
    if (calls !== TICKETS) throw new Error(`${calls} of ${TICKETS} tickets called`);
    // The first round opens connections, rolls the day over and compiles the function.
    return rounds.slice(1).flat().map((c) => c.ms);
  } finally {
    await core.close();
  }
}

/** One counter alone on SQLite emptying the same line. */
async function oneCounterOnSqlite(): Promise<number[]> {
  const core = await hall(null, [1], TICKETS);
  const times: number[] = [];
  try {
    for (;;) {
      const t = performance.now();
      const ticket = await core.services.queue.callNext({ ...ACTOR, counter: 1 }, 1);
      times.push(performance.now() - t);
      if (!ticket) break;
      await core.services.queue.finish(ACTOR, ticket.id);
    }
  } finally {
    await core.close();
  }
  return times;
}

/**
 * From a call at the counter until the board's stream shows it; p95 over 20 calls. The board is
 * read all along and each call's first sighting timed, so a snapshot that arrives before
 * callNext() returns counts (the race that used to cost it the 5 s refresh).
 */
async function boardLatency(counter: Core, board: Core): Promise<number> {
  const ac = new AbortController();
  const stream = board.services.queue.watch(ac.signal);
  await stream.next();
  const seenAt = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  const reading = (async () => {
    for (let r = await stream.next(); !r.done; r = await stream.next()) {
      const at = performance.now();
      for (const c of r.value.recentCalls) {
        if (seenAt.has(c.ticketId)) continue;
        seenAt.set(c.ticketId, at);
        waiting.get(c.ticketId)?.();
      }
    }
  })();
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const called = (await counter.services.queue.callNext({ ...ACTOR, counter: 1 }, 1))!;
    if (!seenAt.has(called.id)) await new Promise<void>((resolve) => waiting.set(called.id, resolve));
    times.push(seenAt.get(called.id)! - t);
    await counter.services.queue.finish(ACTOR, called.id);
  }
  ac.abort();
  await reading;
  return percentile(times, 95);
}

async function boardOnOtherCore(): Promise<number> {
  const schema = `board_${run++}`;
  const counter = await hall(schema, [1], 20);
  const board = await createCore({ dataDir: dataDir(schema, 2), runtime: 'test', logToFile: false });
  try {
    return await boardLatency(counter, board);
  } finally {
    await board.close();
    await counter.close();
  }
}

async function boardOnSameCore(): Promise<number> {
  const core = await hall(null, [1], 20);
  try {
    return await boardLatency(core, core);
  } finally {
    await core.close();
  }
}

const setup = async () => {
  if (!dbUrl) await createBenchDatabase();
  await buildCounterProcess();
};

export const suite: BenchSuite = {
  name: 'hall mode (PostgreSQL)',
  cases: [
    {
      name: `call-next p99: 20 counter processes on PostgreSQL calling without pause (${TICKETS} tickets)`,
      unit: 'ms',
      runs: 3,
      target: 'p99 < 20 ms',
      setup,
      baseline: { name: 'one counter on SQLite, p99', measure: async () => percentile(await oneCounterOnSqlite(), 99) },
      subject: { name: '20 processes on PostgreSQL, p99', measure: async () => percentile(await twentyCountersOnPostgres(), 99) },
    },
    {
      name: `call-next p99: 20 counters on PostgreSQL pressing 叫号 at once, ${TICKETS / COUNTERS.length} rounds`,
      unit: 'ms',
      runs: 3,
      target: 'p99 < 20 ms',
      setup,
      baseline: { name: 'one counter on SQLite, p99', measure: async () => percentile(await oneCounterOnSqlite(), 99) },
      subject: { name: '20 processes at once on PostgreSQL, p99', measure: async () => percentile(await burstsOnPostgres(), 99) },
    },
    {
      name: 'board update after a call, p95 of 20 calls',
      unit: 'ms',
      runs: 5,
      target: 'p95 < 50 ms',
      setup,
      baseline: { name: 'board on the calling core (SQLite, in-process)', measure: boardOnSameCore },
      subject: { name: 'board on another core (NOTIFY → snapshot)', measure: boardOnOtherCore },
    },
  ],
};
