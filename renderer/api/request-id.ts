import { ORPCError } from '@orpc/client';
import type { StandardLinkInterceptorOptions } from '@orpc/client/standard';
import { CREATING_PROCEDURES, REQUEST_ID_HEADER } from '../../shared/contract/creating';

type Options = StandardLinkInterceptorOptions<Record<PropertyKey, unknown>>;

/**
 * Each call of a creating procedure (shared/contract/creating.ts) gets a fresh request id; when
 * it fails without an answer from core (the network dropped, the host restarted) it is sent once
 * more with the same id, and core returns the first call's result if that one had gone through
 * — one case, not two.
 */
export function requestIdInterceptor(newId: () => string = () => crypto.randomUUID()) {
  return async ({ next, ...options }: Options & { next(options?: Options): Promise<unknown> }): Promise<unknown> => {
    if (!CREATING_PROCEDURES.has(options.path.join('.'))) return next();
    const withId: Options = { ...options, context: { ...options.context, requestId: newId() } };
    try {
      return await next(withId);
    } catch (error) {
      // An ORPCError is core's answer (a refusal): sending it again would not change it.
      if (error instanceof ORPCError || options.signal?.aborted) throw error;
      return next(withId);
    }
  };
}

/** The link's headers plus the call's request id, when it has one. */
export function withRequestId(base: () => Record<string, string>) {
  return (options: { context?: Record<PropertyKey, unknown> }): Record<string, string> => {
    const id = options.context?.requestId;
    return typeof id === 'string' ? { ...base(), [REQUEST_ID_HEADER]: id } : base();
  };
}
