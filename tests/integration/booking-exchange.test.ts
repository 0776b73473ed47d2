import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { createSyncService, type SyncService } from '../../electron/core/sync/worker';
import { createSyncStore } from '../../electron/core/sync/store';
import { createBookingExchange } from '../../electron/core/appointments/exchange';
import { createUpstreamClient, type UpstreamClient, type UpstreamResult } from '../../electron/core/sync/client';
import { startReferenceUpstream, type ReferenceUpstream } from '../../electron/upstream-ref/server';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { makeResidentId } from '../fixtures/identity';

/**
 * 预约 exchange with the upstream (docs/upstream-protocol.md §Bookings), on the reference
 * upstream: bookings pulled, check-ins / no-shows / cancellations sent back exactly once, through
 * errors, timeouts, dropped answers, duplicates and the upstream being away.
 */

const SECRET = 'hall-secret-for-bookings-01';
const MANAGER = { id: 3, name: 'queue1', transport: 'direct' };
const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };
const KIOSK = { id: null, name: 'device:kiosk', transport: 'direct' };
const DAY = '2026-11-23';

let t = 0;
const now = () => t;
const at = (hhmm: string) => (t = Date.parse(`${DAY}T${hhmm}:00+08:00`));
let core: Core;
let upstream: ReferenceUpstream;
let upstreamDir: string;
let sync: SyncService;
let port = 0;

const person = (seq: number) => ({ idKind: 'resident' as const, idNumber: makeResidentId({ birthDate: '1975-06-07', sex: '男', seq }), name: `线上${seq}`, phone: '13800000000' });
const online = (seq: number, slot: [string, string], extra: Record<string, unknown> = {}) =>
  upstream.book({ channel: '微信', categoryId: 'A', item: { key: '002036001002', name: '职工参保登记' }, day: DAY, slot: { start: slot[0], end: slot[1] }, person: person(seq), ...extra });
const local = (code: string) => core.db.db.selectFrom('bookings').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const events = () => core.db.db.selectFrom('booking_events').selectAll().orderBy('id').execute();
/** Runs of the worker until nothing is waiting, with the clock moved past every back-off. */
async function drain(runs = 30) {
  for (let i = 0; i < runs; i++) {
    await sync.runOnce();
    const waiting = (await events()).filter((e) => e.status === 'pending' || e.status === 'unknown');
    if (!waiting.length) return;
    t += 11 * 60_000;
  }
}

async function startUpstream() {
  upstream = await startReferenceUpstream({ dataDir: upstreamDir, keys: { 'hall-1': SECRET }, port, now });
  port = upstream.port;
}

beforeEach(async () => {
  at('08:00');
  port = 0;
  core = await preparedCore(tempDir(), { now });
  await core.services.queue.ensureDefaults([1]);
  await core.services.queue.saveCounter(CLERK, { number: 1, name: '', categories: ['A', 'B'] });
  await core.services.appointments.savePlan(MANAGER, { categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 2, hours: [['09:00', '12:00']], checkInEarlyMinutes: 30 });
  upstreamDir = tempDir('medins-upstream-');
  await startUpstream();
  core.services.settings.update({ upstream: { enabled: true, url: upstream.url, keyId: 'hall-1', retryCap: 20, backoffBaseSeconds: 10, backoffMaxSeconds: 600, timeoutSeconds: 1 } });
  sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now, training: false, random: () => 1, env: { MEDINS_UPSTREAM_SECRET: SECRET }, exchanges: [core.services.appointments.exchange] });
}, 30_000);

afterEach(async () => {
  sync.stop();
  await upstream.close().catch(() => undefined);
  await core.close();
});

describe('pulling 线上预约', () => {
  it('stores the bookings made online, skips what the hall cannot take with its reason, and follows later changes', async () => {
    const a = await online(1, ['09:00', '09:30']);
    const b = await online(2, ['10:00', '10:30'], { channel: '政务服务网' });
    const badId = person(3);
    await online(3, ['10:00', '10:30'], { person: { ...badId, idNumber: `${badId.idNumber.slice(0, 17)}${badId.idNumber.endsWith('0') ? '1' : '0'}` } });
    await online(4, ['10:00', '10:30'], { categoryId: 'Q' });
    await sync.runOnce();

    const list = await core.services.appointments.list(DAY);
    expect(list.map((x) => [x.code, x.source, x.channel, x.state, x.slotStart])).toEqual([
      [a.code, 'upstream', '微信', 'booked', '09:00'],
      [b.code, 'upstream', '政务服务网', 'booked', '10:00'],
    ]);
    expect(list[0]!.name).toContain('*');
    const status = await core.services.appointments.exchangeStatus();
    expect(status).toMatchObject({ skipped: 2, lastPullError: null });
    expect(status.lastPullAt).not.toBeNull();
    expect(status.problems.join('\n')).toContain('证件号码无效');
    expect(status.problems.join('\n')).toContain('本厅没有业务类别“Q”');
    // Pulled bookings take places like any other.
    expect((await core.services.appointments.slots(DAY, 'A')).slots.find((s) => s.start === '10:00')?.booked).toBe(1);

    // The citizen moves one booking and cancels the other online: the next run follows both.
    await online(1, ['11:00', '11:30'], { bookingId: a.bookingId, code: a.code });
    await upstream.cancelBooking(b.bookingId, '行程有变');
    await sync.runOnce();
    const after = await core.services.appointments.list(DAY);
    expect(after.map((x) => [x.code, x.state, x.slotStart])).toEqual([
      [b.code, 'cancelled', '10:00'],
      [a.code, 'booked', '11:00'],
    ]);
    expect((await local(b.code)).cancel_reason).toBe('行程有变');
    // Applying the same pages again (a crash before the cursor moved) changes nothing.
    await createSyncStore(core.db.db).setState('bookings.after', '0');
    await sync.runOnce();
    expect(await core.services.appointments.list(DAY)).toEqual(after);
    expect(Number((await core.db.db.selectFrom('bookings').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(2);
    // Cancelled online: nothing to send back.
    expect(await events()).toEqual([]);
    // Each stored page has its audit entry.
    expect((await core.services.audit.list({ action: 'appointment.pull' })).entries.length).toBeGreaterThanOrEqual(2);
  });

  it('a booking checked in here keeps its check-in when the upstream later says cancelled', async () => {
    const a = await online(1, ['09:00', '09:30']);
    await sync.runOnce();
    at('09:05');
    await core.services.appointments.checkIn(KIOSK, { idNumber: person(1).idNumber });
    await upstream.cancelBooking(a.bookingId, '迟到自动取消');
    await sync.runOnce();
    expect((await core.services.appointments.list(DAY))[0]).toMatchObject({ state: 'checkedIn', upstream: { status: 'acked' } });
  });
});

describe('sending results back', () => {
  it('a check-in, a cancellation at the 引导台 and a no-show each go up once; telephone bookings stay here', async () => {
    const a = await online(1, ['09:00', '09:30']);
    const b = await online(2, ['10:00', '10:30']);
    const c = await online(3, ['10:00', '10:30']);
    const phone = await core.services.appointments.book(MANAGER, { person: person(4), categoryId: 'A', itemName: '参保登记', day: DAY, slotStart: '11:00' });
    await sync.runOnce();

    at('09:10');
    const checkIn = await core.services.appointments.checkIn(KIOSK, { idNumber: person(1).idNumber });
    // The event was written with the check-in, in its transaction.
    expect((await events()).map((e) => [e.kind, e.status])).toEqual([['booking.checkedIn', 'pending']]);
    await core.services.appointments.cancel(MANAGER, (await local(b.code)).id, '本人来电取消');
    at('10:45'); // c's slot 10:00–10:30 is over without a check-in
    expect((await core.services.appointments.checkIn(KIOSK, { code: phone.code })).outcome).toBe('booked');
    await sync.runOnce();
    await sync.runOnce(); // a second sweep finds the same no-show: nothing new

    const sent = upstream.bookingEvents();
    expect(sent.map((e) => [e.bookingId, e.kind, e.status]).sort()).toEqual(
      [
        [a.bookingId, 'booking.checkedIn', 'accepted'],
        [b.bookingId, 'booking.cancelled', 'accepted'],
        [c.bookingId, 'booking.noShow', 'accepted'],
      ].sort(),
    );
    const body = (id: string) => sent.find((e) => e.bookingId === id)!.body as { ticket: string | null; reason: string | null; at: string; booking: { code: string } };
    expect(body(a.bookingId)).toMatchObject({ ticket: checkIn.take.ticket.label, booking: { code: a.code } });
    expect(body(b.bookingId).reason).toBe('本人来电取消');
    expect(body(c.bookingId).at).toBe(new Date(`${DAY}T10:30:00+08:00`).toISOString());
    expect((await events()).every((e) => e.status === 'acked')).toBe(true);
    expect(await core.services.appointments.exchangeStatus()).toMatchObject({ pending: 0, acked: 3, needsAttention: 0 });
  });

  it('a booking for a day already swept (pulled late, after the hall was offline) still becomes a no-show', async () => {
    await sync.runOnce(); // the sweep has passed every day before today
    const late = await online(1, ['09:00', '09:30'], { day: '2026-11-20' });
    await sync.runOnce(); // pulled, and the sweep goes back to its day
    await sync.runOnce();
    expect(upstream.bookingEvents().map((e) => [e.bookingId, e.kind])).toEqual([[late.bookingId, 'booking.noShow']]);
  });

  it('with the upstream away, check-ins wait in the outbox and go up once it is back', async () => {
    await online(1, ['09:00', '09:30']);
    await sync.runOnce();
    await upstream.close();
    at('09:05');
    await core.services.appointments.checkIn(KIOSK, { idNumber: person(1).idNumber });
    const r = await sync.runOnce();
    expect(r.offline).toBe(true);
    expect((await events()).map((e) => [e.status, e.attempts])).toEqual([['pending', 0]]);
    await startUpstream();
    t += 6 * 60_000; // past the health probe's back-off
    await drain();
    expect(upstream.bookingEvents().map((e) => e.kind)).toEqual(['booking.checkedIn']);
    expect((await events())[0]).toMatchObject({ status: 'acked' });
  });

  it('errors, dropped answers, slow answers and duplicates lose no result and duplicate none', async () => {
    const booked = [];
    for (let i = 1; i <= 12; i++) booked.push(await online(i, [i % 2 ? '09:00' : '09:30', i % 2 ? '09:30' : '10:00']));
    await sync.runOnce();
    at('09:20');
    for (let i = 1; i <= 12; i += 2) await core.services.appointments.checkIn(KIOSK, { idNumber: person(i).idNumber });
    // Answers slower than the client waits: the upstream stores them, the hall does not know.
    upstream.faults.delayMs = 1300;
    await sync.runOnce();
    upstream.faults.delayMs = 0;
    expect((await events()).map((e) => e.status)).toEqual(Array(6).fill('unknown'));
    at('10:05'); // the 09:30–10:00 bookings were missed
    Object.assign(upstream.faults, { errorRate: 0.3, dropAfterCommitRate: 0.3, duplicateRate: 0.3 });
    await drain();
    Object.assign(upstream.faults, { errorRate: 0, dropAfterCommitRate: 0, duplicateRate: 0 });
    await drain();
    const sent = upstream.bookingEvents().filter((e) => e.status === 'accepted');
    expect(sent).toHaveLength(12);
    expect(new Set(sent.map((e) => e.bookingId)).size).toBe(12);
    expect(sent.filter((e) => e.kind === 'booking.checkedIn')).toHaveLength(6);
    const local = await events();
    expect(local.every((e) => e.status === 'acked')).toBe(true);
    // Every result went up under the id minted with it: none was sent again under a new one.
    expect(new Set(local.map((e) => e.msg_id))).toEqual(new Set(sent.map((e) => e.msgId)));
  }, 60_000);

  it('a result the upstream refuses is shown with its reason and can be sent again', async () => {
    const a = await online(1, ['09:00', '09:30']);
    await sync.runOnce();
    at('09:05');
    await core.services.appointments.checkIn(KIOSK, { idNumber: person(1).idNumber });
    // Another system settled the booking upstream first (same protocol, another message): ours is refused.
    const other = createUpstreamClient({ url: upstream.url, keyId: 'hall-1', secret: SECRET, signing: 'hmac-sha256', caCertFile: '', timeoutMs: 2000 }, now);
    const msgId = crypto.randomUUID();
    const first = await other.submitBookingEvent(msgId, JSON.stringify({ protocol: 'medins-upstream/1', msgId, kind: 'booking.cancelled', hall: { regionCode: '410100', name: '测试', counter: 9 }, booking: { bookingId: a.bookingId, code: a.code, day: DAY, slot: { start: '09:00', end: '09:30' } }, at: new Date(t).toISOString(), ticket: null, reason: '测试' }));
    other.close();
    expect(first).toMatchObject({ kind: 'answer', status: 200 });
    await sync.runOnce();
    const [row] = await core.services.appointments.list(DAY);
    expect(row!.upstream).toMatchObject({ status: 'rejected', lastError: expect.stringContaining('该预约已有结果') });
    expect(await core.services.appointments.exchangeStatus()).toMatchObject({ rejected: 1 });
    await core.services.appointments.resendResult(MANAGER, row!.id);
    expect((await events())[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await core.services.audit.list({ action: 'appointment.resend' })).entries).toHaveLength(1);
  });
});

describe('bad answers from the upstream', () => {
  const answer = (status: number, body: unknown): UpstreamResult => ({ kind: 'answer', status, body, headers: {} });
  const fakeClient = (pages: UpstreamResult[]) => ({ bookings: () => Promise.resolve(pages.shift() ?? answer(200, { bookings: [], next: 0, more: false })) }) as unknown as UpstreamClient;

  it('a malformed page stores nothing and keeps the cursor; a malformed booking is skipped and the rest stored', async () => {
    const exchange = createBookingExchange({ db: core.db.db, settings: core.services.settings, audit: core.services.audit, logger: core.services.logger, now });
    const ctx = (pages: UpstreamResult[]) => ({ client: fakeClient(pages), backoffMs: () => 1000, retryCap: 3 });
    await exchange.run(ctx([answer(200, { bookings: 'nonsense', next: 9 })]));
    expect((await exchange.status()).lastPullError).toBe('上级平台返回的预约数据格式不正确，已记录日志');
    expect(await createSyncStore(core.db.db).getState('bookings.after')).toBeNull();

    const good = { seq: 5, bookingId: 'UB5', code: 'W2345678', channel: '支付宝', status: 'booked', categoryId: 'A', item: { key: null, name: '参保登记' }, day: DAY, slot: { start: '09:00', end: '09:30' }, person: person(7), cancelReason: null, updatedAt: new Date(t).toISOString() };
    await exchange.run(ctx([answer(200, { bookings: [{ seq: 4, bookingId: 'UB4', code: 'x'.repeat(5000) }, good, { ...good, seq: 6, bookingId: 'UB6', slot: { start: '10:00', end: '09:30' } }], next: 6, more: false })]));
    expect((await core.services.appointments.list(DAY)).map((b) => b.code)).toEqual(['W2345678']);
    const status = await exchange.status();
    expect(status).toMatchObject({ skipped: 2, lastPullError: null });
    expect(status.problems.join('\n')).toContain('UB4：预约数据格式不正确（code）');
    expect(status.problems.join('\n')).toContain('UB6：预约时段 10:00–09:30 不正确');
    expect(await createSyncStore(core.db.db).getState('bookings.after')).toBe('6');

    await exchange.run(ctx([answer(503, { reason: '维护中' })]));
    expect((await exchange.status()).lastPullError).toBe('拉取线上预约失败：HTTP 503 维护中');
    expect(await createSyncStore(core.db.db).getState('bookings.after')).toBe('6');
  });
});
