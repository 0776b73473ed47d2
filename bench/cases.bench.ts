import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { createCore, type Core } from '../electron/core/core';
import { sqliteOf } from '../tests/fixtures/hall';
import type { BenchSuite } from './types';
import { CLERK, applicant, sampleForm } from '../tests/fixtures/cases';
import type { IntakeInput } from '../shared/contract/cases';

/**
 * Issue 5 and 18 targets: accepting a case with 1 000 000 cases already stored — intake rate
 * against the bare insert rate (≥ 20 %), intake p99 (< 10 ms) — and search by ID number and by
 * name (p95 < 10 ms). Baselines: the bare SQLite statement doing the same write or lookup on
 * the same file, in its own transaction (synchronous=FULL, like the app).
 */
const STORED = Number(process.env.MEDINS_BENCH_CASES ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-cases-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
let core: Core;
let raw: BetterSqlite3.Database;
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';

function fakeId(i: number): string {
  return `410102${1950 + (i % 50)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 10000).padStart(4, '0')}`;
}

async function seed(): Promise<void> {
  let t = Date.parse('2026-11-23T09:00:00+08:00');
  core = await createCore({ dataDir: dir, runtime: 'test', logToFile: false, now: () => (t += 5) });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  raw = sqliteOf(core).raw;
  const started = performance.now();
  const insert = raw.prepare(`INSERT INTO cases (case_no, query_code, status, source_id, item_key, item_name, pays, applicant_id_kind, applicant_id_number, applicant_name, time_limit_text, accepted_on, due_date, clerk, counter, created_at, updated_at)
    VALUES (?, ?, 'completed', 'national-2020', '002036001002', '职工参保登记', 0, 'resident', ?, ?, '5个工作日', ?, ?, 'clerk1', ?, ?, ?)`);
  const chunk = 50_000;
  for (let from = 0; from < STORED; from += chunk) {
    raw.transaction(() => {
      for (let i = from; i < Math.min(STORED, from + chunk); i++) {
        const day = new Date(Date.UTC(2021, 0, 1) + (i % 1800) * 86_400_000).toISOString().slice(0, 10);
        const no = `410100${day.replace(/-/g, '')}${String(900 + (i % 99)).padStart(3, '0')}${String(i % 10000).padStart(4, '0')}`;
        const name = `${surnames[i % surnames.length]}${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x4e00 + ((i * 7) % 2000))}`;
        insert.run(`${no.slice(0, 17)}${String(i).padStart(7, '0').slice(-4)}${i}`.slice(0, 21) + `#${i}`, `Q${i}`, fakeId(i), name, day, day, 900 + (i % 99), `${day}T01:00:00.000Z`, `${day}T01:00:00.000Z`);
      }
    })();
  }
  console.log(`    (seeded ${STORED.toLocaleString()} cases in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return times;
}

/** The form of national 职工参保登记 (what the intake screen holds when the clerk presses 受理). */
let form: IntakeInput;
function intakeOf(i: number): IntakeInput {
  if (!form) {
    const req = core.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
    form = { item: '002036001002', applicant: applicant(1), answers: { personType: 'employed' }, materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })), form: sampleForm(req.fields), decision: 'accept' };
  }
  return { ...form, applicant: applicant(i) };
}

/** The bare write: one case row, prepared once, in its own transaction. */
let bareInsert: (i: number) => void;
function prepareBareInsert() {
  const stmt = raw.prepare(`INSERT INTO cases (case_no, query_code, status, source_id, item_key, item_name, pays, applicant_id_kind, applicant_id_number, applicant_name, time_limit_text, accepted_on, due_date, clerk, counter, created_at, updated_at)
    VALUES (?, ?, 'accepted', 'national-2020', '002036001002', '职工参保登记', 0, 'resident', ?, '王小明', '5个工作日', '2026-11-23', '2026-11-30', 'clerk1', 1, '2026-11-23T01:00:00.000Z', '2026-11-23T01:00:00.000Z')`);
  const tx = raw.transaction((i: number) => stmt.run(`bare-${i}`, `B${i}`, fakeId(i)));
  bareInsert = (i) => tx(i);
}

let written = 0;
let intakes = 0;
const RATE_OPS = 300;
const PER_RUN = 200;

async function ratePerSecond(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (n / (performance.now() - t)) * 1000;
}

export const suite: BenchSuite = {
  name: `cases (${STORED.toLocaleString()} stored)`,
  cases: [
    {
      name: `intake rate: ${RATE_OPS} accepts in a row, against bare case-row inserts (target ≥ 20 %)`,
      unit: 'ops/s',
      runs: 5,
      target: '≥ 0.20×',
      setup: async () => {
        await seed();
        prepareBareInsert();
      },
      baseline: { name: 'bare INSERT of one case row, own transaction', measure: () => ratePerSecond(RATE_OPS, () => bareInsert(written++)) },
      subject: { name: 'cases.intake() (one transaction, audit inside)', measure: () => ratePerSecond(RATE_OPS, () => core.services.cases.intake(CLERK, intakeOf(intakes++))) },
    },
    {
      name: `accept a case (materials, history, receipt, audit in one commit): p99 of ${PER_RUN}`,
      unit: 'ms',
      runs: 5,
      target: '< 10 ms',
      baseline: { name: 'bare INSERT of one case row, own transaction', measure: async () => percentile(await timeEach(PER_RUN, () => bareInsert(written++)), 99) },
      subject: { name: 'cases.intake() (validation, due date, numbering, 1 document)', measure: async () => percentile(await timeEach(PER_RUN, () => core.services.cases.intake(CLERK, intakeOf(intakes++))), 99) },
    },
    {
      name: 'search by ID number: p95 of 500 (target < 10 ms)',
      unit: 'ms',
      runs: 5,
      baseline: {
        name: 'bare indexed SELECT by applicant_id_number',
        measure: async () => {
          const stmt = raw.prepare('SELECT * FROM cases WHERE applicant_id_number = ? LIMIT 50');
          return percentile(await timeEach(500, (i) => stmt.all(fakeId((i * 7919) % STORED))), 95);
        },
      },
      subject: {
        name: 'cases.search({ idNumber }) with count and mapping',
        measure: async () => percentile(await timeEach(500, (i) => core.services.cases.search({ idNumber: fakeId((i * 7919) % STORED) })), 95),
      },
    },
    {
      name: 'search by name prefix: p95 of 500 (target < 10 ms)',
      unit: 'ms',
      runs: 5,
      baseline: {
        name: 'bare indexed range SELECT on applicant_name',
        measure: async () => {
          const stmt = raw.prepare('SELECT * FROM cases WHERE applicant_name >= ? AND applicant_name < ? ORDER BY created_at DESC LIMIT 50');
          return percentile(await timeEach(500, (i) => { const n = `${surnames[i % surnames.length]}${String.fromCharCode(0x4e00 + (i % 2000))}`; return stmt.all(n, `${n}\uffff`); }), 95);
        },
      },
      subject: {
        name: 'cases.search({ name }) (surname + given-name character)',
        measure: async () => percentile(await timeEach(500, (i) => core.services.cases.search({ name: `${surnames[i % surnames.length]}${String.fromCharCode(0x4e00 + (i % 2000))}` })), 95),
      },
      teardown: () => core.close(),
    },
  ],
};
