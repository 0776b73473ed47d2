import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../electron/core/sync/signing';
import { createUpstreamClient, type UpstreamClient, type UpstreamResult } from '../../../electron/core/sync/client';
import { startReferenceUpstream, type BookingChange, type BookingInput, type ReferenceUpstream } from '../../../electron/upstream-ref/server';
import { makeResidentId } from '../../fixtures/identity';

/** The reference upstream's 预约 endpoint pair (docs/upstream-protocol.md §Bookings), driven by the real signed client. */

const SECRET = 'hall-secret-for-bookings-0001';
const OTHER_SECRET = 'hall-secret-for-bookings-0002';
const DAY = '2026-03-02';

let dir: string;
let upstream: ReferenceUpstream;
let client: UpstreamClient;
const clients: UpstreamClient[] = [];

function clientFor(keyId: string, secret: string): UpstreamClient {
  const c = createUpstreamClient({ url: upstream.url, keyId, secret, signing: 'hmac-sha256', caCertFile: '', timeoutMs: 5000 }, Date.now);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-upstream-bookings-'));
  upstream = await startReferenceUpstream({ dataDir: dir, keys: { 'hall-1': SECRET, 'hall-2': OTHER_SECRET } });
  client = clientFor('hall-1', SECRET);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await upstream.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A made-up person: a fake resident ID number with a valid check digit. */
function booking(n: number, extra: Partial<BookingInput> = {}): BookingInput {
  const start = 9 * 60 + 30 * (n % 14);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {
    categoryId: 'A',
    item: { key: 'employee-enrolment', name: '职工参保登记' },
    day: DAY,
    slot: { start: hhmm(start), end: hhmm(start + 30) },
    person: { idKind: 'resident', idNumber: makeResidentId({ birthDate: '1988-06-15', seq: n, sex: n % 2 ? '男' : '女' }), name: `测试${n}`, phone: '13800000000' },
    channel: '微信',
    ...extra,
  };
}

type Page = { bookings: BookingChange[]; next: number; more: boolean };

function answer(r: UpstreamResult): { status: number; body: unknown } {
  if (r.kind !== 'answer') throw new Error(`no answer: ${r.kind} ${r.error}`);
  return { status: r.status, body: r.body };
}

async function page(after: number, limit: number, c = client): Promise<Page> {
  const a = answer(await c.bookings(after, limit));
  expect(a.status).toBe(200);
  return a.body as Page;
}

function event(msgId: string, b: BookingChange, kind = 'booking.checkedIn', extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    protocol: 'medins-upstream/1',
    msgId,
    kind,
    hall: { regionCode: '410102', name: '测试医保服务大厅', counter: 3 },
    booking: { bookingId: b.bookingId, code: b.code, day: b.day, slot: b.slot },
    at: `${DAY}T01:40:00.000Z`,
    ticket: kind === 'booking.checkedIn' ? 'A012' : null,
    reason: kind === 'booking.cancelled' ? '群众来电取消' : null,
    ...extra,
  });
}

describe('GET /v1/bookings', () => {
  it('pages the changes oldest first with after / limit / next / more', async () => {
    const made = [1, 2, 3, 4, 5].map((n) => upstream.book(booking(n)));
    expect(made.map((b) => b.seq)).toEqual([...made.map((b) => b.seq)].sort((x, y) => x - y));
    for (const b of made) {
      expect(b.bookingId).toMatch(/^UB[0-9A-F]+$/);
      expect(b.code).toMatch(/^W[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/);
    }
    expect(new Set(made.map((b) => b.code)).size).toBe(5);

    const first = await page(0, 2);
    expect(first.bookings.map((b) => b.bookingId)).toEqual([made[0]!.bookingId, made[1]!.bookingId]);
    expect(first).toMatchObject({ next: made[1]!.seq, more: true });
    expect(first.bookings[0]).toEqual({
      seq: made[0]!.seq,
      bookingId: made[0]!.bookingId,
      code: made[0]!.code,
      channel: '微信',
      status: 'booked',
      categoryId: 'A',
      item: { key: 'employee-enrolment', name: '职工参保登记' },
      day: DAY,
      slot: { start: '09:30', end: '10:00' },
      person: { idKind: 'resident', idNumber: booking(1).person.idNumber, name: '测试1', phone: '13800000000' },
      cancelReason: null,
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as unknown,
    });
    const second = await page(first.next, 2);
    expect(second.bookings.map((b) => b.bookingId)).toEqual([made[2]!.bookingId, made[3]!.bookingId]);
    expect(second.more).toBe(true);
    const third = await page(second.next, 2);
    expect(third.bookings.map((b) => b.bookingId)).toEqual([made[4]!.bookingId]);
    expect(third).toMatchObject({ next: made[4]!.seq, more: false });
    // An empty page keeps the cursor where it was.
    expect(await page(third.next, 2)).toEqual({ bookings: [], next: third.next, more: false });
    // Without parameters: from the start, the default limit (200).
    const all = answer(await signedGet('/v1/bookings'));
    expect(all.body).toMatchObject({ next: made[4]!.seq, more: false });
    expect((all.body as Page).bookings).toHaveLength(5);
  });

  it('a cancellation or a move is a new change with a larger seq; the feed shows each booking once, in its latest state', async () => {
    const a = upstream.book(booking(1));
    const b = upstream.book(booking(2));
    const cursor = (await page(0, 10)).next;
    expect(cursor).toBe(b.seq);

    const cancelled = upstream.cancelBooking(a.bookingId, '行程有变');
    expect(cancelled.seq).toBeGreaterThan(b.seq);
    expect(cancelled).toMatchObject({ bookingId: a.bookingId, code: a.code, status: 'cancelled', cancelReason: '行程有变', person: a.person, slot: a.slot });
    const moved = upstream.book({ bookingId: b.bookingId, slot: { start: '15:00', end: '15:30' } });
    expect(moved.seq).toBeGreaterThan(cancelled.seq);
    expect(moved).toMatchObject({ code: b.code, status: 'booked', slot: { start: '15:00', end: '15:30' }, person: b.person });

    const after = await page(cursor, 10);
    expect(after.bookings.map((x) => [x.bookingId, x.status, x.seq])).toEqual([
      [a.bookingId, 'cancelled', cancelled.seq],
      [b.bookingId, 'booked', moved.seq],
    ]);
    expect((await page(0, 10)).bookings).toHaveLength(2);
    expect(upstream.bookingChanges().map((x) => x.seq)).toEqual([cancelled.seq, moved.seq]);
    expect(() => upstream.cancelBooking('UB-NONE', null)).toThrow(/未找到预约/);
  });

  it("shows a hall only its own key's bookings", async () => {
    const mine = upstream.book(booking(1));
    const theirs = upstream.book(booking(2), 'hall-2');
    const other = clientFor('hall-2', OTHER_SECRET);
    expect((await page(0, 500)).bookings.map((b) => b.bookingId)).toEqual([mine.bookingId]);
    expect((await page(0, 500, other)).bookings.map((b) => b.bookingId)).toEqual([theirs.bookingId]);
    expect(upstream.bookingChanges('hall-2').map((b) => b.bookingId)).toEqual([theirs.bookingId]);
    // A booking of another key cannot be taken over by an update under this key.
    expect(() => upstream.book({ bookingId: theirs.bookingId, day: '2026-03-03' }, 'hall-1')).toThrow(/属于其他单位/);
  });

  it('answers 400 BAD_PARAMS to a bad after or limit', async () => {
    for (const query of ['after=-1&limit=10', 'after=abc&limit=10', 'after=1.5&limit=10', 'after=0&limit=0', 'after=0&limit=501', 'after=0&limit=', 'after=0&limit=x']) {
      const r = answer(await signedGet(`/v1/bookings?${query}`));
      expect(r.status, query).toBe(400);
      expect(r.body, query).toMatchObject({ status: 'rejected', code: 'BAD_PARAMS', reason: expect.stringMatching(/参数 (after|limit)/) as unknown });
    }
    expect(answer(await client.bookings(0, 500)).status).toBe(200);
    expect(answer(await client.bookings(0, 1)).status).toBe(200);
  });

  it('is refused (401) unsigned, with a wrong secret, or with an unknown key', async () => {
    const bare = await fetch(`${upstream.url}/v1/bookings?after=0&limit=10`);
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ status: 'rejected', code: 'SIGNATURE' });
    expect(answer(await clientFor('hall-1', 'not-the-secret').bookings(0, 10)).status).toBe(401);
    expect(answer(await clientFor('hall-9', SECRET).bookings(0, 10)).status).toBe(401);
    // A signature over the path WITH the query is not the protocol's: refused too.
    expect(answer(await signedGet('/v1/bookings?after=0&limit=10', true)).status).toBe(401);
  });

  it('answers 500 under the errorRate fault', async () => {
    upstream.book(booking(1));
    upstream.faults.errorRate = 1;
    expect(answer(await client.bookings(0, 10)).status).toBe(500);
    upstream.faults.errorRate = 0;
    expect((await page(0, 10)).bookings).toHaveLength(1);
  });
});

describe('POST /v1/booking-events', () => {
  it('accepts an event once; a repeat of its msgId is accepted as a duplicate; the status query answers it', async () => {
    const b = upstream.book(booking(1));
    const msgId = crypto.randomUUID();
    expect(answer(await client.bookingEventStatus(msgId))).toMatchObject({ status: 404 });

    expect(answer(await client.submitBookingEvent(msgId, event(msgId, b)))).toEqual({ status: 200, body: { msgId, status: 'accepted', duplicate: false } });
    expect(answer(await client.submitBookingEvent(msgId, event(msgId, b)))).toEqual({ status: 200, body: { msgId, status: 'accepted', duplicate: true } });
    // Even changed, an accepted id keeps its answer.
    expect(answer(await client.submitBookingEvent(msgId, event(msgId, b, 'booking.noShow')))).toEqual({ status: 200, body: { msgId, status: 'accepted', duplicate: true } });

    const status = answer(await client.bookingEventStatus(msgId));
    expect(status).toEqual({ status: 200, body: { msgId, status: 'accepted', reason: null, receivedAt: expect.any(String) as unknown } });
    expect(upstream.bookingEvents()).toEqual([
      expect.objectContaining({ msgId, bookingId: b.bookingId, kind: 'booking.checkedIn', status: 'accepted', deliveries: 3, body: JSON.parse(event(msgId, b)) as unknown }),
    ]);
    // Another key neither sees the event nor may reuse its id.
    const other = clientFor('hall-2', OTHER_SECRET);
    expect(answer(await other.bookingEventStatus(msgId)).status).toBe(404);
    expect(answer(await other.submitBookingEvent(msgId, event(msgId, b)))).toMatchObject({ status: 409, body: { status: 'rejected', code: 'MSGID_TAKEN' } });
  });

  it('refuses (422) a second, different event for the same booking and an event for an unknown booking, and keeps them for the status query', async () => {
    const b = upstream.book(booking(1));
    const first = crypto.randomUUID();
    expect(answer(await client.submitBookingEvent(first, event(first, b, 'booking.cancelled'))).status).toBe(200);

    const second = crypto.randomUUID();
    expect(answer(await client.submitBookingEvent(second, event(second, b, 'booking.checkedIn')))).toEqual({ status: 422, body: { msgId: second, status: 'rejected', code: 'BOOKING_SETTLED', reason: '该预约已有结果' } });
    expect(answer(await client.bookingEventStatus(second))).toMatchObject({ status: 200, body: { msgId: second, status: 'rejected', reason: '该预约已有结果' } });

    const unknown = crypto.randomUUID();
    const ghost = { ...b, bookingId: 'UB000000' };
    expect(answer(await client.submitBookingEvent(unknown, event(unknown, ghost)))).toEqual({ status: 422, body: { msgId: unknown, status: 'rejected', code: 'UNKNOWN_BOOKING', reason: '未找到该预约' } });
    // Another key's booking is unknown to this key.
    const theirs = upstream.book(booking(2), 'hall-2');
    const foreign = crypto.randomUUID();
    expect(answer(await client.submitBookingEvent(foreign, event(foreign, theirs)))).toMatchObject({ status: 422, body: { reason: '未找到该预约' } });

    expect(upstream.bookingEvents().map((e) => [e.msgId, e.status])).toEqual([
      [first, 'accepted'],
      [second, 'rejected'],
      [unknown, 'rejected'],
      [foreign, 'rejected'],
    ]);
  });

  it('validates msgId and kind; a rejected event corrected under the same id is accepted', async () => {
    const b = upstream.book(booking(1));
    const msgId = crypto.randomUUID();
    expect(answer(await client.submitBookingEvent(msgId, event(crypto.randomUUID(), b)))).toMatchObject({ status: 422, body: { code: 'MSGID_MISMATCH', reason: '报文体中的 msgId 与报文头不一致' } });
    const bad = answer(await client.submitBookingEvent(msgId, event(msgId, b, 'booking.done')));
    expect(bad).toMatchObject({ status: 422, body: { status: 'rejected', code: 'BAD_KIND', reason: expect.stringContaining('事件类型') as unknown } });
    expect(answer(await client.submitBookingEvent(msgId, event(msgId, b, 'booking.noShow')))).toEqual({ status: 200, body: { msgId, status: 'accepted', duplicate: false } });
    expect(upstream.bookingEvents()).toEqual([expect.objectContaining({ msgId, kind: 'booking.noShow', status: 'accepted', deliveries: 3 })]);
  });

  it('answers 400 without a msgid header or with a body that is not JSON, and 401 unsigned', async () => {
    const b = upstream.book(booking(1));
    const noHeader = await signedPost('/v1/booking-events', event('m-1', b), {});
    expect(answer(noHeader)).toMatchObject({ status: 400, body: { code: 'NO_MSGID' } });
    expect(answer(await client.submitBookingEvent('m-2', '{not json'))).toMatchObject({ status: 400, body: { code: 'BAD_JSON' } });
    // JSON that is not an object is refused the same way, for booking events and case messages alike (not a 500).
    expect(answer(await client.submitBookingEvent('m-2', 'null'))).toMatchObject({ status: 400, body: { code: 'BAD_JSON', reason: '报文应为 JSON 对象' } });
    expect(answer(await client.submit('m-4', '[1,2]'))).toMatchObject({ status: 400, body: { code: 'BAD_JSON', reason: '报文应为 JSON 对象' } });
    const bare = await fetch(`${upstream.url}/v1/booking-events`, { method: 'POST', headers: { 'x-medins-msgid': 'm-3' }, body: event('m-3', b) });
    expect(bare.status).toBe(401);
    expect(answer(await clientFor('hall-1', 'not-the-secret').bookingEventStatus('m-3')).status).toBe(401);
    expect(upstream.bookingEvents()).toEqual([]);
  });

  it('applies the faults: 500 before storing, processed twice, stored then dropped', async () => {
    const b = upstream.book(booking(1));
    const m1 = crypto.randomUUID();
    upstream.faults.errorRate = 1;
    expect(answer(await client.submitBookingEvent(m1, event(m1, b))).status).toBe(500);
    expect(upstream.bookingEvents()).toEqual([]);
    upstream.faults.errorRate = 0;

    upstream.faults.duplicateRate = 1;
    expect(answer(await client.submitBookingEvent(m1, event(m1, b)))).toMatchObject({ status: 200, body: { duplicate: false } });
    expect(upstream.bookingEvents()[0]).toMatchObject({ msgId: m1, deliveries: 2 });
    upstream.faults.duplicateRate = 0;

    const c = upstream.book(booking(2));
    const m2 = crypto.randomUUID();
    upstream.faults.dropAfterCommitRate = 1;
    expect((await client.submitBookingEvent(m2, event(m2, c))).kind).toBe('unknown');
    upstream.faults.dropAfterCommitRate = 0;
    expect(answer(await client.bookingEventStatus(m2))).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(answer(await client.submitBookingEvent(m2, event(m2, c)))).toMatchObject({ status: 200, body: { duplicate: true } });
  });
});

describe('POST /_bookings (loopback admin)', () => {
  it('creates and updates bookings for a key and answers the stored changes', async () => {
    const post = (body: unknown) => fetch(`${upstream.url}/_bookings`, { method: 'POST', body: JSON.stringify(body) });
    const created = await post({ bookings: [booking(1), booking(2, { bookingId: 'UB42', code: 'W2345678', channel: '支付宝' })] });
    expect(created.status).toBe(200);
    const { bookings } = (await created.json()) as { bookings: BookingChange[] };
    expect(bookings).toHaveLength(2);
    expect(bookings[0]).toMatchObject({ bookingId: expect.stringMatching(/^UB/) as unknown, code: expect.stringMatching(/^W.{7}$/) as unknown, status: 'booked', channel: '微信' });
    expect(bookings[1]).toMatchObject({ bookingId: 'UB42', code: 'W2345678', channel: '支付宝' });
    expect((await page(0, 10)).bookings.map((b) => b.bookingId)).toEqual([bookings[0]!.bookingId, 'UB42']);

    const cancelled = await post({ bookings: [{ bookingId: 'UB42', status: 'cancelled', cancelReason: '临时有事' }] });
    expect(await cancelled.json()).toMatchObject({ bookings: [{ bookingId: 'UB42', status: 'cancelled', cancelReason: '临时有事', code: 'W2345678', seq: bookings[1]!.seq + 1 }] });

    const forOther = await post({ keyId: 'hall-2', bookings: [booking(3)] });
    expect(forOther.status).toBe(200);
    expect((await page(0, 10, clientFor('hall-2', OTHER_SECRET))).bookings).toHaveLength(1);
    expect((await page(0, 10)).bookings).toHaveLength(2);
  });

  it('refuses malformed input whole (400), and unknown keys', async () => {
    const post = (body: string) => fetch(`${upstream.url}/_bookings`, { method: 'POST', body });
    expect((await post('{nope')).status).toBe(400);
    expect((await post(JSON.stringify({ bookings: 'x' }))).status).toBe(400);
    const missing = await post(JSON.stringify({ bookings: [booking(1), { categoryId: 'A' }] }));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ reason: expect.stringContaining('预约缺少') as unknown });
    expect(upstream.bookingChanges()).toEqual([]); // the valid first one was not kept either
    expect((await post(JSON.stringify({ keyId: 'hall-9', bookings: [booking(1)] }))).status).toBe(400);
  });
});

/** A GET signed like the client, but sent with fetch (so bad queries reach the server as written). */
async function signedGet(pathAndQuery: string, signQuery = false): Promise<UpstreamResult> {
  const signed = signQuery ? pathAndQuery : pathAndQuery.split('?')[0]!;
  const headers = signedHeaders({ id: 'hall-1', secret: SECRET, method: 'hmac-sha256' }, { method: 'GET', path: signed, body: '' }, Date.now());
  const res = await fetch(`${upstream.url}${pathAndQuery}`, { headers });
  return { kind: 'answer', status: res.status, body: (await res.json()) as unknown, headers: {} };
}

async function signedPost(route: string, body: string, extra: Record<string, string>): Promise<UpstreamResult> {
  const headers = { ...extra, 'content-type': 'application/json', ...signedHeaders({ id: 'hall-1', secret: SECRET, method: 'hmac-sha256' }, { method: 'POST', path: route, body }, Date.now()) };
  const res = await fetch(`${upstream.url}${route}`, { method: 'POST', headers, body });
  return { kind: 'answer', status: res.status, body: (await res.json()) as unknown, headers: {} };
}
