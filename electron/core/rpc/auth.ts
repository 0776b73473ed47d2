import { AppError } from '../errors';
import { toHallIso } from '../../../shared/system/hall-time';
import { p, userSession } from './base';
import { authMessages } from '../../../shared/messages/zh-CN';

/** First run, sign-in, users, device tokens, audit log, and what the board may read. */
export const setup = {
  status: p.setup.status.handler(({ context }) => context.services.setup.status()),
  complete: p.setup.complete.handler(async ({ context, input }) => {
    const { services } = context;
    await services.setup.complete(input, context.transport);
    await services.queue.ensureDefaults([input.counter.number]);
    return services.sessions.login(input.admin.username, input.admin.password, context.transport);
  }),
  startTraining: p.setup.startTraining.handler(async ({ context }) => {
    await context.services.switchProfile('training');
    return { training: true as const };
  }),
  leaveTraining: p.setup.leaveTraining.handler(async ({ context }) => {
    if (!context.services.training) throw new AppError('TRAINING_ONLY', 'not in training mode');
    await context.services.audit.record(context.actor, 'training.leave');
    await context.services.switchProfile('production');
    return { training: false as const };
  }),
};

export const auth = {
  login: p.auth.login.handler(({ context, input }) => context.services.sessions.login(input.username, input.password, context.transport, context.clientAddress)),
  session: p.auth.session.handler(({ context }) => context.services.sessions.info(userSession(context.session).id)),
  logout: p.auth.logout.handler(async ({ context }) => {
    await context.services.sessions.logout(userSession(context.session).id, context.actor);
    return { ok: true as const };
  }),
  lock: p.auth.lock.handler(async ({ context }) => {
    await context.services.sessions.lock(userSession(context.session).id, context.actor);
    return { ok: true as const };
  }),
  unlock: p.auth.unlock.handler(({ context, input }) => context.services.sessions.unlock(userSession(context.session), input.password, context.actor)),
  touch: p.auth.touch.handler(() => ({ ok: true as const })),
  changePassword: p.auth.changePassword.handler(async ({ context, input }) => {
    await context.services.sessions.changePassword(userSession(context.session), input.current, input.next, context.actor);
    return { ok: true as const };
  }),
};

export const users = {
  list: p.users.list.handler(({ context }) => context.services.users.list()),
  create: p.users.create.handler(({ context, input }) => context.services.users.create(context.actor, { ...input, mustChangePassword: true })),
  update: p.users.update.handler(({ context, input }) => {
    const { id, ...changes } = input;
    if (id === userSession(context.session).user.id && changes.disabled === true) {
      throw new AppError('CONFLICT', 'cannot disable yourself', authMessages.cannotDisableSelf);
    }
    return context.services.users.update(context.actor, id, changes);
  }),
  resetPassword: p.users.resetPassword.handler(({ context, input }) => context.services.users.setPassword(context.actor, input.id, input.password, true, 'user.reset_password')),
};

export const devices = {
  list: p.devices.list.handler(({ context }) => context.services.sessions.listDeviceTokens()),
  issue: p.devices.issue.handler(({ context, input }) => context.services.sessions.issueDeviceToken(context.actor, input.name, input.scope)),
  revoke: p.devices.revoke.handler(async ({ context, input }) => {
    await context.services.sessions.revokeDeviceToken(context.actor, input.id);
    return { ok: true as const };
  }),
};

export const audit = {
  list: p.audit.list.handler(async ({ context, input }) => {
    const result = await context.services.audit.list(input);
    await context.services.audit.record(context.actor, 'audit.view', null, { from: input.from, to: input.to, action: input.action, rows: result.entries.length });
    return result;
  }),
  verify: p.audit.verify.handler(({ context }) => context.services.audit.verify()),
  export: p.audit.export.handler(async ({ context, input }) => {
    const { entries } = await context.services.audit.list({ ...input, limit: 1_000_000 });
    await context.services.audit.record(context.actor, 'audit.export', null, { from: input.from, to: input.to, rows: entries.length });
    return { entries, verify: await context.services.audit.verify() };
  }),
};

export const board = {
  info: p.board.info.handler(({ context }) => ({ hallName: context.services.settings.get().hall.name, now: toHallIso(context.services.now()) })),
};
