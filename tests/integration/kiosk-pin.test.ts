import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORPCError } from '@orpc/client';
import type { Core } from '../../electron/core/core';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { messagePortClient, type TestClient } from '../fixtures/clients';

/** The kiosk unlock PIN: set by an admin, checked for the kiosk device, locked out, audited. */
let t = Date.parse('2026-11-23T09:00:00+08:00');
let core: Core;
let admin: { client: TestClient; close(): void };
let kiosk: { client: TestClient; close(): void };
let board: { client: TestClient; close(): void };
let clerk: { client: TestClient; close(): void };

const codeOf = async (call: Promise<unknown>) => {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return error instanceof ORPCError ? String(error.code) : String(error);
  }
};

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
  const actor = { id: null, name: 'test' };
  admin = messagePortClient(core, await tokenFor(core, 'admin'));
  clerk = messagePortClient(core, await tokenFor(core, 'clerk1'));
  kiosk = messagePortClient(core, (await core.services.sessions.issueDeviceToken(actor, '一楼取号机', 'kiosk')).token);
  board = messagePortClient(core, (await core.services.sessions.issueDeviceToken(actor, '一楼大屏', 'board')).token);
});

afterAll(async () => {
  for (const c of [admin, kiosk, board, clerk]) c.close();
  await core.close();
});

describe('kiosk PIN', () => {
  it('is refused before an admin set one', async () => {
    expect(await admin.client.kiosk.pinStatus()).toEqual({ set: false, setAt: null, lockedUntil: null });
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '123456' }))).toBe('LOGIN_FAILED');
  });

  it('only an admin sets it; digits, 6 to 12', async () => {
    expect(await codeOf(clerk.client.kiosk.setPin({ pin: '246810' }))).toBe('FORBIDDEN');
    expect(await codeOf(kiosk.client.kiosk.setPin({ pin: '246810' }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.client.kiosk.setPin({ pin: '12ab56' }))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.client.kiosk.setPin({ pin: '12345' }))).toBe('BAD_REQUEST');
    expect(await admin.client.kiosk.setPin({ pin: '246810' })).toEqual({ ok: true });
    const status = await admin.client.kiosk.pinStatus();
    expect(status.set).toBe(true);
    expect(status.setAt).toBe(new Date(t).toISOString());
  });

  it('is kept hashed with scrypt, never in clear', async () => {
    const rows = await core.db.db.selectFrom('app_meta').selectAll().where('key', 'like', 'kiosk_pin%').execute();
    const hash = rows.find((r) => r.key === 'kiosk_pin_hash')!.value;
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('246810');
  });

  it('the kiosk device (not a board or a clerk) verifies it and gets a one-time exit grant', async () => {
    expect(await codeOf(board.client.kiosk.verifyPin({ pin: '246810' }))).toBe('FORBIDDEN');
    expect(await codeOf(clerk.client.kiosk.verifyPin({ pin: '246810' }))).toBe('FORBIDDEN');
    const { grant } = await kiosk.client.kiosk.verifyPin({ pin: '246810' });
    expect(grant).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(core.services.kioskPin.redeemExitGrant('made-up-grant-xxxxxxxx')).toBe(false);
    expect(core.services.kioskPin.redeemExitGrant(grant)).toBe(true);
    expect(core.services.kioskPin.redeemExitGrant(grant)).toBe(false);
  });

  it('a grant expires if main does not redeem it in time', async () => {
    const { grant } = await kiosk.client.kiosk.verifyPin({ pin: '246810' });
    t += 31_000;
    expect(core.services.kioskPin.redeemExitGrant(grant)).toBe(false);
  });

  it('locks after repeated wrong PINs, even the right one, until the lockout ends', async () => {
    const { maxFailedLogins, lockoutMinutes } = core.services.settings.get().security;
    for (let i = 1; i < maxFailedLogins; i++) expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '000000' }))).toBe('LOGIN_FAILED');
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '000000' }))).toBe('ACCOUNT_LOCKED');
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '246810' }))).toBe('ACCOUNT_LOCKED');
    expect((await admin.client.kiosk.pinStatus()).lockedUntil).toBe(new Date(t + lockoutMinutes * 60_000).toISOString());
    t += lockoutMinutes * 60_000 + 1000;
    // The admin's screen has idle-locked by now: sign in again.
    admin.close();
    admin = messagePortClient(core, await tokenFor(core, 'admin'));
    expect((await admin.client.kiosk.pinStatus()).lockedUntil).toBeNull();
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '246810' }))).toBe('ok');
  });

  it('a new PIN clears the lockout and the old PIN stops working', async () => {
    const { maxFailedLogins } = core.services.settings.get().security;
    for (let i = 0; i < maxFailedLogins; i++) await codeOf(kiosk.client.kiosk.verifyPin({ pin: '999999' }));
    expect((await admin.client.kiosk.pinStatus()).lockedUntil).not.toBeNull();
    await admin.client.kiosk.setPin({ pin: '13572468' });
    expect((await admin.client.kiosk.pinStatus()).lockedUntil).toBeNull();
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '246810' }))).toBe('LOGIN_FAILED');
    expect(await codeOf(kiosk.client.kiosk.verifyPin({ pin: '13572468' }))).toBe('ok');
  });

  it('every set, unlock, failure and lockout is in the audit log, under the device', async () => {
    const { entries } = await core.services.audit.list({ action: 'kiosk.', limit: 100 });
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['kiosk.pin.set', 'kiosk.unlock', 'kiosk.unlock.failed', 'kiosk.unlock.locked']));
    expect(entries.find((e) => e.action === 'kiosk.unlock')!.actor).toBe('device:一楼取号机');
    expect(entries.find((e) => e.action === 'kiosk.pin.set')!.actor).toBe('admin');
    expect(JSON.stringify(entries)).not.toMatch(/246810|13572468|000000/);
    expect((await core.services.audit.verify()).ok).toBe(true);
  });
});
