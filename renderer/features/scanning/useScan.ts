import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { ScanEvent } from '../../../shared/contract/scanning';
import type { Settings } from '../../../shared/settings/schema';

export interface ScanProgress {
  seq: string;
  running: boolean;
  /** pages stored so far in this scan */
  received: number;
  blank: number;
  /** what to tell the clerk when the scan has ended */
  outcome: { kind: 'done' | 'error'; text: string } | null;
}

/**
 * Runs one scan into a material and follows its event stream: each stored page refreshes the
 * case's page list at once, so thumbnails appear while the feeder is still pulling paper.
 */
export function useScan(caseNo: string) {
  const { client, orpc } = useApi();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const abort = useRef<AbortController | null>(null);

  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: orpc.attachments.pages.key({ input: { caseNo } }) }), [queryClient, orpc, caseNo]);

  const start = useCallback(
    async (seq: string, options: { source?: Settings['scanning']['source']; colorMode?: Settings['scanning']['colorMode'] }) => {
      const controller = new AbortController();
      abort.current = controller;
      let state: ScanProgress = { seq, running: true, received: 0, blank: 0, outcome: null };
      const set = (next: Partial<ScanProgress>) => {
        state = { ...state, ...next };
        setProgress(state);
      };
      set({});
      try {
        const stream = await client.scanning.scan({ caseNo, seq, ...options }, { signal: controller.signal });
        for await (const event of stream as AsyncIterable<ScanEvent>) {
          if (event.type === 'page') {
            set({ received: state.received + 1 });
            void refresh();
          } else if (event.type === 'blank') set({ blank: state.blank + 1 });
          else if (event.type === 'done') set({ outcome: { kind: 'done', text: `扫描完成：${event.pages} 页${event.blank ? `（已去除空白页 ${event.blank} 页）` : ''}` } });
          else if (event.type === 'error') set({ outcome: { kind: 'error', text: event.kept ? `${event.message}（本次已扫描的 ${event.kept} 页已保存）` : event.message } });
        }
      } catch (error) {
        if (!controller.signal.aborted) set({ outcome: { kind: 'error', text: errorText(error) } });
      } finally {
        set({ running: false });
        void refresh();
      }
    },
    [client, caseNo, refresh],
  );

  return { progress, start, clear: () => setProgress(null), cancel: () => abort.current?.abort() };
}
