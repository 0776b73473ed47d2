import { ORPCError } from '@orpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { allTransports, httpClient, wsClient } from '../fixtures/clients';
import { tempDir } from '../fixtures/temp';
import { onPostgres, usePostgres } from '../fixtures/postgres';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let core: Core;
let host: WebHost;
let adminToken: string;
const closers: (() => void)[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-transport-'));
// In the PostgreSQL run this counter keeps its data in a schema of the run's database.
if (onPostgres) usePostgres(dataDir);

beforeAll(async () => {
  core = await preparedCore(dataDir, { logToFile: true });
  adminToken = await tokenFor(core, 'admin');
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  closers.forEach((c) => c());
  await host.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const transports = allTransports(() => host.url, () => core, closers).map(([name, connect]) => [name, () => connect(adminToken)] as const);

describe.each(transports)('contract over %s', (_name, connect) => {
  it('answers system.status from core', async () => {
    const client = await connect();
    const status = await client.system.status();
    expect(status.dataDir).toBe(dataDir);
    expect(status.db).toMatchObject({ dialect: onPostgres ? 'postgres' : 'sqlite', schemaVersion: LATEST_SCHEMA_VERSION, latestSchemaVersion: LATEST_SCHEMA_VERSION, journalMode: onPostgres ? expect.stringMatching(/^PostgreSQL \d+/) : 'wal' });
    expect(status.settings.catalog.sourceId).toBe('national-2020');
    expect(status.settings.hall.name).toBe('测试大厅');
    expect(status.installId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams clock events with increasing sequence numbers', async () => {
    const client = await connect();
    const controller = new AbortController();
    const stream = await client.system.clock({ intervalMs: 100 }, { signal: controller.signal });
    const ticks = [];
    for await (const tick of stream) {
      ticks.push(tick);
      if (ticks.length === 3) break;
    }
    controller.abort();
    expect(ticks.map((t) => t.seq)).toEqual([0, 1, 2]);
    expect(ticks[0]!.now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(Date.parse(ticks[2]!.now)).toBeGreaterThan(Date.parse(ticks[0]!.now));
  });

  it('rejects invalid input with a typed error: code, Chinese message, field reasons', async () => {
    const client = await connect();
    const error = await client.settings.update({ hall: { regionCode: '12ab' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ORPCError);
    const e = error as ORPCError<string, { code: string; message: string; fields: Record<string, string> }>;
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.data.message).toBe('输入内容有误，请检查后重试');
    expect(e.data.fields['hall.regionCode']).toBe('医保区划代码应为6位数字');
    expect((await client.settings.get()).hall.regionCode).toBe('410100');
  });

  it('saves a valid settings change that every transport then sees', async () => {
    const client = await connect();
    const number = Math.floor(Math.random() * 900) + 10;
    await client.settings.update({ counter: { number } });
    for (const [, other] of transports) expect((await (await other()).settings.get()).counter.number).toBe(number);
  });

  it('a settings change touches only the keys it names: the rest of the section stays', async () => {
    const client = await connect();
    await client.settings.update({ counter: { name: '综合窗口' }, scanning: { resolution: 200, colorMode: 'color' } });
    await client.settings.update({ counter: { number: 12 } });
    await client.settings.update({ scanning: { resolution: 150 } });
    const s = await client.settings.get();
    expect(s.counter).toMatchObject({ number: 12, name: '综合窗口' });
    expect(s.scanning).toMatchObject({ resolution: 150, colorMode: 'color' });
  });
});

describe('web host access', () => {
  it('refuses to listen on a LAN address without an access token', async () => {
    await expect(startWebHost({ cores: { current: () => core }, host: '0.0.0.0', port: 0 })).rejects.toThrow(/access token/);
  });

  it('with a token: 401 without it, works with it, by header or by the cookie set from ?token=', async () => {
    const token = 'hall-token-0123456789abcdef';
    const lan = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0, accessToken: token });
    try {
      expect((await fetch(new URL('/rpc/system/status', lan.url), { method: 'POST' })).status).toBe(401);
      await expect(httpClient(lan.url, {}, adminToken).system.status()).rejects.toThrow();
      expect((await httpClient(lan.url, { authorization: `Bearer ${token}` }, adminToken).system.status()).dataDir).toBe(dataDir);
      expect((await httpClient(lan.url, { authorization: 'Bearer wrong-token-0123456789' }).system.ping({ echo: 'x' }).catch((e: Error) => e)) instanceof Error).toBe(true);

      const opened = await fetch(new URL(`/?token=${token}`, lan.url), { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const cookie = opened.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      const viaCookie = await httpClient(lan.url, { cookie: cookie.split(';')[0]! }).system.ping({ echo: '你好' });
      expect(viaCookie.echo).toBe('你好');

      await expect(wsClient(lan.url)).rejects.toThrow(/403/);
      const ws = await wsClient(lan.url, { authorization: `Bearer ${token}` });
      expect((await ws.client.system.ping({ echo: 'ws' })).echo).toBe('ws');
      ws.close();
      // /healthz stays open for monitoring and reveals nothing personal.
      expect((await fetch(new URL('/healthz', lan.url))).status).toBe(200);
    } finally {
      await lan.close();
    }
  });

  it('with a token: the renderer files and 办理进度查询 stay open (receipt QR on a phone), nothing else', async () => {
    const token = 'hall-token-0123456789abcdef';
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>医保经办窗口</title>');
    const lan = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0, accessToken: token, staticDir: dir });
    try {
      expect((await fetch(new URL('/', lan.url))).status).toBe(200);
      const lookup = await httpClient(lan.url).cases.progress({ code: 'NOPE0000' }).catch((e: { code?: string }) => e);
      expect(lookup).toMatchObject({ code: 'NOT_FOUND' });
      expect((await fetch(new URL('/rpc/system/status', lan.url), { method: 'POST' })).status).toBe(401);
      expect((await fetch(new URL('/rpc/cases/progress', lan.url), { method: 'GET' })).status).toBe(401);
      await expect(wsClient(lan.url)).rejects.toThrow(/403/);
    } finally {
      await lan.close();
    }
  });

  it('refuses cross-site requests (foreign Origin) on the API and the WebSocket', async () => {
    const res = await fetch(new URL('/rpc/system/status', host.url), { method: 'POST', headers: { origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    await expect(wsClient(host.url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('sends the content security policy and says plainly when the renderer is not built', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(((await res.json()) as { message: string }).message).toContain('界面尚未构建');
  });

  it('serves the built renderer with SPA fallback when given a folder', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>医保经办窗口</title>');
    const site = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0, staticDir: dir });
    try {
      for (const p of ['/', '/some/deep/link']) {
        const res = await fetch(new URL(p, site.url));
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('医保经办窗口');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
      }
    } finally {
      await site.close();
    }
  });
});

describe('DNS rebinding', () => {
  it('a loopback web host refuses requests whose Host names another machine, even with a matching Origin', async () => {
    const http = await import('node:http');
    const { port } = new URL(host.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/rpc/setup/status', method: 'POST', headers: { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
    expect((await fetch(new URL('/healthz', host.url))).status).toBe(200);
    expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
  });
});
