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

export const os = implement(contract).$context<RpcContext>();

/** A domain error a service throws on purpose: it keeps its code and reaches the user. */
export class AppError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN',
    detail: string,
    readonly userText?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(detail);
  }
}

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
      throw new ORPCError(error.code, { message, data: { code: error.code, message, detail: error.message, fields: error.fields } });
    }
    if (error instanceof SettingsValidationError) {
      const message = userMessage('SETTINGS_INVALID');
      throw new ORPCError('SETTINGS_INVALID', { message, data: { code: 'SETTINGS_INVALID', message, detail: error.message, fields: error.fields } });
    }
    context.services.logger.error({ err: error, path: path.join('.') }, 'procedure failed');
    const message = userMessage('INTERNAL');
    throw new ORPCError('INTERNAL', { message, data: { code: 'INTERNAL', message } });
  }
});

/** Start every procedure implementation from here. */
export const p = os.use(typedErrors);
