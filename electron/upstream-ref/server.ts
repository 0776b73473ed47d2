import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import Database from 'better-sqlite3';
import { MAX_CLOCK_SKEW_MS, verifyRequest } from '../core/sync/signing';

/**
 * The reference upstream (docs/upstream-protocol.md): implements the protocol on its own SQLite
 * file, for development, pilots and tests. Plain Node http + better-sqlite3. Faults can be
 * switched on at start or at run time (POST /_faults from loopback) to exercise the client.
 */
export interface Faults {
  /** Answer every request this much later (slow responses; beyond the client's timeout = timeouts). */
  delayMs: number;
  /** Share of submits answered 500 before anything is stored. */
  errorRate: number;
  /** Share of submits stored, then the connection dropped without an answer. */
  dropAfterCommitRate: number;
  /** Share of submits processed twice, as if the network delivered them twice. */
  duplicateRate: number;
  /** Case numbers that always get 500 (a poison item). */
  failCaseNos: string[];
  /** Case numbers refused with 422 and a reason. */
  rejectCaseNos: string[];
}

export const NO_FAULTS: Faults = { delayMs: 0, errorRate: 0, dropAfterCommitRate: 0, duplicateRate: 0, failCaseNos: [], rejectCaseNos: [] };
const FINAL = new Set(['completed', 'refused', 'rejected', 'withdrawn']);
const BOOKING_EVENT_KINDS = new Set(['booking.checkedIn', 'booking.noShow', 'booking.cancelled']);
/** Booking codes: no 0/O/1/I/L (read over the telephone, typed at the kiosk). */
const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A booking made on the province's channels, as the admin route and `book()` take it (docs/upstream-protocol.md §Bookings). */
export interface BookingInput {
  /** Given: create or update that booking; missing: a new one (`UB…`). */
  bookingId?: string;
  /** Missing: 8 characters starting with `W`. */
  code?: string;
  /** Default 政务服务网. */
  channel?: string;
  status?: 'booked' | 'cancelled';
  categoryId: string;
  item: { key?: string | null; name: string };
  day: string;
  slot: { start: string; end: string };
  person: { idKind: string; idNumber: string; name: string; phone?: string | null };
  cancelReason?: string | null;
}

/** One element of `GET /v1/bookings`'s `bookings`. */
export interface BookingChange {
  seq: number;
  bookingId: string;
  code: string;
  channel: string;
  status: 'booked' | 'cancelled';
  categoryId: string;
  item: { key: string | null; name: string };
  day: string;
  slot: { start: string; end: string };
  person: { idKind: string; idNumber: string; name: string; phone: string | null };
  cancelReason: string | null;
  updatedAt: string;
}

type BookingRow = { booking_id: string; key_id: string; seq: number; code: string; channel: string; status: 'booked' | 'cancelled'; category_id: string; item_key: string | null; item_name: string; day: string; slot_start: string; slot_end: string; id_kind: string; id_number: string; name: string; phone: string | null; cancel_reason: string | null; updated_at: string };

function toChange(r: BookingRow): BookingChange {
  return { seq: r.seq, bookingId: r.booking_id, code: r.code, channel: r.channel, status: r.status, categoryId: r.category_id, item: { key: r.item_key, name: r.item_name }, day: r.day, slot: { start: r.slot_start, end: r.slot_end }, person: { idKind: r.id_kind, idNumber: r.id_number, name: r.name, phone: r.phone }, cancelReason: r.cancel_reason, updatedAt: r.updated_at };
}

/** A booking the admin route or `book()` cannot store (answered 400 by the route). */
export class BookingInputError extends Error {}

export interface ReferenceUpstreamOptions {
  dataDir: string;
  /** keyId → secret */
  keys: Record<string, string>;
  host?: string;
  port?: number;
  faults?: Partial<Faults>;
  now?: () => number;
  random?: () => number;
}

export async function startReferenceUpstream(options: ReferenceUpstreamOptions) {
  fs.mkdirSync(path.join(options.dataDir, 'attachments'), { recursive: true });
  const db = new Database(path.join(options.dataDir, 'upstream.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS messages (msg_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, case_no TEXT, status TEXT NOT NULL, reason TEXT, case_ref TEXT, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1);
    CREATE TABLE IF NOT EXISTS cases (case_ref TEXT PRIMARY KEY, key_id TEXT NOT NULL, case_no TEXT NOT NULL, msg_id TEXT NOT NULL, body TEXT NOT NULL, received_at TEXT NOT NULL, UNIQUE (key_id, case_no));
    CREATE TABLE IF NOT EXISTS attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, received INTEGER NOT NULL DEFAULT 0, complete INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS nonces (key_id TEXT NOT NULL, nonce TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (key_id, nonce));
    -- Every request prunes nonces older than the skew window: without this index that was a scan
    -- of all nonces of the last ten minutes per request, slower with every request received.
    CREATE INDEX IF NOT EXISTS nonces_at ON nonces (at);
    -- 预约: one row per booking in its latest state; every change gives it seq = max + 1 (global,
    -- so increasing per key too), and GET /v1/bookings pages by (key_id, seq).
    CREATE TABLE IF NOT EXISTS bookings (booking_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, seq INTEGER NOT NULL UNIQUE, code TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled')), category_id TEXT NOT NULL, item_key TEXT, item_name TEXT NOT NULL, day TEXT NOT NULL, slot_start TEXT NOT NULL, slot_end TEXT NOT NULL, id_kind TEXT NOT NULL, id_number TEXT NOT NULL, name TEXT NOT NULL, phone TEXT, cancel_reason TEXT, updated_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS bookings_key_seq ON bookings (key_id, seq);
    CREATE TABLE IF NOT EXISTS booking_events (msg_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, booking_id TEXT, kind TEXT, status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')), reason TEXT, body TEXT NOT NULL, received_at TEXT NOT NULL, deliveries INTEGER NOT NULL DEFAULT 1);
    CREATE INDEX IF NOT EXISTS booking_events_booking ON booking_events (booking_id, status);
  `);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const stats = { requests: 0, submits: 0, bookingPulls: 0, bookingEvents: 0, startedAt: now() };

  const seenNonce = db.transaction((keyId: string, nonce: string, at: number) => {
    db.prepare('DELETE FROM nonces WHERE at < ?').run(at - 2 * MAX_CLOCK_SKEW_MS);
    const r = db.prepare('INSERT OR IGNORE INTO nonces (key_id, nonce, at) VALUES (?, ?, ?)').run(keyId, nonce, at);
    return r.changes === 0;
  });

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  /** Stores a case message once per msgId, and once per (hall key, case number). */
  const ingest = db.transaction((keyId: string, msgId: string, msg: Record<string, unknown>): Answer => {
    const existing = db.prepare('SELECT * FROM messages WHERE msg_id = ?').get(msgId) as { status: string; reason: string | null; case_ref: string | null; key_id: string } | undefined;
    if (existing && existing.key_id !== keyId) return { status: 409, body: { status: 'rejected', code: 'MSGID_TAKEN', reason: '报文编号已被其他单位使用' } };
    if (existing?.status === 'accepted') {
      db.prepare('UPDATE messages SET deliveries = deliveries + 1 WHERE msg_id = ?').run(msgId);
      return { status: 200, body: { msgId, status: 'accepted', caseRef: existing.case_ref, duplicate: true } };
    }
    const c = msg.case as { caseNo?: unknown; status?: unknown } | undefined;
    const caseNo = typeof c?.caseNo === 'string' ? c.caseNo : null;
    const problems: string[] = [];
    if (msg.msgId !== msgId) problems.push('报文体中的 msgId 与报文头不一致');
    if (!caseNo || !/^\d{21,22}$/.test(caseNo)) problems.push('办件编号应为21或22位数字');
    if (typeof c?.status !== 'string' || !FINAL.has(c.status)) problems.push('办件状态不是办结状态');
    const applicant = msg.applicant as { idNumber?: unknown; name?: unknown } | undefined;
    if (!applicant?.idNumber || !applicant.name) problems.push('缺少申请人证件号码或姓名');
    const hashes = ((msg.materials as { attachments?: { sha256: string }[] }[] | undefined) ?? []).flatMap((m) => (m.attachments ?? []).map((a) => a.sha256));
    for (const h of hashes) {
      const a = db.prepare('SELECT complete FROM attachments WHERE sha256 = ?').get(h) as { complete: number } | undefined;
      if (!a?.complete) problems.push(`附件 ${h.slice(0, 12)} 尚未上传`);
    }
    if (caseNo && faults.rejectCaseNos.includes(caseNo)) problems.push('上级平台校验不通过（测试注入）');
    const at = new Date(now()).toISOString();
    if (problems.length) {
      db.prepare('INSERT INTO messages (msg_id, key_id, case_no, status, reason, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, deliveries = deliveries + 1').run(msgId, keyId, caseNo, 'rejected', problems.join('；'), at);
      return { status: 422, body: { msgId, status: 'rejected', code: 'INVALID', reason: problems.join('；') } };
    }
    // The same case sent under another msgId (e.g. a rebuilt outbox): one case, the first id wins.
    const dup = db.prepare('SELECT case_ref, msg_id FROM cases WHERE key_id = ? AND case_no = ?').get(keyId, caseNo) as { case_ref: string; msg_id: string } | undefined;
    const caseRef = dup?.case_ref ?? `UP${String(now())}${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
    if (!dup) db.prepare('INSERT INTO cases (case_ref, key_id, case_no, msg_id, body, received_at) VALUES (?, ?, ?, ?, ?, ?)').run(caseRef, keyId, caseNo, msgId, JSON.stringify(msg), at);
    db.prepare('INSERT INTO messages (msg_id, key_id, case_no, status, reason, case_ref, received_at) VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (msg_id) DO UPDATE SET status = excluded.status, reason = NULL, case_ref = excluded.case_ref, deliveries = deliveries + 1').run(msgId, keyId, caseNo, 'accepted', caseRef, at);
    return { status: 200, body: { msgId, status: 'accepted', caseRef, duplicate: dup !== undefined, ...(dup ? { originalMsgId: dup.msg_id } : {}) } };
  });

  /**
   * Creates or updates a booking (a change: new seq, new updatedAt). Given fields replace the
   * stored ones. Formats are deliberately not checked, so tests can hand the hall the changes it
   * must skip (wrong check digit, unknown category, malformed slot, a code another booking holds).
   */
  function upsertBooking(keyId: string, input: Partial<BookingInput>): BookingChange {
    if (!(keyId in options.keys)) throw new BookingInputError(`未配置的密钥编号 ${keyId}`);
    const old = input.bookingId === undefined ? undefined : (db.prepare('SELECT * FROM bookings WHERE booking_id = ?').get(input.bookingId) as BookingRow | undefined);
    if (old && old.key_id !== keyId) throw new BookingInputError(`预约 ${old.booking_id} 属于其他单位`);
    const pick = <T>(given: T | undefined, stored: T | undefined) => (given === undefined ? stored : given);
    const status = pick(input.status, old?.status) ?? 'booked';
    const row = {
      booking_id: input.bookingId ?? `UB${String(now())}${crypto.randomBytes(3).toString('hex').toUpperCase()}`,
      key_id: keyId,
      seq: (db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM bookings').get() as { n: number }).n,
      code: pick(input.code, old?.code) ?? newCode(keyId),
      channel: pick(input.channel, old?.channel) ?? '政务服务网',
      status,
      category_id: pick(input.categoryId, old?.category_id),
      item_key: pick(input.item == null ? undefined : (input.item.key ?? null), old?.item_key) ?? null,
      item_name: pick(input.item?.name, old?.item_name),
      day: pick(input.day, old?.day),
      slot_start: pick(input.slot?.start, old?.slot_start),
      slot_end: pick(input.slot?.end, old?.slot_end),
      id_kind: pick(input.person?.idKind, old?.id_kind),
      id_number: pick(input.person?.idNumber, old?.id_number),
      name: pick(input.person?.name, old?.name),
      phone: pick(input.person == null ? undefined : (input.person.phone ?? null), old?.phone) ?? null,
      cancel_reason: status === 'cancelled' ? (pick(input.cancelReason, old?.cancel_reason) ?? null) : null,
      updated_at: new Date(now()).toISOString(),
    };
    if (status !== 'booked' && status !== 'cancelled') throw new BookingInputError(`预约状态应为 booked 或 cancelled：${String(status)}`);
    for (const [field, v] of Object.entries({ bookingId: row.booking_id, code: row.code, channel: row.channel, categoryId: row.category_id, 'item.name': row.item_name, day: row.day, 'slot.start': row.slot_start, 'slot.end': row.slot_end, 'person.idKind': row.id_kind, 'person.idNumber': row.id_number, 'person.name': row.name })) {
      if (typeof v !== 'string' || !v) throw new BookingInputError(`预约缺少 ${field}`);
    }
    db.prepare(
      `INSERT INTO bookings (booking_id, key_id, seq, code, channel, status, category_id, item_key, item_name, day, slot_start, slot_end, id_kind, id_number, name, phone, cancel_reason, updated_at)
       VALUES (@booking_id, @key_id, @seq, @code, @channel, @status, @category_id, @item_key, @item_name, @day, @slot_start, @slot_end, @id_kind, @id_number, @name, @phone, @cancel_reason, @updated_at)
       ON CONFLICT (booking_id) DO UPDATE SET seq = excluded.seq, code = excluded.code, channel = excluded.channel, status = excluded.status, category_id = excluded.category_id, item_key = excluded.item_key, item_name = excluded.item_name, day = excluded.day, slot_start = excluded.slot_start, slot_end = excluded.slot_end, id_kind = excluded.id_kind, id_number = excluded.id_number, name = excluded.name, phone = excluded.phone, cancel_reason = excluded.cancel_reason, updated_at = excluded.updated_at`,
    ).run(row);
    return toChange(row as BookingRow);
  }

  /** `W` + 7 of CODE_CHARS, not held by another booking of the key. */
  function newCode(keyId: string): string {
    for (;;) {
      let code = 'W';
      for (let i = 0; i < 7; i++) code += CODE_CHARS.charAt(crypto.randomInt(CODE_CHARS.length));
      if (!db.prepare('SELECT 1 FROM bookings WHERE key_id = ? AND code = ?').get(keyId, code)) return code;
    }
  }

  const upsertBookings = db.transaction((keyId: string, inputs: Partial<BookingInput>[]) => inputs.map((b) => upsertBooking(keyId, b)));
  const firstKey = () => Object.keys(options.keys)[0] ?? '';

  /** One event per msgId, and one accepted event per booking (docs/upstream-protocol.md §Bookings). */
  const ingestBookingEvent = db.transaction((keyId: string, msgId: string, ev: Record<string, unknown>): Answer => {
    const existing = db.prepare('SELECT key_id, status FROM booking_events WHERE msg_id = ?').get(msgId) as { key_id: string; status: string } | undefined;
    if (existing && existing.key_id !== keyId) return { status: 409, body: { status: 'rejected', code: 'MSGID_TAKEN', reason: '报文编号已被其他单位使用' } };
    if (existing?.status === 'accepted') {
      db.prepare('UPDATE booking_events SET deliveries = deliveries + 1 WHERE msg_id = ?').run(msgId);
      return { status: 200, body: { msgId, status: 'accepted', duplicate: true } };
    }
    const booking = ev.booking as { bookingId?: unknown } | undefined;
    const bookingId = typeof booking?.bookingId === 'string' && booking.bookingId ? booking.bookingId : null;
    const kind = typeof ev.kind === 'string' ? ev.kind : null;
    const problems: { code: string; reason: string }[] = [];
    if (ev.msgId !== msgId) problems.push({ code: 'MSGID_MISMATCH', reason: '报文体中的 msgId 与报文头不一致' });
    if (!kind || !BOOKING_EVENT_KINDS.has(kind)) problems.push({ code: 'BAD_KIND', reason: '事件类型应为 booking.checkedIn、booking.noShow 或 booking.cancelled' });
    if (!bookingId) problems.push({ code: 'NO_BOOKING', reason: '缺少预约编号' });
    else if (!db.prepare('SELECT 1 FROM bookings WHERE booking_id = ? AND key_id = ?').get(bookingId, keyId)) problems.push({ code: 'UNKNOWN_BOOKING', reason: '未找到该预约' });
    else if (db.prepare("SELECT 1 FROM booking_events WHERE booking_id = ? AND key_id = ? AND status = 'accepted' AND msg_id <> ?").get(bookingId, keyId, msgId)) problems.push({ code: 'BOOKING_SETTLED', reason: '该预约已有结果' });
    const at = new Date(now()).toISOString();
    const reason = problems.length ? problems.map((p) => p.reason).join('；') : null;
    db.prepare(
      'INSERT INTO booking_events (msg_id, key_id, booking_id, kind, status, reason, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id) DO UPDATE SET booking_id = excluded.booking_id, kind = excluded.kind, status = excluded.status, reason = excluded.reason, body = excluded.body, deliveries = deliveries + 1',
    ).run(msgId, keyId, bookingId, kind, problems.length ? 'rejected' : 'accepted', reason, JSON.stringify(ev), at);
    if (problems.length) return { status: 422, body: { msgId, status: 'rejected', code: problems.length === 1 ? problems[0]!.code : 'INVALID', reason } };
    return { status: 200, body: { msgId, status: 'accepted', duplicate: false } };
  });

  /** GET /v1/bookings: the key's changes after `after`, oldest first. */
  function bookingPage(keyId: string, params: URLSearchParams): Answer {
    const afterText = params.get('after') ?? '0';
    const limitText = params.get('limit') ?? '200';
    const after = /^\d{1,15}$/.test(afterText) ? Number(afterText) : NaN;
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    const problems: string[] = [];
    if (!Number.isSafeInteger(after)) problems.push('参数 after 应为非负整数');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) problems.push('参数 limit 应为 1–500 的整数');
    if (problems.length) return { status: 400, body: { status: 'rejected', code: 'BAD_PARAMS', reason: problems.join('；') } };
    const rows = db.prepare('SELECT * FROM bookings WHERE key_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(keyId, after, limit + 1) as BookingRow[];
    const page = rows.slice(0, limit).map(toChange);
    return { status: 200, body: { bookings: page, next: page.at(-1)?.seq ?? after, more: rows.length > limit } };
  }

  /** POST /_bookings (loopback): `{ keyId?, bookings: [...] }`, created or updated in one transaction. */
  function adminBookings(body: Buffer): Answer {
    let input: { keyId?: unknown; bookings?: unknown };
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      return { status: 400, body: { reason: '报文不是有效的 JSON' } };
    }
    if (!Array.isArray(input.bookings) || input.bookings.some((b) => typeof b !== 'object' || b === null)) return { status: 400, body: { reason: 'bookings 应为预约数组' } };
    try {
      return { status: 200, body: { bookings: upsertBookings(typeof input.keyId === 'string' ? input.keyId : firstKey(), input.bookings as Partial<BookingInput>[]) } };
    } catch (error) {
      if (error instanceof BookingInputError) return { status: 400, body: { reason: error.message } };
      throw error;
    }
  }

  function attachmentPath(sha: string) {
    return path.join(options.dataDir, 'attachments', sha);
  }

  /**
   * A signed submission under its msgid (case message or booking event): the header and a JSON
   * object are required (400), then the faults — 500 before storing, processed twice, stored and
   * the connection dropped — around the ingest.
   */
  function submission(req: http.IncomingMessage, body: Buffer, ingestOne: (msgId: string, msg: Record<string, unknown>) => Answer, poison: (msg: Record<string, unknown>) => boolean = () => false): Answer | 'drop' {
    const msgId = String(req.headers['x-medins-msgid'] ?? '');
    if (!msgId) return { status: 400, body: { status: 'rejected', code: 'NO_MSGID', reason: '缺少报文编号' } };
    let msg: unknown;
    try {
      msg = JSON.parse(body.toString('utf8'));
    } catch {
      return { status: 400, body: { status: 'rejected', code: 'BAD_JSON', reason: '报文不是有效的 JSON' } };
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { status: 400, body: { status: 'rejected', code: 'BAD_JSON', reason: '报文应为 JSON 对象' } };
    const object = msg as Record<string, unknown>;
    if (poison(object) || random() < faults.errorRate) return { status: 500, body: { reason: '上级平台内部错误（测试注入）' } };
    const answer = ingestOne(msgId, object);
    if (random() < faults.duplicateRate) ingestOne(msgId, object);
    if (random() < faults.dropAfterCommitRate) return 'drop';
    return answer;
  }

  async function handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<Answer | 'drop'> {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = url.pathname;
    if ((route === '/_faults' || route === '/_bookings') && req.method === 'POST') {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return { status: 403, body: { reason: 'loopback only' } };
      if (route === '/_bookings') return adminBookings(body);
      Object.assign(faults, JSON.parse(body.toString('utf8') || '{}') as Partial<Faults>);
      return { status: 200, body: faults };
    }
    const keyId = String(req.headers['x-medins-key-id'] ?? '');
    const check = verifyRequest(req.headers, { method: req.method ?? 'GET', path: route, body }, { secretFor: (k) => options.keys[k], nowMs: now(), seenNonce: (k, n, at) => seenNonce(k, n, at) });
    if (!check.ok) return { status: 401, body: { status: 'rejected', code: 'SIGNATURE', reason: `签名校验失败：${check.reason}` } };
    if (faults.delayMs) await new Promise((r) => setTimeout(r, faults.delayMs));
    if (route === '/v1/health' && req.method === 'GET') {
      const n = db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number };
      return { status: 200, body: { ok: true, protocol: 'medins-upstream/1', cases: n.n, time: new Date(now()).toISOString() } };
    }
    if (route === '/v1/messages' && req.method === 'POST') {
      stats.submits += 1;
      // A poison case always fails, before anything is stored.
      const poison = (msg: Record<string, unknown>) => faults.failCaseNos.includes((msg.case as { caseNo?: string } | undefined)?.caseNo ?? '');
      return submission(req, body, (msgId, msg) => ingest(keyId, msgId, msg), poison);
    }
    if (route === '/v1/bookings' && req.method === 'GET') {
      stats.bookingPulls += 1;
      if (random() < faults.errorRate) return { status: 500, body: { reason: '上级平台内部错误（测试注入）' } };
      return bookingPage(keyId, url.searchParams);
    }
    if (route === '/v1/booking-events' && req.method === 'POST') {
      stats.bookingEvents += 1;
      return submission(req, body, (msgId, ev) => ingestBookingEvent(keyId, msgId, ev));
    }
    const e = /^\/v1\/booking-events\/([^/]+)$/.exec(route);
    if (e && req.method === 'GET') {
      const row = db.prepare('SELECT msg_id, status, reason, received_at FROM booking_events WHERE msg_id = ? AND key_id = ?').get(decodeURIComponent(e[1]!), keyId) as { msg_id: string; status: string; reason: string | null; received_at: string } | undefined;
      if (!row) return { status: 404, body: { status: 'not_found', reason: '未收到该事件' } };
      return { status: 200, body: { msgId: row.msg_id, status: row.status, reason: row.reason, receivedAt: row.received_at } };
    }
    const m = /^\/v1\/messages\/([^/]+)$/.exec(route);
    if (m && req.method === 'GET') {
      const row = db.prepare('SELECT msg_id, status, reason, case_ref, received_at FROM messages WHERE msg_id = ? AND key_id = ?').get(decodeURIComponent(m[1]!), keyId) as { msg_id: string; status: string; reason: string | null; case_ref: string | null; received_at: string } | undefined;
      if (!row) return { status: 404, body: { status: 'not_found', reason: '未收到该报文' } };
      return { status: 200, body: { msgId: row.msg_id, status: row.status, reason: row.reason, caseRef: row.case_ref, receivedAt: row.received_at } };
    }
    const a = /^\/v1\/attachments\/([0-9a-f]{64})$/.exec(route);
    if (a) {
      const sha = a[1]!;
      const row = db.prepare('SELECT size, received, complete FROM attachments WHERE sha256 = ?').get(sha) as { size: number; received: number; complete: number } | undefined;
      if (req.method === 'HEAD') {
        if (!row) return { status: 404 };
        return { status: 200, headers: { 'upload-offset': String(row.received), 'upload-length': String(row.size) } };
      }
      if (req.method === 'PATCH') {
        const offset = Number(req.headers['upload-offset']);
        const total = Number(req.headers['upload-length']);
        const received = row?.received ?? 0;
        if (row?.complete) return { status: 200, headers: { 'upload-offset': String(row.size) }, body: { complete: true } };
        if (offset !== received) return { status: 409, headers: { 'upload-offset': String(received) }, body: { reason: `偏移量应为 ${received}` } };
        fs.appendFileSync(attachmentPath(sha), body);
        const next = received + body.length;
        let complete = 0;
        if (next >= total) {
          const digest = crypto.createHash('sha256').update(fs.readFileSync(attachmentPath(sha))).digest('hex');
          if (digest !== sha) {
            fs.rmSync(attachmentPath(sha), { force: true });
            db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(sha);
            return { status: 422, body: { status: 'rejected', reason: '附件内容与哈希不符' } };
          }
          complete = 1;
        }
        db.prepare('INSERT INTO attachments (sha256, size, received, complete) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET received = excluded.received, complete = excluded.complete').run(sha, total, next, complete);
        return { status: 200, headers: { 'upload-offset': String(next) }, body: { complete: complete === 1 } };
      }
    }
    void res;
    return { status: 404, body: { reason: 'no such endpoint' } };
  }

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, Buffer.concat(chunks), res)
        .then((answer) => {
          if (answer === 'drop') {
            res.socket?.destroy();
            return;
          }
          const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
          res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...(answer.headers ?? {}) });
          res.end(req.method === 'HEAD' ? undefined : text);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ reason: (error as Error).message }));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as { port: number };
  const url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return {
    url,
    port: address.port,
    faults,
    stats,
    /** Cases stored, for tests and the bench. */
    cases: () => db.prepare('SELECT case_ref AS caseRef, case_no AS caseNo, msg_id AS msgId FROM cases ORDER BY received_at').all() as { caseRef: string; caseNo: string; msgId: string }[],
    messages: () => db.prepare('SELECT msg_id AS msgId, status, deliveries FROM messages').all() as { msgId: string; status: string; deliveries: number }[],
    /** Creates or updates one booking (as POST /_bookings) for `keyId` (default: the first key); throws BookingInputError. */
    book: (input: BookingInput | (Partial<BookingInput> & { bookingId: string }), keyId: string = firstKey()): BookingChange => upsertBookings(keyId, [input])[0]!,
    /** The citizen cancels online: a new change with status cancelled. */
    cancelBooking(bookingId: string, reason: string | null = null): BookingChange {
      const row = db.prepare('SELECT key_id FROM bookings WHERE booking_id = ?').get(bookingId) as { key_id: string } | undefined;
      if (!row) throw new BookingInputError(`未找到预约 ${bookingId}`);
      return upsertBookings(row.key_id, [{ bookingId, status: 'cancelled', cancelReason: reason }])[0]!;
    },
    /** Every booking in its latest state, oldest change first (all keys, or one). */
    bookingChanges: (keyId?: string) => (db.prepare(`SELECT * FROM bookings ${keyId === undefined ? '' : 'WHERE key_id = ?'} ORDER BY seq`).all(...(keyId === undefined ? [] : [keyId])) as BookingRow[]).map(toChange),
    /** Booking events received (accepted and rejected), in arrival order. */
    bookingEvents: () =>
      (db.prepare('SELECT msg_id AS msgId, key_id AS keyId, booking_id AS bookingId, kind, status, reason, deliveries, body FROM booking_events ORDER BY rowid').all() as { msgId: string; keyId: string; bookingId: string | null; kind: string | null; status: 'accepted' | 'rejected'; reason: string | null; deliveries: number; body: string }[]).map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> })),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

export type ReferenceUpstream = Awaited<ReturnType<typeof startReferenceUpstream>>;
