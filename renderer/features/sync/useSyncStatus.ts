import { useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { useApi } from '../../api/context';
import { useEventStream } from '../../api/useEventStream';

/** 上传同步 status as a live stream (sync.watch): pushed on every change, reconnects by itself. */
export function useSyncStatus(): SyncStatus | null {
  const { client } = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEventStream((signal) => client.sync.watch(undefined, { signal }), setStatus, client, 3000);
  return status;
}
