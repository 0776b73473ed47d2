import type http from 'node:http';
import { errorStatus, userMessage } from '../../shared/contract/errors';
import type { AppErrorCode } from '../../shared/messages/zh-CN';
import { setSecurityHeaders } from './security-headers';

/**
 * Request-body limits, checked while the body streams in (a declared Content-Length over the
 * limit is refused before a byte is read): small by default; larger only for the uploads that
 * need it (a 高拍仪 frame as base64, a calendar notice); the public progress lookup takes only
 * a receipt code.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const PUBLIC_BODY_LIMIT = 2 * 1024;
const UPLOAD_LIMITS: Record<string, number> = {
  // contract: image ≤ 30 000 000 characters of base64
  '/rpc/scanning/capture': 32 * 1024 * 1024,
  // contract: text ≤ 2 000 000 characters, up to 3 bytes each in UTF-8, plus JSON escapes
  '/rpc/calendar/import': 8 * 1024 * 1024,
};

export function bodyLimitFor(pathname: string, isPublic: boolean): number {
  if (isPublic) return PUBLIC_BODY_LIMIT;
  return UPLOAD_LIMITS[pathname] ?? DEFAULT_BODY_LIMIT;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** Reads the whole body, but never more than `limit` bytes: past it, stops and rejects. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * An error answer in oRPC's wire shape, so the renderer's client raises the same typed error
 * (code, Chinese message, English detail) as for a refusal from core.
 */
export function sendRpcError(res: http.ServerResponse, code: AppErrorCode, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  const status = errorStatus[code];
  const message = userMessage(code);
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify({ json: { defined: true, code, status, message, data: { code, message, detail, ...extra } }, meta: [] }));
}

/**
 * Refuses a body over the limit with 413 and drops the connection once the answer is out, so
 * the rest of a huge upload is neither buffered nor read.
 */
export function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, error: BodyTooLargeError): void {
  res.once('finish', () => req.socket.destroy());
  sendRpcError(res, 'PAYLOAD_TOO_LARGE', error.message, {}, { Connection: 'close' });
}

/**
 * Requests per client address in a sliding minute, for the route open without the token (the
 * progress lookup from phones on the hall Wi-Fi). Bounded: the oldest addresses are forgotten
 * first, so a flood of addresses cannot grow it without end.
 */
export function createRateLimiter(options: { perMinute: number; now?: () => number; maxClients?: number }) {
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const seen = new Map<string, number[]>();
  return {
    /** Seconds to wait when over the limit, else 0 (and the request is counted). */
    take(client: string): number {
      const t = now();
      const recent = (seen.get(client) ?? []).filter((at) => t - at < 60_000);
      seen.delete(client);
      if (recent.length >= options.perMinute) {
        seen.set(client, recent);
        return Math.max(1, Math.ceil((recent[0]! + 60_000 - t) / 1000));
      }
      recent.push(t);
      seen.set(client, recent);
      if (seen.size > maxClients) seen.delete(seen.keys().next().value!);
      return 0;
    },
  };
}
