import { ORPCError, ValidationError } from '@orpc/server';
import type { StandardRPCHandlerOptions } from '@orpc/server/standard';
import { userMessage } from '../../../shared/contract/errors';
import { SESSION_HEADER, type RpcContext } from './base';

/**
 * Options every transport's RPC handler uses, so HTTP, WebSocket and MessagePort answer alike.
 * Input rejected by the contract's zod schema becomes a typed BAD_REQUEST whose data carries
 * the Chinese message per field, instead of oRPC's generic English text.
 */
export const rpcHandlerOptions: StandardRPCHandlerOptions<RpcContext> = {
  // The session token travels as a request header on all three transports (HTTP, WebSocket,
  // MessagePort all carry the standard request's headers); lift it into the context.
  interceptors: [
    (options) => {
      const raw = options.request.headers[SESSION_HEADER];
      const sessionToken = Array.isArray(raw) ? raw[0] : raw;
      return options.next({ ...options, context: { ...options.context, sessionToken } });
    },
  ],
  clientInterceptors: [
    async ({ next }) => {
      try {
        return await next();
      } catch (error) {
        if (error instanceof ORPCError && error.code === 'BAD_REQUEST' && error.cause instanceof ValidationError) {
          const fields: Record<string, string> = {};
          for (const issue of error.cause.issues) fields[(issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.')] = issue.message;
          const message = userMessage('BAD_REQUEST');
          throw new ORPCError('BAD_REQUEST', {
            status: 400,
            message,
            data: { code: 'BAD_REQUEST', message, detail: `input validation failed: ${Object.keys(fields).join(', ')}`, fields },
            cause: error.cause,
          });
        }
        throw error;
      }
    },
  ],
};

