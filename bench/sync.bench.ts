import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { createCore, type Core } from '../electron/core/core';
import { createSyncService, type SyncService } from '../electron/core/sync/worker';
import { createUpstreamClient } from '../electron/core/sync/client';
import { sqliteOf } from '../tests/fixtures/hall';
import { employeeEnrolment } from '../tests/fixtures/cases';
import type { BenchSuite } from './types';

/**
 * Issue 18: draining a 10 000-case backlog against the reference upstream, which runs in its
 * own process (as it would on its own server). Baseline: the upstream's own ingest rate in the
 * same run — the same number of messages, signed by the same client, the same number in
 * flight, submitted straight from memory with nothing stored locally. Subject: the sync worker's
 * loop (start()) draining the outbox; each run adds a fresh backlog (new message ids and case
 * numbers) behind the acknowledged rows of the runs before.
 */
const BACKLOG = Number(process.env.MEDINS_BENCH_BACKLOG ?? 10_000);
const IN_FLIGHT = 4;
const SECRET = 'bench-hall-secret-0000000001';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-sync-'));
const bundle = path.resolve('test-results/bench/upstream.mjs');
let upstreamProc: ChildProcess;
let url = '';
let core: Core;
let raw: BetterSqlite3.Database;
let sync: SyncService;
let template: Record<string, unknown>;
let caseId = 0;
let serial = 0;

/** A message the upstream has not seen: new id, new 21-digit case number. */
function freshMessage(): { msgId: string; caseNo: string; payload: string } {
  const msgId = crypto.randomUUID();
  const caseNo = `4101002026112399${String(serial++).padStart(5, '0')}`;
  const c = template.case as Record<string, unknown>;
  return { msgId, caseNo, payload: JSON.stringify({ ...template, msgId, case: { ...c, caseNo } }) };
}

async function startUpstream(): Promise<void> {
  await build({ entryPoints: ['electron/upstream-ref/main.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'esm', logLevel: 'warning' });
  upstreamProc = spawn(process.execPath, [bundle, '--port', '0', '--data', path.join(root, 'upstream'), '--key', `hall-1:${SECRET}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    upstreamProc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    upstreamProc.on('exit', (code) => reject(new Error(`reference upstream exited ${code}`)));
  });
}

async function setup(): Promise<void> {
  await startUpstream();
  core = await createCore({ dataDir: path.join(root, 'counter'), runtime: 'test', logToFile: false });
  await core.services.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: 'Bench2026' }, hall: { name: '压测大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
  core.services.settings.update({ upstream: { enabled: true, url, keyId: 'hall-1', inFlight: IN_FLIGHT, pollSeconds: 30 } });
  raw = sqliteOf(core).raw;
  // One real 不予受理 gives a real message to copy.
  await employeeEnrolment(core, { decision: 'refuse', reason: '不属于本窗口受理范围' });
  const row = raw.prepare('SELECT case_id, payload FROM sync_outbox').get() as { case_id: number; payload: string };
  caseId = row.case_id;
  template = JSON.parse(row.payload) as Record<string, unknown>;
  raw.prepare("UPDATE sync_outbox SET status = 'acked'").run();
  sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now: Date.now, training: false, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
}

async function baseline(): Promise<number> {
  const messages = Array.from({ length: BACKLOG }, freshMessage);
  const client = createUpstreamClient({ url, keyId: 'hall-1', secret: SECRET, signing: 'hmac-sha256', caCertFile: '', timeoutMs: 30_000 }, Date.now);
  const t = performance.now();
  const lane = async () => {
    for (let m = messages.pop(); m; m = messages.pop()) {
      const r = await client.submit(m.msgId, m.payload);
      if (r.kind !== 'answer' || r.status !== 200) throw new Error(`upstream refused a bench message: ${JSON.stringify(r)}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  const ms = performance.now() - t;
  client.close();
  return (BACKLOG / ms) * 1000;
}

async function subject(): Promise<number> {
  const at = new Date(Date.now() - 1000).toISOString();
  // One closed case per message (the outbox holds one closing per case), copied from the real one.
  const copyCase = raw.prepare("INSERT INTO cases (case_no, query_code, status, source_id, item_key, item_code, item_name, pays, applicant_id_kind, applicant_id_number, applicant_name, applicant_phone, agent, answers, flags, form, time_limit_text, rule_text, accepted_on, due_date, reason, result, clerk_id, clerk, counter, ticket_id, created_at, updated_at) SELECT ?, ?, status, source_id, item_key, item_code, item_name, pays, applicant_id_kind, applicant_id_number, applicant_name, applicant_phone, agent, answers, flags, form, time_limit_text, rule_text, accepted_on, due_date, reason, result, clerk_id, clerk, counter, ticket_id, created_at, updated_at FROM cases WHERE id = ?");
  const insert = raw.prepare("INSERT INTO sync_outbox (msg_id, kind, case_id, case_no, case_status, payload, status, next_attempt_at, created_at, updated_at) VALUES (?, 'case.closed', ?, ?, 'refused', ?, 'pending', ?, ?, ?)");
  raw.transaction(() => {
    for (let i = 0; i < BACKLOG; i++) {
      const m = freshMessage();
      const id = copyCase.run(m.caseNo, `S${serial}`, caseId).lastInsertRowid;
      insert.run(m.msgId, id, m.caseNo, m.payload, at, at, at);
    }
  })();
  // Is anything left? Two index probes, not a count: counting the remaining items every 25 ms
  // read up to 10 000 index entries each time, CPU taken from the drain it measures.
  const waiting = raw.prepare("SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE status = 'pending') OR EXISTS (SELECT 1 FROM sync_outbox WHERE status = 'unknown') AS n");
  const t = performance.now();
  sync.start();
  while ((waiting.get() as { n: number }).n > 0) await new Promise((r) => setTimeout(r, 25));
  const ms = performance.now() - t;
  sync.stop();
  const failed = raw.prepare("SELECT COUNT(*) AS n FROM sync_outbox WHERE status NOT IN ('acked')").get() as { n: number };
  if (failed.n > 0) throw new Error(`${failed.n} outbox items not acknowledged`);
  return (BACKLOG / ms) * 1000;
}

export const suite: BenchSuite = {
  name: `sync (${BACKLOG.toLocaleString()}-case backlog, ${IN_FLIGHT} in flight, reference upstream in its own process)`,
  cases: [
    {
      name: 'drain rate of the outbox, against the upstream ingesting the same messages from memory',
      unit: 'ops/s',
      runs: 3,
      target: '≥ 0.80×',
      setup,
      baseline: { name: 'client.submit() from memory (no local store)', measure: baseline },
      subject: { name: 'sync worker loop: rounds, attempts, one commit each', measure: subject },
      teardown: async () => {
        sync.stop();
        await core.close();
        upstreamProc.kill();
        fs.rmSync(root, { recursive: true, force: true });
      },
    },
  ],
};
