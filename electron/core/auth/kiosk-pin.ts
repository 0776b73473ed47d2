import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { readMeta, writeMeta } from '../db/meta';
import type { Settings } from '../../../shared/settings/schema';
import { AppError } from '../errors';
import type { Actor, AuditLog } from './audit';
import { hashPassword, verifyPassword } from './passwords';
import { authMessages } from '../../../shared/messages/zh-CN';

/**
 * The admin PIN that lets staff leave the locked 取号 kiosk window (docs/operations.md).
 * Kept hashed (scrypt, as passwords) in app_meta with its failure count and lockout, so a
 * restart neither forgets the PIN nor resets a lockout. A correct PIN yields a one-time exit
 * grant that the Electron main process redeems over core's own port (core-host.ts): main
 * never takes the page's word for it.
 */
const PIN_HASH = 'kiosk_pin_hash';
const PIN_SET_AT = 'kiosk_pin_set_at';
const FAILURES = 'kiosk_pin_failures';
const LOCKED_UNTIL = 'kiosk_pin_locked_until';
/** How long a grant may wait for main to redeem it. */
export const EXIT_GRANT_TTL_MS = 30_000;

export interface KioskPinDeps {
  db: Kysely<Database>;
  audit: AuditLog;
  settings: { get(): Settings };
  now: () => number;
}

export function createKioskPin({ db, audit, settings, now }: KioskPinDeps) {
  const grants = new Map<string, number>();
  const iso = () => new Date(now()).toISOString();

  const read = (key: string) => readMeta(db, key);
  const write = (key: string, value: string, through: Kysely<Database> = db) => writeMeta(through, key, value, iso());

  return {
    async status(): Promise<{ set: boolean; setAt: string | null; lockedUntil: string | null }> {
      const lockedUntil = (await read(LOCKED_UNTIL)) ?? '';
      return { set: (await read(PIN_HASH)) !== undefined, setAt: (await read(PIN_SET_AT)) ?? null, lockedUntil: lockedUntil && Date.parse(lockedUntil) > now() ? lockedUntil : null };
    },

    async setPin(actor: Actor, pin: string): Promise<void> {
      if (!/^\d{6,12}$/.test(pin)) throw new AppError('BAD_REQUEST', 'kiosk PIN must be 6-12 digits', authMessages.kioskPinFormat);
      const hash = await hashPassword(pin);
      await db.transaction().execute(async (trx) => {
        await write(PIN_HASH, hash, trx);
        await write(PIN_SET_AT, iso(), trx);
        await write(FAILURES, '0', trx);
        await write(LOCKED_UNTIL, '', trx);
        await audit.record(actor, 'kiosk.pin.set', 'kiosk', {}, trx);
      });
    },

    /** Checks the PIN; right: a one-time exit grant for main. Wrong too often: locked for a while. */
    async verify(actor: Actor, pin: string): Promise<{ grant: string }> {
      const { maxFailedLogins, lockoutMinutes } = settings.get().security;
      const lockedUntil = (await read(LOCKED_UNTIL)) ?? '';
      if (lockedUntil && Date.parse(lockedUntil) > now()) {
        await audit.record(actor, 'kiosk.unlock.locked', 'kiosk');
        throw new AppError('ACCOUNT_LOCKED', `kiosk PIN locked until ${lockedUntil}`, authMessages.kioskPinLocked, undefined, lockedUntil);
      }
      const hash = await read(PIN_HASH);
      if (!hash) {
        await audit.record(actor, 'kiosk.unlock.failed', 'kiosk', { reason: 'no-pin' });
        throw new AppError('LOGIN_FAILED', 'no kiosk PIN has been set', authMessages.kioskPinNotSet);
      }
      if (!(await verifyPassword(pin, hash))) {
        const failures = Number((await read(FAILURES)) ?? '0') + 1;
        const lock = failures >= maxFailedLogins;
        const until = lock ? new Date(now() + lockoutMinutes * 60_000).toISOString() : '';
        await db.transaction().execute(async (trx) => {
          await write(FAILURES, lock ? '0' : String(failures), trx);
          await write(LOCKED_UNTIL, until, trx);
          await audit.record(actor, 'kiosk.unlock.failed', 'kiosk', { failures, locked: lock }, trx);
        });
        if (lock) throw new AppError('ACCOUNT_LOCKED', `kiosk PIN locked until ${until}`, authMessages.kioskPinLocked, undefined, until);
        throw new AppError('LOGIN_FAILED', 'wrong kiosk PIN', authMessages.kioskPinWrong);
      }
      await db.transaction().execute(async (trx) => {
        await write(FAILURES, '0', trx);
        await write(LOCKED_UNTIL, '', trx);
        await audit.record(actor, 'kiosk.unlock', 'kiosk', {}, trx);
      });
      const grant = crypto.randomBytes(24).toString('base64url');
      for (const [g, expires] of grants) if (expires <= now()) grants.delete(g);
      grants.set(grant, now() + EXIT_GRANT_TTL_MS);
      return { grant };
    },

    /** For the Electron main process only (core-host.ts): true once per grant, within its time. */
    redeemExitGrant(grant: string): boolean {
      const expires = grants.get(grant);
      grants.delete(grant);
      return expires !== undefined && expires > now();
    },
  };
}

export type KioskPin = ReturnType<typeof createKioskPin>;
