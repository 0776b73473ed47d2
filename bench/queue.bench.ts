import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type Core } from '../electron/core/core';
import { sqliteOf } from '../tests/fixtures/hall';
import type { BenchSuite } from './types';

/**
 * Issue 6 targets: call-next latency (p50, p99) with 20 counters calling at once over 2 000
 * waiting tickets, and kiosk take-ticket throughput. Baseline: the same number of bare
 * single-row UPDATE transactions on the same database.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-queue-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const ACTOR = { id: null, name: 'bench', transport: 'direct' };
const COUNTERS = Array.from({ length: 20 }, (_, i) => i + 1);
let core: Core;
let run = 0;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function freshHall(): Promise<void> {
  if (core) await core.close();
  core = await createCore({ dataDir: path.join(dir, `r${run++}`), runtime: 'test', logToFile: false });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  await core.services.queue.ensureDefaults([1]);
  for (const c of ['A', 'B', 'C', 'D']) await core.services.queue.saveCategory(ACTOR, { id: c, name: `类别${c}`, items: [], rangeStart: 1, rangeEnd: 9999, dailyCap: 0, enabled: true });
  for (const n of COUNTERS) {
    await core.services.queue.saveCounter(ACTOR, { number: n, name: '', categories: ['A', 'B', 'C', 'D'] });
    await core.services.queue.setOpen(ACTOR, n, true);
  }
}

async function takeMany(n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await core.services.queue.take(ACTOR, 'ABCD'[i % 4]!, i % 7 === 0 ? '老年人' : null, 'kiosk');
  return performance.now() - started;
}

/** Rounds of 20 simultaneous call-next (then finish), latency of every call. */
async function callRounds(rounds: number): Promise<number[]> {
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
  return times;
}

export const suite: BenchSuite = {
  name: 'queue',
  cases: [
    {
      name: 'kiosk take-ticket throughput (200 tickets)',
      unit: 'ops/s',
      runs: 3,
      setup: freshHall,
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
      subject: { name: 'queue.take() (numbering, period, audit)', measure: async () => 200 / ((await takeMany(200)) / 1000) },
    },
    {
      name: 'call-next p50 with 20 counters at once over 2 000 waiting',
      unit: 'ms',
      runs: 3,
      setup: async () => {
        await freshHall();
        await takeMany(2000);
      },
      baseline: {
        name: 'bare conditional UPDATE claiming one waiting row',
        measure: () => {
          const raw = sqliteOf(core).raw;
          const ids = raw.prepare("SELECT id FROM tickets WHERE status = 'waiting' LIMIT 100").all() as { id: string }[];
          const stmt = raw.prepare("UPDATE tickets SET status = status WHERE id = ? AND status = 'waiting'");
          const times = ids.map(({ id }) => {
            const t = performance.now();
            raw.transaction(() => stmt.run(id))();
            return performance.now() - t;
          });
          return percentile(times, 50);
        },
      },
      subject: { name: 'queue.callNext() ×20 concurrently, 5 rounds', measure: async () => percentile(await callRounds(5), 50) },
    },
    {
      name: 'call-next p99 with 20 counters at once over 2 000 waiting',
      unit: 'ms',
      runs: 3,
      baseline: {
        name: 'one bare conditional UPDATE, p99',
        measure: () => {
          const raw = sqliteOf(core).raw;
          const ids = raw.prepare("SELECT id FROM tickets WHERE status = 'waiting' LIMIT 100").all() as { id: string }[];
          const stmt = raw.prepare("UPDATE tickets SET status = status WHERE id = ? AND status = 'waiting'");
          return percentile(ids.map(({ id }) => { const t = performance.now(); raw.transaction(() => stmt.run(id))(); return performance.now() - t; }), 99);
        },
      },
      subject: { name: 'queue.callNext() ×20 concurrently, 5 rounds', measure: async () => percentile(await callRounds(5), 99) },
      teardown: () => core.close(),
    },
  ],
};
