import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Core } from '../../electron/core/core';
import { createCore } from '../../electron/core/core';
import { createSyncService, type SyncService } from '../../electron/core/sync/worker';
import { createLease } from '../../electron/core/db/leases';
import { enqueueIfClosed, type CaseMessage } from '../../electron/core/sync/outbox';
import { RoundWrites, createSyncStore } from '../../electron/core/sync/store';
import { startReferenceUpstream, type ReferenceUpstream } from '../../electron/upstream-ref/server';
import { preparedCore } from '../fixtures/hall';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { tempDir } from '../fixtures/temp';

const SECRET = 'hall-secret-for-tests-0001';
const MINUTE = 60_000;
let clock = Date.parse('2026-03-02T01:30:00Z');
const now = () => clock;

let core: Core;
let upstream: ReferenceUpstream;
let upstreamDir: string;
let sync: SyncService;
let port = 0;

async function startUpstream() {
  upstream = await startReferenceUpstream({ dataDir: upstreamDir, keys: { 'hall-1': SECRET }, port, now });
  port = upstream.port;
}

/** A 不予受理 at intake closes the case at once: one outbox row. */
const refuse = (n: number) => employeeEnrolment(core, { decision: 'refuse', reason: '不属于本窗口受理范围' }, n);
const outbox = () => core.db.db.selectFrom('sync_outbox').selectAll().orderBy('id').execute();
const attempts = (id: number) => core.db.db.selectFrom('sync_attempts').selectAll().where('outbox_id', '=', id).orderBy('id').execute();

beforeEach(async () => {
  clock = Date.parse('2026-03-02T01:30:00Z');
  port = 0;
  core = await preparedCore(tempDir(), { now });
  upstreamDir = tempDir('medins-upstream-');
  await startUpstream();
  core.services.settings.update({ upstream: { enabled: true, url: upstream.url, keyId: 'hall-1', retryCap: 3, backoffBaseSeconds: 10, backoffMaxSeconds: 600, timeoutSeconds: 2 } });
  sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
  // A whole prepared core on a fresh PostgreSQL schema takes over 10 s on a loaded two-core box.
}, 30_000);

afterEach(async () => {
  sync.stop();
  await upstream.close().catch(() => undefined);
  await core.close();
});

describe('sync lease (one host of a hall drains the outbox)', () => {
  it('skips while another host holds the lease; takes over when it is released or expires', async () => {
    await refuse(1);
    const otherHost = createLease({ db: core.db.db, name: 'sync', holder: 'counter-7', ttlMs: () => 2 * MINUTE, now });
    expect(await otherHost.acquire()).toBe(true);
    expect((await sync.runOnce()).skipped).toBe('other-host');
    expect((await outbox())[0]!.status).toBe('pending');
    await otherHost.release();
    expect(await sync.runOnce()).toMatchObject({ processed: 1, acked: 1 });

    await refuse(2);
    expect(await otherHost.acquire()).toBe(true); // free again: this worker's one-off round gave it back
    expect((await sync.runOnce()).skipped).toBe('other-host');
    clock += 2 * MINUTE + 1000; // the other host died: its lease runs out
    expect(await sync.runOnce()).toMatchObject({ processed: 1, acked: 1 });
    expect(await otherHost.acquire()).toBe(true);
  });
});

describe('outbox', () => {
  it('is written in the transaction that closes the case, with a UUID message id and the whole case', async () => {
    const open = await employeeEnrolment(core, {}, 1);
    expect(await outbox()).toEqual([]);
    await core.services.cases.transition(CLERK, open.caseNo, 'approve', {});
    expect(await outbox()).toEqual([]);
    await core.services.cases.transition(CLERK, open.caseNo, 'complete', { result: '已办结' });
    const refused = await refuse(2);
    const rows = await outbox();
    expect(rows.map((r) => [r.case_no, r.case_status, r.status])).toEqual([
      [open.caseNo, 'completed', 'pending'],
      [refused.caseNo, 'refused', 'pending'],
    ]);
    const msg = JSON.parse(rows[0]!.payload) as CaseMessage;
    expect(rows[0]!.msg_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(msg.msgId).toBe(rows[0]!.msg_id);
    expect(msg.applicant.idNumber).toBe(open.applicant.idNumber);
    expect(msg.case.item.key).toBe('002036001002');
    expect(msg.materials.length).toBeGreaterThan(0);
    expect(msg.history.map((h) => h.action)).toEqual(['accept', 'approve', 'complete']);
    expect(msg.outcome).toMatchObject({ status: 'completed', result: '已办结' });
  });

  it('a failing transaction leaves neither the case change nor the outbox row', async () => {
    const open = await employeeEnrolment(core, {}, 1);
    await core.services.cases.transition(CLERK, open.caseNo, 'approve', {});
    if (core.db.dialect === 'sqlite') await sql`CREATE TRIGGER outbox_fails BEFORE INSERT ON sync_outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(core.db.db);
    else {
      await sql`CREATE FUNCTION outbox_fails() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(core.db.db);
      await sql`CREATE TRIGGER outbox_fails BEFORE INSERT ON sync_outbox FOR EACH ROW EXECUTE FUNCTION outbox_fails()`.execute(core.db.db);
    }
    await expect(core.services.cases.transition(CLERK, open.caseNo, 'complete', { result: '已办结' })).rejects.toThrow();
    expect((await core.services.cases.get(CLERK, open.caseNo)).status).toBe('approved');
    const before = (await core.db.db.selectFrom('cases').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    await expect(refuse(2)).rejects.toThrow();
    expect((await core.db.db.selectFrom('cases').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
    expect(await outbox()).toEqual([]);
  });

  it('training cases are never enqueued, and a training core never syncs', async () => {
    const training = await createCore({ dataDir: tempDir(), runtime: 'test', logToFile: false, training: true, now });
    try {
      await training.services.cases.intake({ ...CLERK }, { ...(await refusalInput(training)) });
      const n = await training.db.db.selectFrom('sync_outbox').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
      expect((await training.services.sync.runOnce()).skipped).toBe('training');
      expect((await training.services.sync.status()).enabled).toBe(false);
    } finally {
      await training.close();
    }
  });
});

async function refusalInput(c: Core) {
  const req = c.services.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  const { applicant } = await import('../fixtures/cases');
  return { item: '002036001002', applicant: applicant(5), answers: { personType: 'employed' }, materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })), form: {}, decision: 'refuse' as const, reason: '培训' };
}

describe('sync worker against the reference upstream', () => {
  it('sends each closed case once; the same message id twice is one case upstream', async () => {
    await refuse(1);
    await refuse(2);
    const r = await sync.runOnce();
    expect(r).toMatchObject({ processed: 2, acked: 2, offline: false });
    expect(upstream.cases()).toHaveLength(2);
    const rows = await outbox();
    expect(rows.every((x) => x.status === 'acked' && x.upstream_ref?.startsWith('UP'))).toBe(true);
    // Same id again (e.g. a lost ack): still one case, answered as a duplicate.
    const resent = await fetchSigned('POST', '/v1/messages', rows[0]!.payload, rows[0]!.msg_id);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'accepted', duplicate: true, caseRef: rows[0]!.upstream_ref });
    // And the same case under another id (a rebuilt outbox): still one case.
    const other = crypto.randomUUID();
    const again = await fetchSigned('POST', '/v1/messages', JSON.stringify({ ...JSON.parse(rows[0]!.payload), msgId: other }), other);
    expect(again.body).toMatchObject({ duplicate: true, originalMsgId: rows[0]!.msg_id });
    expect(upstream.cases()).toHaveLength(2);
    expect((await sync.status()).lastSuccessAt).toBe(new Date(clock).toISOString());
  });

  it('duplicate deliveries on the network still make one case', async () => {
    upstream.faults.duplicateRate = 1;
    await refuse(1);
    await sync.runOnce();
    expect(upstream.cases()).toHaveLength(1);
    expect(upstream.messages()[0]!.deliveries).toBe(2);
  });

  it('an answer lost after the upstream stored the case is settled by a status query, never a second send', async () => {
    upstream.faults.dropAfterCommitRate = 1;
    await refuse(1);
    await sync.runOnce();
    let [row] = await outbox();
    expect(row!.status).toBe('unknown');
    expect(upstream.cases()).toHaveLength(1);
    upstream.faults.dropAfterCommitRate = 0;
    expect((await sync.runOnce()).processed).toBe(0); // backing off
    clock += 10_000;
    await sync.runOnce();
    [row] = await outbox();
    expect(row!.status).toBe('acked');
    expect((await attempts(row!.id)).map((a) => `${a.step}:${a.outcome}`)).toEqual(['submit:unknown', 'status:success']);
    expect(upstream.messages()[0]!.deliveries).toBe(1);
    expect(upstream.cases()).toHaveLength(1);
  });

  it('backs off exponentially up to the cap, then 需人工处理; a manual resend goes up under the same id', async () => {
    upstream.faults.errorRate = 1;
    await refuse(1);
    const t0 = clock;
    await sync.runOnce();
    let [row] = await outbox();
    expect([row!.status, row!.attempts, Date.parse(row!.next_attempt_at) - t0]).toEqual(['unknown', 1, 10_000]);
    clock += 10_000;
    await sync.runOnce();
    [row] = await outbox();
    expect([row!.status, row!.attempts, Date.parse(row!.next_attempt_at) - clock]).toEqual(['unknown', 2, 20_000]);
    clock += 20_000;
    await sync.runOnce();
    [row] = await outbox();
    expect([row!.status, row!.attempts]).toEqual(['needs_attention', 3]);
    expect(row!.last_error).toMatch(/^需人工处理/);
    clock += 3_600_000;
    expect((await sync.runOnce()).processed).toBe(0);
    expect((await sync.status()).needsAttention).toBe(1);

    upstream.faults.errorRate = 0;
    const item = await sync.resend(CLERK, row!.id);
    expect(item.status).toBe('unknown');
    await sync.runOnce();
    [row] = await outbox();
    expect(row!.status).toBe('acked');
    expect(row!.msg_id).toBe(item.msgId);
    expect((await attempts(row!.id)).slice(-2).map((a) => `${a.step}:${a.outcome}`)).toEqual(['status:not_found', 'submit:success']);
    expect(upstream.cases()).toHaveLength(1);
  });

  it('one poison item does not block the others; a rejection keeps the upstream reason', async () => {
    const bad = await refuse(1);
    const invalid = await refuse(2);
    await refuse(3);
    await refuse(4);
    upstream.faults.failCaseNos = [bad.caseNo];
    upstream.faults.rejectCaseNos = [invalid.caseNo];
    const r = await sync.runOnce();
    expect(r).toMatchObject({ processed: 4, acked: 2, failed: 2 });
    const rows = await outbox();
    expect(Object.fromEntries(rows.map((x) => [x.case_no, x.status]))).toMatchObject({ [bad.caseNo]: 'unknown', [invalid.caseNo]: 'rejected' });
    expect(rows.find((x) => x.case_no === invalid.caseNo)!.last_error).toContain('上级平台校验不通过');
    expect((await sync.status())).toMatchObject({ pending: 1, failed: 1, acked: 2 });
  });

  it('works offline for days without using up retries, and resumes when the upstream is back', async () => {
    await upstream.close();
    await refuse(1);
    await refuse(2);
    expect(await sync.runOnce()).toMatchObject({ offline: true, processed: 0 });
    for (let day = 0; day < 3; day++) {
      for (let i = 0; i < 24; i++) {
        clock += 60 * MINUTE;
        await sync.runOnce();
      }
    }
    expect((await outbox()).map((r) => [r.status, r.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
    ]);
    expect(await sync.status()).toMatchObject({ offline: true, pending: 2, needsAttention: 0 });
    await startUpstream();
    clock += 5 * MINUTE;
    expect(await sync.runOnce()).toMatchObject({ offline: false, acked: 2 });
    expect(upstream.cases()).toHaveLength(2);
  });

  it('uploads attachments by hash first, in chunks, then the case', async () => {
    const open = await employeeEnrolment(core, {}, 7);
    const file = crypto.randomBytes(600 * 1024);
    const sha256 = crypto.createHash('sha256').update(file).digest('hex');
    const id = (await core.db.db.selectFrom('cases').select('id').where('case_no', '=', open.caseNo).executeTakeFirstOrThrow()).id;
    await core.db.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ status: 'withdrawn' }).where('id', '=', id).execute();
      await enqueueIfClosed(trx, id, { training: false, at: new Date(clock).toISOString(), hall: { regionCode: '410100', name: '测试大厅', counter: 1 }, attachments: { [open.materials[0]!.seq]: [{ sha256, size: file.length, mime: 'image/jpeg' }] } });
    });
    const reads: number[] = [];
    const withFiles = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET }, attachments: { read: async (h, offset, length) => (reads.push(offset), h === sha256 ? file.subarray(offset, offset + length) : null) } });
    await withFiles.runOnce();
    withFiles.stop();
    const [row] = await outbox();
    expect(row!.status).toBe('acked');
    expect(reads).toEqual([0, 262144, 524288]);
    expect(await attempts(row!.id).then((a) => a.map((x) => x.step))).toEqual(['attachment', 'attachment', 'attachment', 'attachment', 'submit']);
  });

  it('a round is one local transaction: when its results cannot be written nothing changes, and the next round sends the same ids once more', async () => {
    for (let n = 1; n <= 5; n++) await refuse(n);
    // The round's single commit fails (every attempt row is refused): no item may move on its own.
    await refuseAttemptRows(true);
    await expect(sync.runOnce()).rejects.toThrow(/disk full/);
    expect((await outbox()).map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 5 }, () => ['pending', 0]));
    expect(upstream.cases()).toHaveLength(5);
    await refuseAttemptRows(false);
    expect(await sync.runOnce()).toMatchObject({ processed: 5, acked: 5 });
    expect((await outbox()).every((r) => r.status === 'acked')).toBe(true);
    // Sent twice under the same ids, stored once.
    expect(upstream.cases()).toHaveLength(5);
    expect(upstream.messages().map((m) => m.deliveries)).toEqual([2, 2, 2, 2, 2]);
  });

  it('drains a backlog round after round without waiting for the poll interval', async () => {
    core.services.settings.update({ upstream: { ...core.services.settings.get().upstream, batchSize: 2, inFlight: 2, pollSeconds: 3600 } });
    for (let n = 1; n <= 7; n++) await refuse(n);
    const delays: number[] = [];
    const timers = { setTimeout: (fn: () => void, ms: number) => (delays.push(ms), setTimeout(fn, ms)), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
    sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now, training: false, random: () => 1, timers, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
    sync.start();
    for (let i = 0; i < 500 && (await sync.status()).pending > 0; i++) await new Promise((r) => setTimeout(r, 20));
    sync.stop();
    expect(upstream.cases()).toHaveLength(7);
    // The loop's first run drains all four rounds (2 + 2 + 2 + 1) back to back, each its own
    // commit: no timer in between; only after the short last round does it wait.
    expect(delays[0]).toBe(0);
    expect(delays.slice(1).every((d) => d >= 50)).toBe(true);
    expect((await outbox()).every((r) => r.status === 'acked')).toBe(true);
    // Rounds overlap on the network, never on items: each case went up exactly once.
    expect(upstream.messages().map((m) => m.deliveries)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('while draining, a round whose commit fails ends the drain: nothing moves, and later rounds send the same ids', async () => {
    core.services.settings.update({ upstream: { ...core.services.settings.get().upstream, batchSize: 2, inFlight: 2, pollSeconds: 3600 } });
    for (let n = 1; n <= 5; n++) await refuse(n);
    await refuseAttemptRows(true);
    const errors: unknown[] = [];
    const logger = { ...core.services.logger, error: (...a: unknown[]) => errors.push(a), info: () => undefined, warn: () => undefined } as never;
    sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
    sync.start();
    for (let i = 0; i < 500 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    sync.stop();
    expect((errors[0] as [{ err: Error }, string])[0].err.message).toMatch(/disk full/);
    // Rounds that were in flight when the first commit failed wrote nothing either.
    expect((await outbox()).map((r) => [r.status, r.attempts])).toEqual(Array.from({ length: 5 }, () => ['pending', 0]));
    await refuseAttemptRows(false);
    for (let i = 0; i < 3; i++) await sync.runOnce();
    expect((await outbox()).every((r) => r.status === 'acked')).toBe(true);
    expect(upstream.cases()).toHaveLength(5);
  });

  it('while draining, a next round that cannot be taken (fetched ahead) ends the drain; rounds already answered still commit', async () => {
    core.services.settings.update({ upstream: { ...core.services.settings.get().upstream, batchSize: 2, inFlight: 2, pollSeconds: 3600 } });
    for (let n = 1; n <= 5; n++) await refuse(n);
    // The first round takes the lease (an insert); renewing it for the next round fails.
    await refuseLeaseRenewal(true);
    const errors: unknown[] = [];
    const logger = { ...core.services.logger, error: (...a: unknown[]) => errors.push(a), info: () => undefined, warn: () => undefined } as never;
    sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
    sync.start();
    for (let i = 0; i < 500 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    sync.stop();
    await refuseLeaseRenewal(false);
    expect((errors[0] as [{ err: Error }, string])[0].err.message).toMatch(/disk full/);
    expect((await outbox()).map((r) => r.status)).toEqual(['acked', 'acked', 'pending', 'pending', 'pending']);
    expect(upstream.cases()).toHaveLength(2);
  });

  it('a round takes the oldest due items of both waiting states, in order, leaving out the items of rounds in progress', async () => {
    for (let n = 1; n <= 6; n++) await refuse(n);
    const rows = await outbox();
    const set = (i: number, status: string, at: string) => core.db.db.updateTable('sync_outbox').set({ status, next_attempt_at: at }).where('id', '=', rows[i]!.id).execute();
    await set(0, 'pending', '2026-03-02T01:20:00.000Z');
    await set(1, 'unknown', '2026-03-02T01:10:00.000Z');
    await set(2, 'pending', '2026-03-02T01:10:00.000Z');
    await set(3, 'acked', '2026-03-02T01:00:00.000Z');
    await set(4, 'unknown', '2026-03-02T02:00:00.000Z'); // not due yet
    await set(5, 'needs_attention', '2026-03-02T01:00:00.000Z');
    const store = createSyncStore(core.db.db);
    const ids = (r: { id: number }[]) => r.map((x) => rows.findIndex((y) => y.id === x.id));
    const at = new Date(clock).toISOString();
    expect(ids(await store.due(at, 10))).toEqual([1, 2, 0]);
    expect(ids(await store.due(at, 2))).toEqual([1, 2]);
    expect(ids(await store.due(at, 10, [rows[1]!.id]))).toEqual([2, 0]);
  });

  it("a round's commit gives each item its own values, also when items set different columns", async () => {
    for (let n = 1; n <= 4; n++) await refuse(n);
    const [a, b, c, d] = await outbox();
    const w = new RoundWrites();
    w.update(a!.id, { status: 'acked', acked_at: '2026-03-02T01:31:00.000Z', upstream_ref: 'UP-1', last_error: null, updated_at: '2026-03-02T01:31:00.000Z' });
    w.update(b!.id, { status: 'acked', acked_at: '2026-03-02T01:32:00.000Z', upstream_ref: null, last_error: null, updated_at: '2026-03-02T01:32:00.000Z' });
    w.update(c!.id, { status: 'unknown', attempts: 2, next_attempt_at: '2026-03-02T02:00:00.000Z', last_error: '无应答', updated_at: '2026-03-02T01:33:00.000Z' });
    await createSyncStore(core.db.db).commitRound(w);
    const pick = (r: Awaited<ReturnType<typeof outbox>>[number]) => [r.status, r.attempts, r.acked_at, r.upstream_ref, r.last_error, r.updated_at];
    expect((await outbox()).map(pick)).toEqual([
      ['acked', 0, '2026-03-02T01:31:00.000Z', 'UP-1', null, '2026-03-02T01:31:00.000Z'],
      ['acked', 0, '2026-03-02T01:32:00.000Z', null, null, '2026-03-02T01:32:00.000Z'],
      ['unknown', 2, null, null, '无应答', '2026-03-02T01:33:00.000Z'],
      pick(d!),
    ]);
  });

  it('start() drains by itself on its timer and stop() ends it', async () => {
    // A whole section: a partial patch resets the section's other keys to defaults (zod 4 partial + default).
    core.services.settings.update({ upstream: { ...core.services.settings.get().upstream, pollSeconds: 1 } });
    await refuse(1);
    const errors: unknown[] = [];
    const logger = { ...core.services.logger, error: (...a: unknown[]) => errors.push(a), info: () => undefined, warn: () => undefined } as never;
    sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET } });
    sync.start();
    for (let i = 0; i < 250 && upstream.cases().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(errors).toEqual([]);
    sync.stop();
    expect(upstream.cases()).toHaveLength(1);
  });
});

/** A trigger that makes every insert into sync_attempts fail (as a full disk would), or its removal. */
async function refuseAttemptRows(on: boolean) {
  const db = core.db.db;
  if (core.db.dialect === 'sqlite') {
    await (on ? sql`CREATE TRIGGER refuse_attempts BEFORE INSERT ON sync_attempts BEGIN SELECT RAISE(ABORT, 'disk full'); END` : sql`DROP TRIGGER refuse_attempts`).execute(db);
  } else if (on) {
    await sql`CREATE FUNCTION refuse_attempts() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER refuse_attempts BEFORE INSERT ON sync_attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempts()`.execute(db);
  } else {
    await sql`DROP TRIGGER refuse_attempts ON sync_attempts`.execute(db);
  }
}

/** A trigger that makes every renewal of a lease fail, or its removal. */
async function refuseLeaseRenewal(on: boolean) {
  const db = core.db.db;
  if (core.db.dialect === 'sqlite') {
    await (on ? sql`CREATE TRIGGER refuse_renewal BEFORE UPDATE ON leases BEGIN SELECT RAISE(ABORT, 'disk full'); END` : sql`DROP TRIGGER refuse_renewal`).execute(db);
  } else if (on) {
    await sql`CREATE FUNCTION refuse_renewal() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER refuse_renewal BEFORE UPDATE ON leases FOR EACH ROW EXECUTE FUNCTION refuse_renewal()`.execute(db);
  } else {
    await sql`DROP TRIGGER refuse_renewal ON leases`.execute(db);
  }
}

async function fetchSigned(method: string, path: string, body: string, msgId: string) {
  const { signedHeaders } = await import('../../electron/core/sync/signing');
  const res = await fetch(`${upstream.url}${path}`, { method, body, headers: { ...signedHeaders({ id: 'hall-1', secret: SECRET, method: 'hmac-sha256' }, { method, path, body }, clock), 'x-medins-msgid': msgId, 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
