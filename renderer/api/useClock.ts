import { useCallback, useState } from 'react';
import { noteHallClock } from '../app/hallTime';
import type { ClockTick } from '../../shared/contract';
import { useApi } from './context';
import { useEventStream, type StreamState } from './useEventStream';

export type { StreamState };

/**
 * The core's clock as an event stream: the header clock and the status screen show it, and
 * its state tells the clerk at a glance whether the connection to core is alive.
 */
export function useClock(): { tick: ClockTick | null; state: StreamState; database: ClockTick['database'] | undefined } {
  const { client } = useApi();
  const [tick, setTick] = useState<ClockTick | null>(null);
  const onTick = useCallback((t: ClockTick) => {
    noteHallClock(t);
    setTick(t);
  }, []);
  const { state, errorCode } = useEventStream((signal) => client.system.clock({ intervalMs: 1000 }, { signal }), onTick, client);
  // Core says so in each tick; while the stream itself cannot reopen for the same reason, the
  // last tick is stale and the refusal's code tells.
  const database = errorCode === 'DB_UNAVAILABLE' ? 'unavailable' : tick?.database;
  return { tick, state, database };
}
