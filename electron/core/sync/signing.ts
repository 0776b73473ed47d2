import crypto from 'node:crypto';
import { hmacSm3Hex, sm3Hex } from './sm3';

/**
 * Request signing of the upstream protocol (docs/upstream-protocol.md §Signing). Shared by the
 * sync client and the reference upstream (electron/upstream-ref), so both compute it one way.
 *
 *   string to sign = METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(H(body))
 *   signature      = hex(HMAC-H(secret, string to sign))
 *
 * H is SHA-256 (`hmac-sha256`, Node's crypto) or SM3 (`sm3`, GB/T 32905, pure JavaScript in
 * sm3.ts: Electron's BoringSSL has no SM3, so the same code runs on every runtime).
 */
export type SigningMethod = 'hmac-sha256' | 'sm3';

export const SIGNATURE_HEADERS = {
  keyId: 'x-medins-key-id',
  timestamp: 'x-medins-timestamp',
  nonce: 'x-medins-nonce',
  method: 'x-medins-sign-method',
  signature: 'x-medins-signature',
} as const;

/** How far a request's timestamp may be from the receiver's clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function bodyHash(method: SigningMethod, body: string | Buffer): string {
  return method === 'sm3' ? sm3Hex(body) : crypto.createHash('sha256').update(body).digest('hex');
}

export function stringToSign(req: { method: string; path: string; timestamp: string; nonce: string; body: string | Buffer }, method: SigningMethod): string {
  return [req.method.toUpperCase(), req.path, req.timestamp, req.nonce, bodyHash(method, req.body)].join('\n');
}

export function sign(secret: string, method: SigningMethod, req: { method: string; path: string; timestamp: string; nonce: string; body: string | Buffer }): string {
  const text = stringToSign(req, method);
  return method === 'sm3' ? hmacSm3Hex(secret, text) : crypto.createHmac('sha256', secret).update(text).digest('hex');
}

/**
 * 128-bit nonces cut from a pool of CSPRNG bytes refilled 256 at a time: one randomBytes(16)
 * per request cost about 10 µs, a slice of the pool about 0.3 µs (the way Node's randomUUID
 * caches its entropy). Each slice is used once.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;

function nextNonce(): string {
  if (nonceOffset >= noncePool.length) {
    crypto.randomFillSync(noncePool);
    nonceOffset = 0;
  }
  nonceOffset += NONCE_BYTES;
  return noncePool.toString('hex', nonceOffset - NONCE_BYTES, nonceOffset);
}

/** The headers of a signed request (timestamp in Unix seconds, 128-bit random nonce). */
export function signedHeaders(key: { id: string; secret: string; method: SigningMethod }, req: { method: string; path: string; body: string | Buffer }, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = nextNonce();
  return {
    [SIGNATURE_HEADERS.keyId]: key.id,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.method]: key.method,
    [SIGNATURE_HEADERS.signature]: sign(key.secret, key.method, { ...req, timestamp, nonce }),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'unknown-key' | 'bad-method' | 'skew' | 'nonce-reused' | 'bad-signature' };

/**
 * The receiver's check: known key, allowed method, timestamp within ±5 minutes, nonce not seen
 * (within the skew window, `seenNonce` remembers and answers whether it was seen), signature in
 * constant time.
 */
export function verifyRequest(
  headers: Record<string, string | string[] | undefined>,
  req: { method: string; path: string; body: string | Buffer },
  opts: { secretFor(keyId: string): string | undefined; nowMs: number; seenNonce(keyId: string, nonce: string, nowMs: number): boolean },
): VerifyResult {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const keyId = h(SIGNATURE_HEADERS.keyId);
  const timestamp = h(SIGNATURE_HEADERS.timestamp);
  const nonce = h(SIGNATURE_HEADERS.nonce);
  const method = h(SIGNATURE_HEADERS.method);
  const signature = h(SIGNATURE_HEADERS.signature);
  if (!keyId || !timestamp || !nonce || !method || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{16,64}$/.test(nonce)) return { ok: false, reason: 'missing' };
  if (method !== 'hmac-sha256' && method !== 'sm3') return { ok: false, reason: 'bad-method' };
  const secret = opts.secretFor(keyId);
  if (secret === undefined) return { ok: false, reason: 'unknown-key' };
  if (Math.abs(Number(timestamp) * 1000 - opts.nowMs) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'skew' };
  const expected = Buffer.from(sign(secret, method, { ...req, timestamp, nonce }), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  // Only a correctly signed request consumes its nonce.
  if (opts.seenNonce(keyId, nonce, opts.nowMs)) return { ok: false, reason: 'nonce-reused' };
  return { ok: true };
}
