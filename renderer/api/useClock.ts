import { useEffect, useState } from 'react';
import type { ClockTick } from '../../shared/contract';
import { useApi } from './context';

export type StreamState = 'connecting' | 'live' | 'lost';

/**
 * The core's clock as an event stream: the header clock and the status screen show it, and
 * its state tells the clerk at a glance whether the connection to core is alive.
 */
export function useClock(): { tick: ClockTick | null; state: StreamState } {
  const { client } = useApi();
  const [tick, setTick] = useState<ClockTick | null>(null);
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const stream = await client.system.clock({ intervalMs: 1000 }, { signal: controller.signal });
        for await (const t of stream) {
          setTick(t);
          setState('live');
        }
      } catch {
        // fall through to retry below
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

  return { tick, state };
}
