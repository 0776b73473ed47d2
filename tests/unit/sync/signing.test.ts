import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS, sign, signedHeaders, stringToSign, verifyRequest } from '../../../electron/core/sync/signing';
import { hmacSm3Hex, sm3Hex } from '../../../electron/core/sync/sm3';

/** HMAC (RFC 2104) built from the bare hash, independent of crypto.createHmac. */
function hmac(hash: string, key: Buffer, data: Buffer): string {
  const block = 64;
  let k = key.length > block ? crypto.createHash(hash).update(key).digest() : key;
  k = Buffer.concat([k, Buffer.alloc(block - k.length)]);
  const ipad = Buffer.from(k.map((b) => b ^ 0x36));
  const opad = Buffer.from(k.map((b) => b ^ 0x5c));
  const inner = crypto.createHash(hash).update(Buffer.concat([ipad, data])).digest();
  return crypto.createHash(hash).update(Buffer.concat([opad, inner])).digest('hex');
}

const REQ = { method: 'post', path: '/v1/messages', timestamp: '1767225600', nonce: '00112233445566778899aabbccddeeff', body: '{"msgId":"m-1"}' };

describe('upstream request signing', () => {
  it('the independent HMAC reproduces RFC 4231 test case 2', () => {
    expect(hmac('sha256', Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?'))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('the pure-JavaScript SM3 gives the two GB/T 32905 example digests', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex(Buffer.from('abcd'.repeat(16)))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('HMAC-SM3 gives the published vectors of RFC 4231 shape (also as GmSSL computes them)', () => {
    expect(hmacSm3Hex(Buffer.alloc(20, 0x0b), 'Hi There')).toBe('51b00d1fb49832bfb01c3ce27848e59f871d9ba938dc563b338ca964755cce70');
    expect(hmacSm3Hex('Jefe', 'what do ya want for nothing?')).toBe('2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882');
  });

  it('SM3 does not depend on the runtime: it agrees with OpenSSL where Node has it, also for UTF-8 text and long keys', () => {
    const key = 'k'.repeat(100);
    const text = '受理回执 abc '.repeat(50);
    expect(sm3Hex(text)).toBe(crypto.createHash('sm3').update(text).digest('hex'));
    expect(hmacSm3Hex(key, text)).toBe(crypto.createHmac('sm3', key).update(text).digest('hex'));
    expect(hmacSm3Hex('', 'x')).toBe(crypto.createHmac('sm3', '').update('x').digest('hex'));
  });

  it('hmac-sha256: METHOD, path, timestamp, nonce and the body hash, one per line', () => {
    const bodyHash = crypto.createHash('sha256').update(REQ.body).digest('hex');
    const canonical = `POST\n/v1/messages\n1767225600\n00112233445566778899aabbccddeeff\n${bodyHash}`;
    expect(stringToSign(REQ, 'hmac-sha256')).toBe(canonical);
    expect(sign('hall-secret-0123456789', 'hmac-sha256', REQ)).toBe(hmac('sha256', Buffer.from('hall-secret-0123456789'), Buffer.from(canonical)));
  });

  it('sm3: SM3 body hash and HMAC-SM3', () => {
    const canonical = `POST\n/v1/messages\n1767225600\n00112233445566778899aabbccddeeff\n${crypto.createHash('sm3').update(REQ.body).digest('hex')}`;
    expect(stringToSign(REQ, 'sm3')).toBe(canonical);
    expect(sign('hall-secret-0123456789', 'sm3', REQ)).toBe(hmac('sm3', Buffer.from('hall-secret-0123456789'), Buffer.from(canonical)));
    expect(sign('hall-secret-0123456789', 'sm3', REQ)).not.toBe(sign('hall-secret-0123456789', 'hmac-sha256', REQ));
  });

  describe('verification', () => {
    const secret = 'hall-secret-0123456789';
    const t = Date.parse('2026-03-02T01:00:00Z');
    const req = { method: 'POST', path: '/v1/messages', body: '{"a":1}' };
    const seen = new Set<string>();
    const opts = (nowMs = t) => ({ secretFor: (k: string) => (k === 'hall-1' ? secret : undefined), nowMs, seenNonce: (k: string, n: string) => (seen.has(`${k}/${n}`) ? true : (seen.add(`${k}/${n}`), false)) });

    it('accepts a signed request once; the same nonce again is refused', () => {
      const h = signedHeaders({ id: 'hall-1', secret, method: 'sm3' }, req, t);
      expect(verifyRequest(h, req, opts())).toEqual({ ok: true });
      expect(verifyRequest(h, req, opts())).toEqual({ ok: false, reason: 'nonce-reused' });
    });

    it('gives every request a nonce of its own: 128 bits in hex, none repeated across refills of the pool', () => {
      const nonces = Array.from({ length: 1000 }, () => signedHeaders({ id: 'hall-1', secret, method: 'hmac-sha256' }, req, t)['x-medins-nonce']!);
      expect(nonces.every((n) => /^[0-9a-f]{32}$/.test(n))).toBe(true);
      expect(new Set(nonces).size).toBe(nonces.length);
    });

    it('refuses a changed body, path or key, and a timestamp beyond ±5 minutes', () => {
      const h = signedHeaders({ id: 'hall-1', secret, method: 'hmac-sha256' }, req, t);
      expect(verifyRequest(h, { ...req, body: '{"a":2}' }, opts())).toEqual({ ok: false, reason: 'bad-signature' });
      expect(verifyRequest(h, { ...req, path: '/v1/messages/x' }, opts())).toEqual({ ok: false, reason: 'bad-signature' });
      expect(verifyRequest({ ...h, 'x-medins-key-id': 'other' }, req, opts())).toEqual({ ok: false, reason: 'unknown-key' });
      expect(verifyRequest(h, req, opts(t + MAX_CLOCK_SKEW_MS + 1000))).toEqual({ ok: false, reason: 'skew' });
      expect(verifyRequest(h, req, opts(t - MAX_CLOCK_SKEW_MS - 1000))).toEqual({ ok: false, reason: 'skew' });
      expect(verifyRequest({}, req, opts())).toEqual({ ok: false, reason: 'missing' });
    });
  });
});
