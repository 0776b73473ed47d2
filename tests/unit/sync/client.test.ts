import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ANSWER_BYTES, createUpstreamClient } from '../../../electron/core/sync/client';
import { verifyRequest } from '../../../electron/core/sync/signing';

/** The upstream client against a bare HTTP server that answers however the test wants. */
let server: http.Server | undefined;

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const clientFor = (url: string) => createUpstreamClient({ url, keyId: 'k', secret: 'secret-for-client-test', signing: 'hmac-sha256', caCertFile: '', timeoutMs: 5000 }, Date.now);

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('upstream client', () => {
  it('an answer larger than any the protocol defines is an unknown outcome, not memory spent', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let written = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // Twice the limit, streamed: the client stops reading once past it.
      const write = () => {
        while (written < 2 * MAX_ANSWER_BYTES) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    const c = clientFor(url);
    const r = await c.bookings(0, 200);
    c.close();
    expect(r).toEqual({ kind: 'unknown', error: `answer larger than ${MAX_ANSWER_BYTES} bytes` });
  });

  it('signs the path without its query, and sends the query', async () => {
    let seen: { url?: string; ok?: boolean } = {};
    const url = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      seen = { url: req.url, ok: verifyRequest(req.headers, { method: req.method ?? 'GET', path, body: Buffer.alloc(0) }, { secretFor: () => 'secret-for-client-test', nowMs: Date.now(), seenNonce: () => false }).ok };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"bookings":[],"next":7,"more":false}');
    });
    const c = clientFor(url);
    const r = await c.bookings(7, 50);
    c.close();
    expect(seen).toEqual({ url: '/v1/bookings?after=7&limit=50', ok: true });
    expect(r).toMatchObject({ kind: 'answer', status: 200, body: { next: 7 } });
  });
});
