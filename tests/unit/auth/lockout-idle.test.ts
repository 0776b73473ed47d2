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
  it('locks after 5 failures with the unlock time, refuses the right password until then, then lets in', async () => {
    const { core, advance, at } = await clockedCore();
    const { client } = messagePortClient(core);
    for (let i = 1; i <= 4; i++) {
      const e = (await client.auth.login({ username: 'clerk1', password: `wrong${i}xx` }).catch((x: unknown) => x)) as ORPCError<string, { message: string }>;
      expect(e.code).toBe('LOGIN_FAILED');
      expect(e.data.message).toContain(`再错 ${5 - i} 次将锁定账号`);
    }
    const locked = (await client.auth.login({ username: 'clerk1', password: 'wrong5xx' }).catch((x: unknown) => x)) as ORPCError<string, { lockedUntil: string }>;
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect(Date.parse(locked.data.lockedUntil) - at()).toBe(15 * 60_000);
    expect(await codeOf(client.auth.login({ username: 'clerk1', password: PASSWORD }))).toBe('ACCOUNT_LOCKED');
    advance(15 * 60_000 + 1);
    expect(await codeOf(client.auth.login({ username: 'clerk1', password: PASSWORD }))).toBe('OK');
    const actions = (await core.services.audit.list({ actor: 'clerk1' })).entries.map((e) => e.action);
    expect(actions).toContain('auth.lockout');
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(4);
    await core.close();
  });

  it('a successful sign-in resets the count', async () => {
    const { core } = await clockedCore();
    const { client } = messagePortClient(core);
    for (let i = 0; i < 4; i++) await codeOf(client.auth.login({ username: 'queue1', password: 'nope1234' }));
    await client.auth.login({ username: 'queue1', password: PASSWORD });
    for (let i = 0; i < 4; i++) expect(await codeOf(client.auth.login({ username: 'queue1', password: 'nope1234' }))).toBe('LOGIN_FAILED');
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
