import { implement, ORPCError } from '@orpc/server';
import { contract } from '../../../shared/contract';
import { errorStatus, userMessage } from '../../../shared/contract/errors';
import { CREATING_PROCEDURES } from '../../../shared/contract/creating';
import { type AppErrorCode, authMessages } from '../../../shared/messages/zh-CN';
import type { ProcedureMeta } from '../../../shared/contract/base';
import type { CoreServices } from '../core';
import { SettingsValidationError } from '../settings/store';
import { AppError } from '../errors';
import { isDatabaseUnavailable } from '../db/handle';
import { actorOf, type ResolvedSession } from '../auth/sessions';
import type { Actor } from '../auth/audit';

/** Header that carries the user's (or device's) session token on every transport. */
export const SESSION_HEADER = 'x-medins-session';

/**
 * What every call carries; `sessionToken` and `requestId` are read from their headers by
 * handler-options.ts. `clientAddress` is the network source the web host saw (absent on the
 * MessagePort: the counter PC itself); login throttling and lockout are kept per source.
 */
export interface RpcContext {
  services: CoreServices;
  transport: 'message-port' | 'http' | 'websocket' | 'direct';
  sessionToken?: string;
  requestId?: string;
  clientAddress?: string;
}

/** What a signed-in user whose password must change may still call (besides `session` procedures). */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['auth.changePassword']);

/** The contract's status for a code; oRPC would answer any code it has no status for with 500. */
function typed(code: AppErrorCode, message: string, data: Record<string, unknown>, cause?: unknown): ORPCError<string, unknown> {
  return new ORPCError(code, { status: errorStatus[code] ?? 500, message, data: { code, message, ...data }, cause });
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
    if (error instanceof ORPCError) {
      const status = (errorStatus as Record<string, number | undefined>)[error.code];
      if (status === undefined || status === error.status) throw error;
      throw new ORPCError(error.code, { status, message: error.message, data: error.data, cause: error });
    }
    if (error instanceof AppError) {
      const message = error.userText ?? userMessage(error.code);
      throw typed(error.code, message, { detail: error.message, fields: error.fields, lockedUntil: error.lockedUntil, retryAfterSeconds: error.retryAfterSeconds });
    }
    if (error instanceof SettingsValidationError) {
      throw typed('SETTINGS_INVALID', userMessage('SETTINGS_INVALID'), { detail: error.message, fields: error.fields });
    }
    if (isDatabaseUnavailable(error)) {
      context.services.logger.warn({ err: error, path: path.join('.') }, 'hall database unavailable');
      throw typed('DB_UNAVAILABLE', userMessage('DB_UNAVAILABLE'), { detail: 'database unavailable' });
    }
    context.services.logger.error({ err: error, path: path.join('.') }, 'procedure failed');
    throw typed('INTERNAL', userMessage('INTERNAL'), {});
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
    if (setupDone) throw new AppError('CONFLICT', 'setup already complete', authMessages.setupAlreadyComplete);
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
  // A new account's (or reset) password is known to whoever set it: nothing else until it changes.
  if (session.user.must_change_password === 1 && !WHILE_PASSWORD_MUST_CHANGE.has(path.join('.'))) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', `${path.join('.')} refused: password must be changed first`);
  }
  if (rule.roles && !rule.roles.some((r) => session.roles.includes(r))) {
    await services.audit.record(actorOf(session, transport, null), 'access.denied', path.join('.'), { roles: session.roles });
    throw new AppError('FORBIDDEN', `roles ${session.roles.join(',')} may not call ${path.join('.')}`);
  }
  await services.sessions.touch(session);
  return proceed(session);
});

/**
 * A creating call that carries the client's request id runs once per id: a retry gets the first
 * answer (rpc/client-requests.ts). Calls without an id run as before (CLI, older clients).
 */
const oncePerRequestId = os.middleware(async ({ context, next, path }) => {
  const name = path.join('.');
  const { requestId, session } = context as RpcContext & { session?: ResolvedSession | null };
  if (!requestId || !CREATING_PROCEDURES.has(name)) return next();
  const caller = !session ? 'anonymous' : session.kind === 'device' ? `device:${session.id}` : `user:${session.user.id}`;
  let ran: Awaited<ReturnType<typeof next>> | undefined;
  const output = await context.services.clientRequests.once(requestId, caller, name, async () => {
    ran = await next();
    return ran.output;
  });
  return ran ?? { output: output as never, context: {} };
});

/** Start every procedure implementation from here. */
export const p = os.use(typedErrors).use(access).use(oncePerRequestId);

/** The signed-in user's session inside a handler of a 'session' or 'user' procedure. */
export function userSession(session: ResolvedSession | null): Extract<ResolvedSession, { kind: 'user' }> {
  if (!session || session.kind !== 'user') throw new AppError('UNAUTHORIZED', 'a user session is required');
  return session;
}
