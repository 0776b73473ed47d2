import { useCallback, useEffect, useRef, useState } from 'react';
import type { IdentityRecord, ReaderStatus } from '../../../shared/contract';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

/**
 * The ID reader for a screen: its live status and the last card (from auto-read events or
 * from 读卡). `onCard` lets the intake form fill itself.
 */
export function useIdReader(onCard?: (record: IdentityRecord) => void) {
  const { client } = useApi();
  const [status, setStatus] = useState<ReaderStatus | null>(null);
  const [record, setRecord] = useState<IdentityRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The caller's callback changes every render (the intake form's); kept in a ref so the event
  // stream is not torn down and re-opened on each render, which could drop a card event.
  const onCardRef = useRef(onCard);
  useEffect(() => {
    onCardRef.current = onCard;
  }, [onCard]);
  const accept = useCallback((r: IdentityRecord) => {
    setRecord(r);
    setError(null);
    onCardRef.current?.(r);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const stream = await client.readers.events(undefined, { signal: controller.signal });
        for await (const event of stream) {
          if (event.type === 'status' && event.status.device === 'idcard') setStatus(event.status);
          if (event.type === 'card') accept(event.record);
        }
      } catch {
        // retried below
      }
      if (!controller.signal.aborted) retry = setTimeout(() => void run(), 2000);
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [client, accept]);

  const read = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      accept(await client.readers.readIdCard({ waitMs: 8000 }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [client, accept]);

  return { status, record, error, busy, read };
}
