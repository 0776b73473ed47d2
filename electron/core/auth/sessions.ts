import crypto from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SessionsTable } from '../db/schema';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { Settings } from '../../../shared/settings/schema';
import type { SessionInfo } from '../../../shared/contract/auth';
import type { DeviceScope } from '../../../shared/contract/base';
import type { Role } from '../../../shared/auth/roles';
import { newToken, tokenHash, verifyPassword } from './passwords';
import { createLoginGuard } from './login-guard';
import { toSummary, type UserRow, type UserStore } from './users';
import type { Actor, AuditLog } from './audit';
import { authMessages } from '../../../shared/messages/zh-CN';

export type ResolvedSession =
  | { kind: 'user'; id: string; user: UserRow; roles: Role[]; locked: boolean; row: Selectable<SessionsTable> }
  | { kind: 'device'; id: string; scope: DeviceScope; name: string };

/** Compared against when the name is unknown, so that costs what a real check costs. */
const DUMMY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Idle time is recorded at most this often, so reading screens does not write on every call. */
const TOUCH_EVERY_MS = 15_000;

export function actorOf(session: ResolvedSession | null, transport: string | null, counter: number | null): Actor {
  if (!session) return { id: null, name: 'anonymous', transport, counter };
  if (session.kind === 'device') return { id: null, name: `device:${session.name}`, transport, counter };
  return { id: session.user.id, name: session.user.username, displayName: session.user.display_name, transport, counter };
}

/**
 * Sign-in sessions and device tokens. Tokens are random; only their SHA-256 is stored. Wrong
 * passwords at sign-in lock the account for that network source for a while (login-guard.ts);
 * at the lock screen they lock the account itself and end the session; a session idle longer than the setting locks
 * (core refuses its calls until unlock), and every session ends after sessionHours.
 */
export function createSessions(deps: { db: Kysely<Database>; users: UserStore; audit: AuditLog; settings: () => Settings; now: () => number; training: () => boolean }) {
  const { db, users, audit, now } = deps;
  const iso = (ms = now()) => new Date(ms).toISOString();
  const policy = () => deps.settings().security;
  const guard = createLoginGuard(() => ({ maxFailures: policy().maxFailedLogins, lockoutMs: policy().lockoutMinutes * 60_000 }), now);
  const loginFailedText = () => `用户名或密码错误（连续输错 ${policy().maxFailedLogins} 次将暂停登录 ${policy().lockoutMinutes} 分钟）`;
  /** A change and its audit entry: one transaction, one commit. */
  const together = (change: (trx: Kysely<Database>) => Promise<unknown>) => db.transaction().execute(change);

  async function recordFailure(user: UserRow, actor: Actor): Promise<never> {
    const policy = deps.settings().security;
    const failures = user.failed_attempts + 1;
    const lock = failures >= policy.maxFailedLogins;
    const lockedUntil = lock ? iso(now() + policy.lockoutMinutes * 60_000) : null;
    await together(async (trx) => {
      await trx.updateTable('users').set({ failed_attempts: lock ? 0 : failures, locked_until: lockedUntil }).where('id', '=', user.id).execute();
      await audit.record(actor, lock ? 'auth.lockout' : 'auth.login_failed', `user:${user.username}`, { failures }, trx);
    });
    if (lock) throw lockedError(lockedUntil!);
    const left = policy.maxFailedLogins - failures;
    throw new AppError('LOGIN_FAILED', 'wrong password', authMessages.wrongPassword(left));
  }

  function lockedError(until: string): AppError {
    return new AppError('ACCOUNT_LOCKED', `account locked until ${until}`, undefined, undefined, until);
  }

  async function info(sessionId: string): Promise<SessionInfo> {
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    const user = await users.byId(row.user_id!);
    return { user: toSummary(user), locked: row.locked === 1, expiresAt: row.expires_at!, idleLockMinutes: deps.settings().ui.idleLockMinutes, training: deps.training() };
  }

  return {
    info,

    /**
     * Unknown name, wrong password and an account locked for this source get the same answer
     * (LOGIN_FAILED, one message) after the same work (one scrypt, one audit entry), so neither
     * the answer nor its timing tells whether the name exists. A source that keeps failing waits
     * ever longer (TOO_MANY_REQUESTS); see login-guard.ts.
     */
    async login(username: string, password: string, transport: string | null, source = 'local'): Promise<SessionInfo & { token: string }> {
      const name = username.slice(0, 32);
      const anon: Actor = { id: null, name, transport };
      const wait = guard.waitMs(source);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        throw new AppError('TOO_MANY_REQUESTS', `source ${source} must wait ${seconds}s after repeated failures`, authMessages.tooManyAttempts(seconds), undefined, undefined, seconds);
      }
      const user = await users.byUsername(username);
      const locked = user !== undefined && guard.locked(user.username, source);
      const passwordOk = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || locked || !passwordOk) {
        const reason = !user ? 'unknown user' : locked ? 'locked for this source' : 'wrong password';
        const { lockedNow } = guard.failed(user?.username ?? name, source);
        await audit.record(anon, lockedNow ? 'auth.lockout' : locked ? 'auth.login_refused' : 'auth.login_failed', `user:${user?.username ?? name}`, { reason, source });
        throw new AppError('LOGIN_FAILED', reason, loginFailedText());
      }
      if (user.disabled) {
        await audit.record(anon, 'auth.login_refused', `user:${user.username}`, { reason: 'disabled' });
        throw new AppError('ACCOUNT_DISABLED', 'account disabled');
      }
      guard.succeeded(user.username, source);
      const { token, hash } = newToken();
      const id = crypto.randomUUID();
      await together(async (trx) => {
        await trx.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute();
        await trx
          .insertInto('sessions')
          .values({ id, token_hash: hash, kind: 'user', user_id: user.id, device_scope: null, device_name: null, created_at: iso(), last_active_at: iso(), expires_at: iso(now() + deps.settings().security.sessionHours * 3_600_000), revoked_at: null })
          .execute();
        await audit.record({ id: user.id, name: user.username, transport }, 'auth.login', `session:${id.slice(0, 8)}`, {}, trx);
      });
      return { token, ...(await info(id)) };
    },

    /** The session behind a token, or null; enforces expiry, revocation and the idle lock. */
    async resolve(token: string | undefined, actorTransport: string | null): Promise<ResolvedSession | null> {
      if (!token) return null;
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash(token)).executeTakeFirst();
      if (!row || row.revoked_at) return null;
      if (row.kind === 'device') return { kind: 'device', id: row.id, scope: row.device_scope!, name: row.device_name ?? '' };
      if (row.expires_at && Date.parse(row.expires_at) <= now()) throw new AppError('SESSION_EXPIRED', 'session expired');
      const user = await users.byId(row.user_id!);
      if (user.disabled) return null;
      let locked = row.locked === 1;
      const idleMs = deps.settings().ui.idleLockMinutes * 60_000;
      if (!locked && now() - Date.parse(row.last_active_at) > idleMs) {
        locked = true;
        await together(async (trx) => {
          await trx.updateTable('sessions').set({ locked: 1 }).where('id', '=', row.id).execute();
          await audit.record({ id: user.id, name: user.username, transport: actorTransport }, 'auth.idle_lock', `session:${row.id.slice(0, 8)}`, {}, trx);
        });
      }
      return { kind: 'user', id: row.id, user, roles: JSON.parse(user.roles) as Role[], locked, row };
    },

    async touch(session: ResolvedSession): Promise<void> {
      if (session.kind !== 'user' || session.locked) return;
      if (now() - Date.parse(session.row.last_active_at) < TOUCH_EVERY_MS) return;
      await db.updateTable('sessions').set({ last_active_at: iso() }).where('id', '=', session.id).execute();
    },

    async lock(sessionId: string, actor: Actor): Promise<void> {
      await together(async (trx) => {
        await trx.updateTable('sessions').set({ locked: 1 }).where('id', '=', sessionId).execute();
        await audit.record(actor, 'auth.lock', `session:${sessionId.slice(0, 8)}`, {}, trx);
      });
    },

    /** Wrong passwords at the lock screen count like at login; too many end the session. */
    async unlock(session: Extract<ResolvedSession, { kind: 'user' }>, password: string, actor: Actor): Promise<SessionInfo> {
      const user = await users.byId(session.user.id);
      if (user.locked_until && Date.parse(user.locked_until) > now()) throw lockedError(user.locked_until);
      if (!(await verifyPassword(password, user.password_hash))) {
        try {
          await recordFailure(user, actor);
        } catch (error) {
          if (error instanceof AppError && error.code === 'ACCOUNT_LOCKED') await db.updateTable('sessions').set({ revoked_at: iso() }).where('id', '=', session.id).execute();
          throw error;
        }
      }
      await together(async (trx) => {
        await trx.updateTable('users').set({ failed_attempts: 0 }).where('id', '=', user.id).execute();
        await trx.updateTable('sessions').set({ locked: 0, last_active_at: iso() }).where('id', '=', session.id).execute();
        await audit.record(actor, 'auth.unlock', `session:${session.id.slice(0, 8)}`, {}, trx);
      });
      return info(session.id);
    },

    async logout(sessionId: string, actor: Actor): Promise<void> {
      await together(async (trx) => {
        await trx.updateTable('sessions').set({ revoked_at: iso() }).where('id', '=', sessionId).execute();
        await audit.record(actor, 'auth.logout', `session:${sessionId.slice(0, 8)}`, {}, trx);
      });
    },

    async changePassword(session: Extract<ResolvedSession, { kind: 'user' }>, current: string, next: string, actor: Actor): Promise<void> {
      const user = await users.byId(session.user.id);
      if (!(await verifyPassword(current, user.password_hash))) {
        await audit.record(actor, 'auth.password_change_failed', `user:${user.username}`);
        throw new AppError('LOGIN_FAILED', 'wrong current password', authMessages.wrongCurrentPassword, { current: authMessages.wrongCurrentPassword });
      }
      if (current === next) throw new AppError('PASSWORD_WEAK', 'same password', authMessages.samePassword, { next: authMessages.samePassword });
      await users.setPassword(actor, user.id, next, false, 'auth.password_change');
    },

    async issueDeviceToken(actor: Actor, name: string, scope: DeviceScope) {
      const { token, hash } = newToken();
      const id = crypto.randomUUID();
      await together(async (trx) => {
        await keepRequest(trx);
        await trx.insertInto('sessions').values({ id, token_hash: hash, kind: 'device', user_id: null, device_scope: scope, device_name: name, created_at: iso(), last_active_at: iso(), expires_at: null, revoked_at: null }).execute();
        await audit.record(actor, 'device.issue', `device:${name}`, { scope }, trx);
      });
      return { id, name, scope, createdAt: iso(), revoked: false, token };
    },

    async listDeviceTokens() {
      const rows = await db.selectFrom('sessions').selectAll().where('kind', '=', 'device').orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, name: r.device_name ?? '', scope: r.device_scope!, createdAt: r.created_at, revoked: r.revoked_at !== null }));
    },

    async revokeDeviceToken(actor: Actor, id: string): Promise<void> {
      const row = await db.selectFrom('sessions').select(['device_name']).where('id', '=', id).where('kind', '=', 'device').executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `device token ${id} not found`, authMessages.deviceTokenNotFound);
      await together(async (trx) => {
        await trx.updateTable('sessions').set({ revoked_at: iso() }).where('id', '=', id).execute();
        await audit.record(actor, 'device.revoke', `device:${row.device_name}`, {}, trx);
      });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
