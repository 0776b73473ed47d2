import { useEffect, useState } from 'react';
import { ORPCError } from '@orpc/client';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

export type QueueStreamState = 'connecting' | 'live' | 'lost' | 'denied';

/** Codes that retrying will not fix: a revoked device token, a missing role. */
const DENIED = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'SESSION_EXPIRED']);

/**
 * The live queue: core sends a full snapshot at once and after every change; the stream
 * reconnects by itself (as useClock does). `denied` stops retrying and carries core's reason.
 */
export function useQueueWatch(): { snapshot: QueueSnapshot | null; state: QueueStreamState; error: string | null; errorCode: string | null } {
  const { client } = useApi();
  const [snapshot, setSnapshot] = useState<QueueSnapshot | null>(null);
  const [state, setState] = useState<QueueStreamState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const stream = await client.queue.watch(undefined, { signal: controller.signal });
        for await (const s of stream) {
          setSnapshot(s);
          setState('live');
          setError(null);
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        if (e instanceof ORPCError && DENIED.has(e.code)) {
          setState('denied');
          setError(errorText(e));
          setErrorCode(e.code);
          return;
        }
      }
      if (!controller.signal.aborted) {
        setState('lost');
        retry = setTimeout(() => void run(), 2000);
      }
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [client]);

  return { snapshot, state, error, errorCode };
}
