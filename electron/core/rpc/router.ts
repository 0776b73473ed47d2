import { implement, ORPCError } from '@orpc/server';
import { contract } from '../../../shared/contract';
import { userMessage } from '../../../shared/contract/errors';
import type { CoreServices } from '../core';
import { SettingsValidationError } from '../settings/store';

/** What every call carries; [users] adds the authenticated session here. */
export interface RpcContext {
  services: CoreServices;
  transport: 'message-port' | 'http' | 'websocket' | 'direct';
}

const os = implement(contract).$context<RpcContext>();

/**
 * Turns whatever a service throws into a typed contract error: known domain errors keep their
 * code; anything else becomes INTERNAL with the detail in the log only.
 */
const typedErrors = os.middleware(async ({ context, next, path }) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ORPCError) throw error;
    if (error instanceof SettingsValidationError) {
      throw new ORPCError('SETTINGS_INVALID', {
        message: userMessage('SETTINGS_INVALID'),
        data: { code: 'SETTINGS_INVALID', message: userMessage('SETTINGS_INVALID'), detail: error.message, fields: error.fields },
      });
    }
    context.services.logger.error({ err: error, path: path.join('.') }, 'procedure failed');
    throw new ORPCError('INTERNAL', {
      message: userMessage('INTERNAL'),
      data: { code: 'INTERNAL', message: userMessage('INTERNAL') },
    });
  }
});

const p = os.use(typedErrors);

export const router = os.router({
  system: {
    status: p.system.status.handler(({ context }) => context.services.system.status()),
    clock: p.system.clock.handler(async function* ({ context, input, signal }) {
      yield* context.services.system.clock(input.intervalMs, signal);
    }),
    ping: p.system.ping.handler(({ input }) => ({ echo: input.echo, at: new Date().toISOString() })),
  },
  settings: {
    get: p.settings.get.handler(({ context }) => context.services.publicSettings()),
    update: p.settings.update.handler(({ context, input }) => {
      context.services.settings.update(input);
      context.services.logger.info({ sections: Object.keys(input) }, 'settings updated');
      return context.services.publicSettings();
    }),
  },
});

export type CoreRouter = typeof router;
