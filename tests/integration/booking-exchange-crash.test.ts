import { fork } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { startReferenceUpstream, type ReferenceUpstream } from '../../electron/upstream-ref/server';
import { hallDate } from '../../shared/system/hall-time';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { makeResidentId } from '../fixtures/identity';
import type { LoopMessage } from './procs/booking-exchange-loop';

/**
 * 线上预约 under kill -9: a hall's worker pulls 450 bookings (three pages) of a day that is over
 * and sends their 爽约 back through dropped answers and duplicates, and is killed with SIGKILL
 * again and again in the middle of it. Afterwards the hall holds every booking once and the
 * upstream has exactly one result per booking, each under the id the hall minted for it.
 */

const SECRET = 'hall-secret-for-crash-test-01';
const BUNDLE = path.resolve('test-results/crash/booking-exchange-loop.mjs');
const N = 450;
let upstream: ReferenceUpstream;

beforeAll(async () => {
  await build({ entryPoints: ['tests/integration/procs/booking-exchange-loop.ts'], outfile: BUNDLE, bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'esm', logLevel: 'warning' });
  upstream = await startReferenceUpstream({ dataDir: tempDir('medins-upstream-'), keys: { 'hall-1': SECRET } });
}, 60_000);

afterAll(async () => {
  await upstream.close();
});

/** Runs the worker in a child process until `until()` or `killAfterMs`, then kills it with SIGKILL. */
function runUntilKilled(dataDir: string, killAfterMs: number, until: () => boolean = () => false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(BUNDLE, [dataDir], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env: { ...process.env, MEDINS_UPSTREAM_SECRET: SECRET } });
    let runs = 0;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    child.on('message', (m: LoopMessage) => {
      if (m.kind === 'failed') reject(new Error(`exchange loop failed: ${m.error}`));
      if (m.kind === 'ready') timer = setTimeout(kill, killAfterMs);
      if (m.kind === 'run') {
        runs += 1;
        if (until()) kill();
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(runs);
      else reject(new Error(`exchange loop exited with ${code ?? signal}`));
    });
  });
}

describe('线上预约 exchange under kill -9', () => {
  it('keeps every booking once and sends every result exactly once', async () => {
    const dataDir = tempDir();
    const setup = await preparedCore(dataDir);
    await setup.services.queue.ensureDefaults([1]);
    setup.services.settings.update({ upstream: { enabled: true, url: upstream.url, keyId: 'hall-1', retryCap: 100, backoffBaseSeconds: 1, backoffMaxSeconds: 10, timeoutSeconds: 2 } });
    await setup.close();

    const day = hallDate(Date.now() - 86_400_000); // over: every booking of it is a no-show
    for (let i = 0; i < N; i++) {
      const slot = 9 * 60 + (i % 12) * 30;
      const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      upstream.book({ channel: i % 2 ? '微信' : '支付宝', categoryId: 'A', item: { key: null, name: '参保登记' }, day, slot: { start: hh(slot), end: hh(slot + 30) }, person: { idKind: 'resident', idNumber: makeResidentId({ birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, sex: i % 2 ? '男' : '女', seq: 1 + Math.floor(i / 360) }), name: `测试${i}`, phone: null } });
    }
    // Every answer 15 ms late: the six processes live ≈5.5 s in all, too short to send 450 results
    // one after another, so every kill lands in the middle of the work.
    Object.assign(upstream.faults, { dropAfterCommitRate: 0.2, duplicateRate: 0.2, errorRate: 0.1, delayMs: 15 });
    for (let round = 0; round < 6; round++) await runUntilKilled(dataDir, 300 + round * 250);
    // The killed processes did part of the work, through lost answers (sent again, answered as repeats).
    const during = upstream.bookingEvents();
    console.log(`after 6 kills: ${during.filter((e) => e.status === 'accepted').length} of ${N} results accepted, ${during.filter((e) => e.deliveries > 1).length} delivered more than once`);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((e) => e.status === 'accepted').length).toBeLessThan(N);
    expect(during.some((e) => e.deliveries > 1)).toBe(true);
    // Faults off: one more process, killed as soon as the upstream has every result.
    Object.assign(upstream.faults, { dropAfterCommitRate: 0, duplicateRate: 0, errorRate: 0, delayMs: 0 });
    const accepted = () => upstream.bookingEvents().filter((e) => e.status === 'accepted');
    await runUntilKilled(dataDir, 90_000, () => accepted().length >= N);

    process.env.MEDINS_UPSTREAM_SECRET = SECRET;
    const core = await createCore({ dataDir, runtime: 'test', logToFile: false });
    try {
      // Results the last process sent but did not get to record are settled by asking.
      for (let i = 0; i < 40; i++) {
        const open = await core.db.db.selectFrom('booking_events').select('id').where('status', 'in', ['pending', 'unknown']).execute();
        if (!open.length) break;
        await new Promise((r) => setTimeout(r, 1100));
        await core.services.sync.runOnce();
      }
      const bookings = await core.db.db.selectFrom('bookings').select(['upstream_id']).execute();
      expect(bookings).toHaveLength(N);
      expect(new Set(bookings.map((b) => b.upstream_id)).size).toBe(N);
      const local = await core.db.db.selectFrom('booking_events').select(['msg_id', 'kind', 'status']).execute();
      expect(local).toHaveLength(N);
      expect(local.every((e) => e.kind === 'booking.noShow' && e.status === 'acked')).toBe(true);
      const sent = accepted();
      expect(sent).toHaveLength(N);
      expect(new Set(sent.map((e) => e.bookingId)).size).toBe(N);
      expect(new Set(sent.map((e) => e.msgId))).toEqual(new Set(local.map((e) => e.msg_id)));
      expect(upstream.bookingEvents().filter((e) => e.status !== 'accepted')).toEqual([]);
    } finally {
      delete process.env.MEDINS_UPSTREAM_SECRET;
      await core.close();
    }
  }, 240_000);
});
