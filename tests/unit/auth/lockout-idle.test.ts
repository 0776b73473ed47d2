import { ORPCError } from '@orpc/client';
import { describe, expect, it } from 'vitest';
import { messagePortClient } from '../../fixtures/clients';
import { PASSWORD, preparedCore, tokenFor } from '../../fixtures/hall';
import { tempDir } from '../../fixtures/temp';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof ORPCError ? String(error.code) : `THROWN ${String(error)}`;
  }
}

/** A core whose clock the test moves. */
async function clockedCore() {
  let t = Date.parse('2026-11-23T01:00:00Z');
  const core = await preparedCore(tempDir(), { now: () => t });
  return { core, advance: (ms: number) => (t += ms), at: () => t };
}

describe('lockout after repeated wrong passwords', () => {
  it('locks the account for that source after 5 failures, refuses the right password from there until then, then lets in', async () => {
    const { core, advance } = await clockedCore();
    const { client } = messagePortClient(core);
    for (let i = 1; i <= 5; i++) {
      const e = (await client.auth.login({ username: 'clerk1', password: `wrong${i}xx` }).catch((x: unknown) => x)) as ORPCError<string, { message: string }>;
      expect(e.code).toBe('LOGIN_FAILED');
      expect(e.data.message).toBe('用户名或密码错误（连续输错 5 次将暂停登录 15 分钟）');
    }
    expect(await codeOf(client.auth.login({ username: 'clerk1', password: PASSWORD }))).toBe('LOGIN_FAILED');
    advance(15 * 60_000 + 1);
    expect(await codeOf(client.auth.login({ username: 'clerk1', password: PASSWORD }))).toBe('OK');
    const actions = (await core.services.audit.list({ actor: 'clerk1' })).entries.map((e) => e.action);
    expect(actions).toContain('auth.lockout');
    expect(actions).toContain('auth.login_refused');
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(4);
    await core.close();
  });

  it('a stranger who locks admin from another address does not keep admin out of their own counter', async () => {
    const { core } = await clockedCore();
    const { sessions } = core.services;
    for (let i = 0; i < 8; i++) await sessions.login('admin', `guess${i}xx`, 'http', '192.168.1.66').catch(() => undefined);
    expect(await codeOf(sessions.login('admin', PASSWORD, 'http', '192.168.1.66'))).toMatch(/THROWN|LOGIN_FAILED|TOO_MANY/);
    expect((await sessions.login('admin', PASSWORD, 'message-port', 'local')).user.username).toBe('admin');
    expect((await sessions.login('admin', PASSWORD, 'http', '192.168.1.20')).user.username).toBe('admin');
    await core.close();
  });

  it('unknown name, wrong password and locked account answer alike: same code, same message, same work', async () => {
    const { core } = await clockedCore();
    const { sessions } = core.services;
    for (let i = 0; i < 5; i++) await sessions.login('clerk1', `wrong${i}xx`, 'http', '10.0.0.5').catch(() => undefined);
    const answer = async (username: string, password: string, source: string) => {
      const started = process.hrtime.bigint();
      const error = (await sessions.login(username, password, 'http', source).catch((e: unknown) => e)) as { code: string; userText: string };
      return { code: error.code, text: error.userText, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    // fresh sources, so the throttle stays out of it; the locked one is clerk1 from 10.0.0.5 with the right password
    const unknown = await answer('nobody-here', PASSWORD, '10.0.0.6');
    const wrong = await answer('queue1', 'wrong-pass1', '10.0.0.7');
    const locked = await answer('clerk1', PASSWORD, '10.0.0.5');
    expect(new Set([unknown.code, wrong.code, locked.code])).toEqual(new Set(['LOGIN_FAILED']));
    expect(new Set([unknown.text, wrong.text, locked.text]).size).toBe(1);
    // Each ran one scrypt: none of them answers in the 2–4 ms a skipped check took.
    const fastest = Math.min(unknown.ms, wrong.ms, locked.ms);
    const hashMs = await (async () => {
      const t = process.hrtime.bigint();
      await sessions.login('queue1', 'another-wrong1', 'http', '10.0.0.8').catch(() => undefined);
      return Number(process.hrtime.bigint() - t) / 1e6;
    })();
    expect(fastest).toBeGreaterThan(hashMs / 10);
    await core.close();
  });

  it('a source that keeps failing waits ever longer, whatever names it tries (password spraying)', async () => {
    const { core, advance } = await clockedCore();
    const { sessions } = core.services;
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) codes.push(await codeOf(sessions.login(`user${i}`, 'Spring2026', 'http', '172.16.0.9')));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('THROWN Error: unknown user'));
    expect(codes.slice(6).every((c) => c.includes('must wait'))).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const e = (await sessions.login('admin', 'x', 'http', '172.16.0.9').catch((x: unknown) => x)) as { code: string; retryAfterSeconds: number };
      expect(e.code).toBe('TOO_MANY_REQUESTS');
      waits.push(e.retryAfterSeconds);
      advance(e.retryAfterSeconds * 1000);
      await sessions.login(`spray${i}`, 'Spring2026', 'http', '172.16.0.9').catch(() => undefined);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Another address is not slowed by it.
    expect((await sessions.login('clerk1', PASSWORD, 'http', '172.16.0.10')).user.username).toBe('clerk1');
    await core.close();
  });

  it('a successful sign-in resets the account count', async () => {
    const { core } = await clockedCore();
    const { client } = messagePortClient(core);
    for (let i = 0; i < 4; i++) await codeOf(client.auth.login({ username: 'queue1', password: 'nope1234' }));
    await client.auth.login({ username: 'queue1', password: PASSWORD });
    expect(await codeOf(client.auth.login({ username: 'queue1', password: 'nope1234' }))).toBe('LOGIN_FAILED');
    await core.close();
  });
});

describe('idle lock and session lifetime', () => {
  it('locks a session idle past the setting; only unlock with the password opens it again', async () => {
    const { core, advance } = await clockedCore();
    const me = messagePortClient(core, await tokenFor(core, 'clerk1')).client;
    expect(await codeOf(me.system.status())).toBe('OK');
    advance(9 * 60_000);
    expect(await codeOf(me.auth.touch())).toBe('OK');
    advance(9 * 60_000); // 9 minutes after the touch: still open
    expect(await codeOf(me.system.status())).toBe('OK');
    advance(10 * 60_000 + 1);
    expect(await codeOf(me.system.status())).toBe('SESSION_LOCKED');
    expect((await me.auth.session()).locked).toBe(true);
    expect(await codeOf(me.auth.unlock({ password: 'wrong1234' }))).toBe('LOGIN_FAILED');
    expect(await codeOf(me.system.status())).toBe('SESSION_LOCKED');
    expect((await me.auth.unlock({ password: PASSWORD })).locked).toBe(false);
    expect(await codeOf(me.system.status())).toBe('OK');
    const actions = (await core.services.audit.list({ actor: 'clerk1' })).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.idle_lock', 'auth.unlock', 'auth.login_failed']));
    await core.close();
  });

  it('a locked screen that keeps getting wrong passwords ends the session', async () => {
    const { core } = await clockedCore();
    const me = messagePortClient(core, await tokenFor(core, 'chief1')).client;
    await me.auth.lock();
    for (let i = 0; i < 4; i++) expect(await codeOf(me.auth.unlock({ password: `bad${i}pass` }))).toBe('LOGIN_FAILED');
    expect(await codeOf(me.auth.unlock({ password: 'bad5pass' }))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(me.auth.session())).toBe('UNAUTHORIZED');
    await core.close();
  });

  it('a session ends after sessionHours even when active', async () => {
    const { core, advance } = await clockedCore();
    const me = messagePortClient(core, await tokenFor(core, 'clerk1')).client;
    // A clerk active all day: some activity every 5 minutes for 11 h 55 min.
    for (let i = 0; i < 143; i++) {
      advance(5 * 60_000);
      await me.auth.touch();
    }
    expect(await codeOf(me.system.status())).toBe('OK');
    advance(5 * 60_000);
    expect(await codeOf(me.system.status())).toBe('SESSION_EXPIRED');
    await core.close();
  });
});
