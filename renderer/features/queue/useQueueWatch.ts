import { useState } from 'react';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { useEventStream, type StreamState } from '../../api/useEventStream';

export type QueueStreamState = StreamState;

/**
 * The live queue: core sends a full snapshot at once and after every change; the stream
 * reconnects by itself. `denied` stops retrying and carries core's reason.
 */
export function useQueueWatch(): { snapshot: QueueSnapshot | null; state: QueueStreamState; error: string | null; errorCode: string | null } {
  const { client } = useApi();
  const [snapshot, setSnapshot] = useState<QueueSnapshot | null>(null);
  const stream = useEventStream((signal) => client.queue.watch(undefined, { signal }), setSnapshot, client);
  return { snapshot, ...stream };
}
