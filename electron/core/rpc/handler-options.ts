import { ORPCError, ValidationError } from '@orpc/server';
import { userMessage } from '../../../shared/contract/errors';

/**
 * Options every transport's RPC handler uses, so HTTP, WebSocket and MessagePort answer alike.
 * Input rejected by the contract's zod schema becomes a typed BAD_REQUEST whose data carries
 * the Chinese message per field, instead of oRPC's generic English text.
 */
export const rpcHandlerOptions = {
  clientInterceptors: [
    async ({ next }: { next: () => Promise<unknown> }) => {
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

