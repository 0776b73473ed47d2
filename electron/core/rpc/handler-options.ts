import { ORPCError, ValidationError } from '@orpc/server';
import type { StandardRPCHandlerOptions } from '@orpc/server/standard';
import { userMessage } from '../../../shared/contract/errors';
import { REQUEST_ID_HEADER, REQUEST_ID_PATTERN } from '../../../shared/contract/creating';
import { SESSION_HEADER, type RpcContext } from './base';

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const raw = headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/** oRPC's own answer to a body it could not decode (not JSON, wrong shape): English only. */
const MALFORMED = /^Malformed request/;

/**
 * The typed BAD_REQUEST a malformed body gets on every transport: the usual Chinese message for
 * the user, oRPC's English reason as the detail. In oRPC's wire shape (StandardRPCSerializer).
 */
export function malformedBody(detail: string): { json: Record<string, unknown>; meta: [] } {
  const message = userMessage('BAD_REQUEST');
  return { json: { defined: true, code: 'BAD_REQUEST', status: 400, message, data: { code: 'BAD_REQUEST', message, detail } }, meta: [] };
}

/**
 * Options every transport's RPC handler uses, so HTTP, WebSocket and MessagePort answer alike.
 * Input rejected by the contract's zod schema becomes a typed BAD_REQUEST whose data carries
 * the Chinese message per field, instead of oRPC's generic English text.
 */
export const rpcHandlerOptions: StandardRPCHandlerOptions<RpcContext> = {
  // The session token travels as a request header on all three transports (HTTP, WebSocket,
  // MessagePort all carry the standard request's headers); lift it into the context.
  // The client's request id of a creating call rides along the same way (shared/contract/creating.ts).
  interceptors: [
    async (options) => {
      const sessionToken = header(options.request.headers, SESSION_HEADER);
      const id = header(options.request.headers, REQUEST_ID_HEADER);
      const requestId = id !== undefined && REQUEST_ID_PATTERN.test(id) ? id : undefined;
      const result = await options.next({ ...options, context: { ...options.context, sessionToken, requestId } });
      const body = result.matched ? (result.response.body as { json?: { code?: unknown; message?: unknown; defined?: unknown } } | undefined) : undefined;
      if (result.matched && result.response.status === 400 && body?.json?.defined === false && typeof body.json.message === 'string' && MALFORMED.test(body.json.message)) {
        return { ...result, response: { ...result.response, body: malformedBody(`malformed request body: ${body.json.message}`) } };
      }
      return result;
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

