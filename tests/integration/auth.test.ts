import { ORPCError } from '@orpc/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { contract } from '../../shared/contract';
import type { ProcedureMeta } from '../../shared/contract/base';
import { allTransports, httpClient, messagePortClient, type TestClient } from '../fixtures/clients';
import { PASSWORD, preparedCore, tokenFor } from '../fixtures/hall';
import { onPostgres, usePostgres } from '../fixtures/postgres';

let core: Core;
let host: WebHost;
const closers: (() => void)[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-auth-'));
// In the PostgreSQL run this counter keeps its data in a schema of the run's database.
if (onPostgres) usePostgres(dataDir);

beforeAll(async () => {
  core = await preparedCore(dataDir);
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  closers.forEach((c) => c());
  await host.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof ORPCError ? String(error.code) : `THROWN ${String(error)}`;
  }
}

/** Every procedure of the contract with its dotted path. */
function procedures(): { path: string; meta: ProcedureMeta }[] {
  const out: { path: string; meta: ProcedureMeta }[] = [];
  const walk = (node: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const def = (value as { '~orpc'?: { meta: ProcedureMeta } })['~orpc'];
      if (def) out.push({ path: [...prefix, key].join('.'), meta: def.meta });
      else walk(value as Record<string, unknown>, [...prefix, key]);
    }
  };
  walk(contract as unknown as Record<string, unknown>, []);
  return out;
}

function call(client: TestClient, dotted: string, input?: unknown): Promise<unknown> {
  const fn = dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as (i?: unknown) => Promise<unknown>;
  return fn(input);
}

describe('access rules', () => {
  it('every procedure declares who may call it', () => {
    const missing = procedures().filter((p) => !p.meta.access).map((p) => p.path);
    expect(missing).toEqual([]);
    expect(procedures().length).toBeGreaterThan(20);
  });

  it('without a session every non-public procedure answers UNAUTHORIZED (or CONFLICT for setup)', async () => {
    const client = httpClient(host.url);
    for (const p of procedures()) {
      if (p.meta.access?.kind === 'public' || p.path === 'system.clock') continue;
      const expected = p.meta.access?.kind === 'setup' ? 'CONFLICT' : 'UNAUTHORIZED';
      expect(`${p.path}: ${await codeOf(call(client, p.path, {}))}`).toBe(`${p.path}: ${expected}`);
    }
  });

  // Who may do what: [procedure, input, roles allowed]
  const matrix: [string, unknown, string[]][] = [
    ['system.status', undefined, ['admin', 'clerk1', 'queue1', 'chief1']],
    ['catalog.sources', undefined, ['admin', 'clerk1', 'queue1', 'chief1']],
    ['auth.touch', undefined, ['admin', 'clerk1', 'queue1', 'chief1']],
    ['board.info', undefined, ['admin', 'clerk1', 'queue1', 'chief1']],
    ['users.list', undefined, ['admin']],
    ['audit.verify', undefined, ['admin']],
    ['devices.list', undefined, ['admin']],
    ['settings.update', { ui: { idleLockMinutes: 10 } }, ['admin']],
    ['cases.search', {}, ['clerk1', 'chief1']],
    ['cases.deadlines', {}, ['clerk1', 'chief1']],
  ];
  const transports = allTransports(() => host.url, () => core, closers);

  it.each(transports)('each role gets exactly its procedures over %s', async (_name, connect) => {
    for (const user of ['admin', 'clerk1', 'queue1', 'chief1']) {
      const client = await connect(await tokenFor(core, user));
      for (const [proc, input, allowed] of matrix) {
        const expected = allowed.includes(user) ? 'OK' : 'FORBIDDEN';
        expect(`${user} ${proc}: ${await codeOf(call(client, proc, input))}`).toBe(`${user} ${proc}: ${expected}`);
      }
    }
  });

  it('a refused call is audited', async () => {
    const clerk = httpClient(host.url, {}, await tokenFor(core, 'clerk1'));
    await codeOf(clerk.users.list());
    const { entries } = await core.services.audit.list({ action: 'access.denied', actor: 'clerk1' });
    expect(entries[0]?.target).toBe('users.list');
  });

  it('a board device token reads board data and nothing else', async () => {
    const admin = httpClient(host.url, {}, await tokenFor(core, 'admin'));
    const device = await admin.devices.issue({ name: '大厅显示屏', scope: 'board' });
    const board = httpClient(host.url, {}, device.token);
    expect(await board.board.info()).toMatchObject({ hallName: '测试大厅' });
    expect(await codeOf(board.users.list())).toBe('FORBIDDEN');
    expect(await codeOf(board.system.status())).toBe('FORBIDDEN');
    expect(await codeOf(board.auth.session())).toBe('FORBIDDEN');
    await admin.devices.revoke({ id: device.id });
    expect(await codeOf(board.board.info())).toBe('UNAUTHORIZED');
  });
});

describe('sign-in', () => {
  it('logs in, reports the session, logs out for good', async () => {
    const { client } = messagePortClient(core);
    const login = await client.auth.login({ username: 'chief1', password: PASSWORD });
    expect(login.user.roles).toEqual(['supervisor']);
    const me = messagePortClient(core, login.token).client;
    expect((await me.auth.session()).user.username).toBe('chief1');
    await me.auth.logout();
    expect(await codeOf(me.auth.session())).toBe('UNAUTHORIZED');
  });

  it('a wrong password says so in Chinese without telling whether the user exists', async () => {
    const client = httpClient(host.url);
    const unknown = await client.auth.login({ username: 'nobody', password: 'x' }).catch((e: ORPCError<string, { message: string }>) => e);
    const wrong = await client.auth.login({ username: 'queue1', password: 'wrong-pass1' }).catch((e: ORPCError<string, { message: string }>) => e);
    expect((unknown as ORPCError<string, unknown>).code).toBe('LOGIN_FAILED');
    expect((wrong as ORPCError<string, unknown>).code).toBe('LOGIN_FAILED');
    expect((unknown as ORPCError<string, { message: string }>).data.message).toMatch(/^用户名或密码错误/);
    expect((wrong as ORPCError<string, { message: string }>).data.message).toMatch(/^用户名或密码错误/);
  });

  it('a disabled account cannot sign in and its sessions end at once', async () => {
    await core.services.users.create({ id: null, name: 'test' }, { username: 'temp1', displayName: '临时', roles: ['clerk'], counters: [], password: PASSWORD });
    const token = await tokenFor(core, 'temp1');
    const admin = httpClient(host.url, {}, await tokenFor(core, 'admin'));
    const temp = (await admin.users.list()).find((u) => u.username === 'temp1')!;
    await admin.users.update({ id: temp.id, disabled: true });
    expect(await codeOf(httpClient(host.url, {}, token).system.status())).toBe('UNAUTHORIZED');
    expect(await codeOf(httpClient(host.url).auth.login({ username: 'temp1', password: PASSWORD }))).toBe('ACCOUNT_DISABLED');
  });

  it('the last admin cannot be disabled or lose the admin role', async () => {
    const admin = httpClient(host.url, {}, await tokenFor(core, 'admin'));
    const me = (await admin.users.list()).find((u) => u.username === 'admin')!;
    expect(await codeOf(admin.users.update({ id: me.id, disabled: true }))).toBe('CONFLICT');
    expect(await codeOf(admin.users.update({ id: me.id, roles: ['clerk'] }))).toBe('CONFLICT');
  });

  it('new accounts must change their password; weak passwords are refused', async () => {
    const admin = httpClient(host.url, {}, await tokenFor(core, 'admin'));
    expect(await codeOf(admin.users.create({ username: 'weak1', displayName: '弱', roles: ['clerk'], counters: [2], password: 'short' }))).toBe('PASSWORD_WEAK');
    const created = await admin.users.create({ username: 'new1', displayName: '新人', roles: ['clerk'], counters: [2], password: PASSWORD });
    expect(created.mustChangePassword).toBe(true);
    const login = await httpClient(host.url).auth.login({ username: 'new1', password: PASSWORD });
    expect(login.user.mustChangePassword).toBe(true);
    const me = httpClient(host.url, {}, login.token);
    expect(await codeOf(me.auth.changePassword({ current: 'wrong1234', next: 'Better2026' }))).toBe('LOGIN_FAILED');
    await me.auth.changePassword({ current: PASSWORD, next: 'Better2026' });
    expect((await me.auth.session()).user.mustChangePassword).toBe(false);
    expect((await httpClient(host.url).auth.login({ username: 'new1', password: 'Better2026' })).user.username).toBe('new1');
  });
});
