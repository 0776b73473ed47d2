import { implement, ORPCError } from '@orpc/server';
import { contract } from '../../../shared/contract';
import { userMessage } from '../../../shared/contract/errors';
import type { ProcedureMeta } from '../../../shared/contract/base';
import type { CoreServices } from '../core';
import { SettingsValidationError } from '../settings/store';
import { AppError } from '../errors';
import { isDatabaseUnavailable } from '../db/handle';
import { actorOf, type ResolvedSession } from '../auth/sessions';
import type { Actor } from '../auth/audit';

/** Header that carries the user's (or device's) session token on every transport. */
export const SESSION_HEADER = 'x-medins-session';

/** What every call carries; `sessionToken` is read from SESSION_HEADER by handler-options.ts. */
export interface RpcContext {
  services: CoreServices;
  transport: 'message-port' | 'http' | 'websocket' | 'direct';
  sessionToken?: string;
}

export const os = implement(contract).$context<RpcContext>();

/**
 * Turns whatever a service throws into a typed contract error: known domain errors keep their
 * code; anything else becomes INTERNAL with the detail in the log only.
 */
const typedErrors = os.middleware(async ({ context, next, path }) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ORPCError) throw error;
    if (error instanceof AppError) {
      const message = error.userText ?? userMessage(error.code);
      throw new ORPCError(error.code, { message, data: { code: error.code, message, detail: error.message, fields: error.fields, lockedUntil: error.lockedUntil } });
    }
    if (error instanceof SettingsValidationError) {
      const message = userMessage('SETTINGS_INVALID');
      throw new ORPCError('SETTINGS_INVALID', { message, data: { code: 'SETTINGS_INVALID', message, detail: error.message, fields: error.fields } });
    }
    if (isDatabaseUnavailable(error)) {
      context.services.logger.warn({ err: error, path: path.join('.') }, 'hall database unavailable');
      const message = userMessage('DB_UNAVAILABLE');
      throw new ORPCError('DB_UNAVAILABLE', { message, data: { code: 'DB_UNAVAILABLE', message, detail: 'database unavailable' } });
    }
    context.services.logger.error({ err: error, path: path.join('.') }, 'procedure failed');
    const message = userMessage('INTERNAL');
    throw new ORPCError('INTERNAL', { message, data: { code: 'INTERNAL', message } });
  }
});

/**
 * Authorization in core, for every call over every transport: each procedure's access rule
 * (declared in the contract) is checked against the session behind the token. Handlers get
 * the resolved `session` and the `actor` to audit under.
 */
const access = os.middleware(async ({ context, next, procedure, path }) => {
  const rule = (procedure['~orpc'].meta as ProcedureMeta).access;
  const { services } = context;
  const transport = context.transport;
  const proceed = (session: ResolvedSession | null) =>
    next({ context: { session, actor: actorOf(session, transport, services.settings.get().counter.number) as Actor } });

  if (!rule) throw new AppError('FORBIDDEN', `procedure ${path.join('.')} declares no access rule`);
  if (rule.kind === 'public') return proceed(await services.sessions.resolve(context.sessionToken, transport).catch(() => null));
  const setupDone = await services.setup.isComplete();
  if (rule.kind === 'setup') {
    if (setupDone) throw new AppError('CONFLICT', 'setup already complete', '首次设置已完成');
    return proceed(null);
  }
  if (!setupDone) throw new AppError('SETUP_REQUIRED', 'first-run setup not done');
  const session = await services.sessions.resolve(context.sessionToken, transport);
  if (!session) throw new AppError('UNAUTHORIZED', 'no valid session');
  if (session.kind === 'device') {
    if (rule.kind === 'user' && rule.devices?.includes(session.scope)) return proceed(session);
    throw new AppError('FORBIDDEN', `device ${session.scope} may not call ${path.join('.')}`);
  }
  if (rule.kind === 'session') return proceed(session);
  if (session.locked) throw new AppError('SESSION_LOCKED', 'session is locked');
  if (rule.roles && !rule.roles.some((r) => session.roles.includes(r))) {
    await services.audit.record(actorOf(session, transport, null), 'access.denied', path.join('.'), { roles: session.roles });
    throw new AppError('FORBIDDEN', `roles ${session.roles.join(',')} may not call ${path.join('.')}`);
  }
  await services.sessions.touch(session);
  return proceed(session);
});

/** Start every procedure implementation from here. */
export const p = os.use(typedErrors).use(access);

/** The signed-in user's session inside a handler of a 'session' or 'user' procedure. */
export function userSession(session: ResolvedSession | null): Extract<ResolvedSession, { kind: 'user' }> {
  if (!session || session.kind !== 'user') throw new AppError('UNAUTHORIZED', 'a user session is required');
  return session;
}
