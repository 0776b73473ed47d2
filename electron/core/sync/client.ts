import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { signedHeaders, type SigningMethod } from './signing';

/**
 * The upstream protocol's HTTP client (docs/upstream-protocol.md). Every request is signed.
 * Answers are sorted into what the worker needs to decide:
 * - `answer`: the upstream answered (any HTTP status);
 * - `offline`: no connection was made (refused, no route, DNS, connect timeout) — nothing
 *   reached the upstream, so nothing is unknown;
 * - `unknown`: the connection was made but no complete answer came back (timeout, reset) —
 *   the request may or may not have been processed.
 */
export type UpstreamResult = { kind: 'answer'; status: number; body: unknown; headers: http.IncomingHttpHeaders } | { kind: 'offline'; error: string } | { kind: 'unknown'; error: string };

export interface UpstreamConfig {
  url: string;
  keyId: string;
  secret: string;
  signing: SigningMethod;
  caCertFile: string;
  timeoutMs: number;
}

/** The largest answer read (a page of 500 bookings is ≈0.3 MB). */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENETDOWN', 'EADDRNOTAVAIL']);

export function createUpstreamClient(config: UpstreamConfig, now: () => number) {
  const base = new URL(config.url);
  const secure = base.protocol === 'https:';
  const ca = secure && config.caCertFile ? fs.readFileSync(config.caCertFile) : undefined;
  const agent = secure ? new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) }) : new http.Agent({ keepAlive: true });
  const prefix = base.pathname.replace(/\/+$/, '');

  function request(method: string, path: string, body?: Buffer | string, extra: Record<string, string> = {}): Promise<UpstreamResult> {
    const fullPath = `${prefix}${path}`;
    // The signature covers the path without its query (docs/upstream-protocol.md §Signing).
    const signedPath = fullPath.split('?')[0]!;
    const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const headers: Record<string, string> = {
      ...extra,
      ...signedHeaders({ id: config.keyId, secret: config.secret, method: config.signing }, { method, path: signedPath, body: payload }, now()),
      'content-length': String(payload.length),
    };
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json; charset=utf-8';
    return new Promise((resolve) => {
      let connected = false;
      let settled = false;
      const done = (r: UpstreamResult) => {
        if (!settled) {
          settled = true;
          resolve(r);
        }
      };
      const req = (secure ? https : http).request({ protocol: base.protocol, hostname: base.hostname, port: base.port || undefined, method, path: fullPath, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // An answer larger than any the protocol defines is a fault of the other side, not memory to spend.
          if (size > MAX_ANSWER_BYTES) {
            done({ kind: 'unknown', error: `answer larger than ${MAX_ANSWER_BYTES} bytes` });
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? (JSON.parse(text) as unknown) : null;
          } catch {
            // not JSON: keep the text
          }
          done({ kind: 'answer', status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on('error', (e) => done({ kind: 'unknown', error: e.message }));
        res.on('aborted', () => done({ kind: 'unknown', error: 'response aborted' }));
      });
      req.on('socket', (socket) => {
        // A kept-alive socket is connected already; a listener on it would never fire and pile up.
        if (!socket.connecting) connected = true;
        else {
          socket.once(secure ? 'secureConnect' : 'connect', () => {
            connected = true;
          });
        }
      });
      req.setTimeout(config.timeoutMs, () => {
        req.destroy(new Error(connected ? 'timeout waiting for the answer' : 'connect timeout'));
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (!connected || (e.code && OFFLINE_CODES.has(e.code))) done({ kind: 'offline', error: e.code ?? e.message });
        else done({ kind: 'unknown', error: e.code ?? e.message });
      });
      req.end(payload);
    });
  }

  return {
    health: () => request('GET', '/v1/health'),
    submit: (msgId: string, json: string) => request('POST', '/v1/messages', json, { 'x-medins-msgid': msgId }),
    status: (msgId: string) => request('GET', `/v1/messages/${encodeURIComponent(msgId)}`),
    attachmentOffset: (sha256: string) => request('HEAD', `/v1/attachments/${sha256}`),
    uploadAttachment: (sha256: string, offset: number, total: number, chunk: Buffer) =>
      request('PATCH', `/v1/attachments/${sha256}`, chunk, { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'upload-length': String(total) }),
    /** 预约 changes after the hall's cursor, oldest first (docs/upstream-protocol.md §Bookings). */
    bookings: (after: number, limit: number) => request('GET', `/v1/bookings?after=${after}&limit=${limit}`),
    submitBookingEvent: (msgId: string, json: string) => request('POST', '/v1/booking-events', json, { 'x-medins-msgid': msgId }),
    bookingEventStatus: (msgId: string) => request('GET', `/v1/booking-events/${encodeURIComponent(msgId)}`),
    close: () => agent.destroy(),
  };
}

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;
