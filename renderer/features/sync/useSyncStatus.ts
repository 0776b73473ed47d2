import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/contract';
import { useApi } from '../../api/context';

/** 上传同步 status as a live stream (sync.watch): pushed on every change, reconnects by itself. */
export function useSyncStatus(): SyncStatus | null {
  const { client } = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const stream = await client.sync.watch(undefined, { signal: controller.signal });
        for await (const s of stream) setStatus(s);
      } catch {
        // retried below
      }
      if (!controller.signal.aborted) retry = setTimeout(() => void run(), 3000);
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [client]);
  return status;
}
