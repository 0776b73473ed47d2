import { useEffect, useRef, useState } from 'react';
import { ORPCError } from '@orpc/client';
import { errorText } from './errors';

export type StreamState = 'connecting' | 'live' | 'lost' | 'denied';

/** Codes that retrying will not fix: a revoked device token, a missing role. */
const DENIED = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'SESSION_EXPIRED']);

/**
 * Follows one of core's event streams: opens it, hands each event to `onEvent`, and reopens it
 * after `retryMs` when it drops. A refusal retrying cannot fix ends in `denied` with core's
 * Chinese reason; other refusals keep their code while the stream retries. `key` reopens the stream when it changes (e.g. the client).
 */
export function useEventStream<T>(
  open: (signal: AbortSignal) => Promise<AsyncIterable<T>>,
  onEvent: (event: T) => void,
  key: unknown,
  retryMs = 2000,
): { state: StreamState; error: string | null; errorCode: string | null } {
  const [state, setState] = useState<StreamState>('connecting');
  const [error, setError] = useState<{ text: string; code: string } | null>(null);
  const openRef = useRef(open);
  const eventRef = useRef(onEvent);
  useEffect(() => {
    openRef.current = open;
    eventRef.current = onEvent;
  });

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        for await (const event of await openRef.current(controller.signal)) {
          eventRef.current(event);
          setState('live');
          setError(null);
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ORPCError && DENIED.has(e.code)) {
          setState('denied');
          setError({ text: errorText(e), code: e.code });
          return;
        }
        // Kept while retrying, so a screen can tell why (e.g. DB_UNAVAILABLE in hall mode).
        if (e instanceof ORPCError) setError({ text: errorText(e), code: e.code });
      }
      if (!controller.signal.aborted) {
        setState('lost');
        retry = setTimeout(() => void run(), retryMs);
      }
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [key, retryMs]);

  return { state, error: error?.text ?? null, errorCode: error?.code ?? null };
}
