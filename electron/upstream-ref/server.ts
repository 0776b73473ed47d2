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
  `);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const stats = { requests: 0, submits: 0, startedAt: now() };

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

  function attachmentPath(sha: string) {
    return path.join(options.dataDir, 'attachments', sha);
  }

  async function handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<Answer | 'drop'> {
    const url = new URL(req.url ?? '/', 'http://x');
    const route = url.pathname;
    if (route === '/_faults' && req.method === 'POST') {
      const remote = req.socket.remoteAddress ?? '';
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return { status: 403, body: { reason: 'loopback only' } };
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
      const msgId = String(req.headers['x-medins-msgid'] ?? '');
      if (!msgId) return { status: 400, body: { status: 'rejected', code: 'NO_MSGID', reason: '缺少报文编号' } };
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        return { status: 400, body: { status: 'rejected', code: 'BAD_JSON', reason: '报文不是有效的 JSON' } };
      }
      const caseNo = (msg.case as { caseNo?: string } | undefined)?.caseNo ?? '';
      if (faults.failCaseNos.includes(caseNo) || random() < faults.errorRate) return { status: 500, body: { reason: '上级平台内部错误（测试注入）' } };
      const answer = ingest(keyId, msgId, msg);
      if (random() < faults.duplicateRate) ingest(keyId, msgId, msg);
      if (random() < faults.dropAfterCommitRate) return 'drop';
      return answer;
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

export type ReferenceUpstream = Awaited<ReturnType<typeof startReferenceUpstream>>;
