import http from 'node:http';
import { ORPCError } from '@orpc/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { Core } from '../../electron/core/core';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { httpClient } from '../fixtures/clients';
import { PASSWORD, preparedCore, tokenFor } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { onPostgres, usePostgres } from '../fixtures/postgres';

let core: Core;
let host: WebHost;
let admin: string;
const dataDir = tempDir('medins-hardening-');
if (onPostgres) usePostgres(dataDir);

beforeAll(async () => {
  core = await preparedCore(dataDir);
  admin = await tokenFor(core, 'admin');
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await host.close();
  await core.close();
});

const alive = async () => (await fetch(new URL('/healthz', host.url))).status;

/** A raw POST; `chunks` of `chunk` bytes are streamed without a Content-Length unless `declared`. */
function post(path: string, options: { body?: string; chunks?: number; chunk?: Buffer; declared?: number; headers?: Record<string, string> }): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.declared !== undefined) headers['content-length'] = String(options.declared);
    const req = http.request(new URL(path, host.url), { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    if (options.body !== undefined) return void req.end(options.body);
    let sent = 0;
    const pump = () => {
      while (sent < (options.chunks ?? 0)) {
        sent++;
        if (!req.write(options.chunk!)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.on('close', () => (sent = options.chunks ?? 0));
    pump();
  });
}

const rpcError = (body: string) => (JSON.parse(body) as { json: { code: string; message: string; data: { message: string; detail?: string } } }).json;

describe('WebSocket frames', () => {
  it('one frame of 1 MiB + 10 bytes closes that connection with 1009 and the host lives', async () => {
    const ws = new WebSocket(new URL('/rpc-ws', host.url.replace(/^http/, 'ws')));
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.on('error', () => undefined);
    ws.send(Buffer.alloc(1024 * 1024 + 10, 0x41));
    expect(await closed).toBe(1009);
    expect(await alive()).toBe(200);
  });

  it('malformed frames get a typed BAD_REQUEST when they name a request, else a 1007 close; nothing raw reaches stderr', async () => {
    const stderr = vi.spyOn(console, 'error');
    const frames: { frame: string | Buffer; answer: 'typed' | 1007 }[] = [
      { frame: 'not json at all', answer: 1007 },
      { frame: '{"i":"7"}', answer: 'typed' },
      { frame: '{"i":"8","p":{"u":42}}', answer: 'typed' },
      { frame: Buffer.from([0x7b, 0xff, 0x00, 0x01]), answer: 1007 },
      { frame: '[1,2,3]', answer: 1007 },
      { frame: '{"i":"9","p":{"u":"/system/ping","b":{"json":{"echo":123}}}}', answer: 'typed' },
      { frame: '{"i":"10","p":{"u":"/system/ping","b":{"json":{"echo":' + '"x"'.repeat(3) + '}}}}', answer: 1007 },
    ];
    for (const { frame, answer } of frames) {
      const ws = new WebSocket(new URL('/rpc-ws', host.url.replace(/^http/, 'ws')));
      await new Promise((r) => ws.once('open', r));
      const outcome = new Promise<string | number>((r) => {
        ws.once('message', (data: Buffer) => r(data.toString()));
        ws.once('close', (code) => r(code));
      });
      ws.send(frame);
      const got = await outcome;
      if (answer === 1007) expect(got).toBe(1007);
      else {
        const reply = JSON.parse(got as string) as { p: { s: number; b: { json: { code: string; message: string; data: { detail: string } } } } };
        expect(reply.p.s).toBe(400);
        expect(reply.p.b.json).toMatchObject({ code: 'BAD_REQUEST', message: '输入内容有误，请检查后重试' });
        expect(reply.p.b.json.data.detail).toMatch(/^malformed|^input validation failed: echo/);
      }
      ws.close();
    }
    expect(stderr).not.toHaveBeenCalled();
    stderr.mockRestore();
    expect(await alive()).toBe(200);
  });
});

describe('HTTP request bodies', () => {
  it('a declared 150 MB body is refused with 413 and a Chinese message before it is read', async () => {
    const r = await post('/rpc/system/ping', { declared: 150 * 1024 * 1024, chunks: 1, chunk: Buffer.alloc(1024) });
    expect(r).toMatchObject({ status: 413 });
    if ('status' in r) expect(rpcError(r.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大，未受理' });
  });

  it('four parallel streamed 150 MB bodies (no Content-Length) are cut at the limit: memory stays flat, the host lives', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    global.gc?.();
    const before = process.memoryUsage().rss;
    const results = await Promise.all(Array.from({ length: 4 }, () => post('/rpc/cases/search', { chunks: (150 * 1024 * 1024) / chunk.length, chunk, headers: { 'x-medins-session': admin } })));
    const after = process.memoryUsage().rss;
    console.log(`body-limit: rss before ${(before / 2 ** 20).toFixed(0)} MiB, after 4×150 MB ${(after / 2 ** 20).toFixed(0)} MiB`);
    // Each is answered 413, or its connection is dropped mid-upload once the answer is out.
    for (const r of results) expect(String('status' in r ? r.status : 'reset')).toMatch(/^(413|reset)$/);
    expect(after - before).toBeLessThan(64 * 2 ** 20);
    expect(await alive()).toBe(200);
  });

  it('the public progress lookup takes only a tiny body and is rate-limited per client', async () => {
    const big = await post('/rpc/cases/progress', { body: JSON.stringify({ json: { code: 'x'.repeat(3000) } }) });
    expect(big).toMatchObject({ status: 413 });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await post('/rpc/cases/progress', { body: JSON.stringify({ json: { code: 'ABC12345' } }) });
      statuses.push('status' in r ? r.status : 0);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 20).every((s) => s === 404 || s === 200)).toBe(true);
  });

  it('garbage JSON gets the usual Chinese message and an English detail', async () => {
    const r = await post('/rpc/system/ping', { body: '{"json": {"echo": "x"', headers: { 'x-medins-session': admin } });
    expect(r).toMatchObject({ status: 400 });
    if ('status' in r) {
      const e = rpcError(r.body);
      expect(e).toMatchObject({ code: 'BAD_REQUEST', message: '输入内容有误，请检查后重试' });
      expect(e.data.detail).toMatch(/not JSON/);
    }
    const shape = await post('/rpc/system/ping', { body: '{"json": 1, "meta": "nope"}' });
    expect(shape).toMatchObject({ status: 400 });
    if ('status' in shape) expect(rpcError(shape.body).message).toBe('输入内容有误，请检查后重试');
  });
});

describe('expected refusals keep their contract status', () => {
  const status = async (call: () => Promise<unknown>) => {
    const e = await call().then(() => null, (x: unknown) => x);
    return e instanceof ORPCError ? [e.code, e.status] : e;
  };

  it('LOGIN_FAILED 401, TRAINING_ONLY 409, CALENDAR_DATA_INVALID 400, SESSION_EXPIRED 401, PASSWORD_CHANGE_REQUIRED 403', async () => {
    const anon = httpClient(host.url);
    const adminClient = httpClient(host.url, {}, admin);
    expect(await status(() => anon.auth.login({ username: 'admin', password: 'wrong-one1' }))).toEqual(['LOGIN_FAILED', 401]);
    expect(await status(() => adminClient.setup.leaveTraining())).toEqual(['TRAINING_ONLY', 409]);
    expect(await status(() => adminClient.calendar.import({ text: '{"not":"a calendar"}' }))).toEqual(['CALENDAR_DATA_INVALID', 400]);
    const chief = httpClient(host.url, {}, await tokenFor(core, 'chief1'));
    // Once a real 500 (LIKE pattern too complex): every contract string has a maximum now.
    expect(await status(() => chief.cases.search({ item: '%_'.repeat(250_000) }))).toEqual(['BAD_REQUEST', 400]);
    const expiring = await tokenFor(core, 'chief1');
    await core.db.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', 4).execute();
    expect(await status(() => httpClient(host.url, {}, expiring).cases.search({}))).toEqual(['SESSION_EXPIRED', 401]);
  });

  it('mustChangePassword is enforced in core: only the password change (and session calls) until it is done', async () => {
    await httpClient(host.url, {}, admin).users.create({ username: 'newclerk', displayName: '新人', roles: ['clerk'], counters: [1], password: 'Start2026x' });
    const token = (await httpClient(host.url).auth.login({ username: 'newclerk', password: 'Start2026x' })).token;
    const fresh = httpClient(host.url, {}, token);
    expect(await status(() => fresh.cases.search({}))).toEqual(['PASSWORD_CHANGE_REQUIRED', 403]);
    expect((await fresh.auth.session()).user.mustChangePassword).toBe(true);
    await fresh.auth.changePassword({ current: 'Start2026x', next: PASSWORD + 'x' });
    expect((await fresh.cases.search({})).total).toBeGreaterThanOrEqual(0);
  });
});
