import { useEffect, useRef } from 'react';
import { App } from 'antd';
import type { IdentityRecord } from '../../../shared/contract';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { emptyWedge, feedWedge, wedgeTargetAllowed, type WedgeState } from './wedge';

/**
 * Captures a 医保电子凭证 scanned by a keyboard-wedge QR scanner (a fast burst ending in Enter,
 * outside text fields), decodes it through readers.decodeEVoucher and hands the identity over
 * like a card read.
 */
export function useEVoucherScan(onRecord: (record: IdentityRecord) => void, enabled = true) {
  const { client } = useApi();
  const { message } = App.useApp();
  const latest = useRef(onRecord);
  useEffect(() => {
    latest.current = onRecord;
  }, [onRecord]);

  useEffect(() => {
    if (!enabled) return;
    let state: WedgeState = emptyWedge;
    const onKey = (e: KeyboardEvent) => {
      if (!wedgeTargetAllowed(e.target as HTMLElement | null)) {
        state = emptyWedge;
        return;
      }
      const step = feedWedge(state, { key: e.key, time: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey });
      state = step.state;
      if (step.code === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      const code = step.code;
      void message.open({ key: 'evoucher', type: 'loading', content: '正在识别医保电子凭证…' });
      client.readers
        .decodeEVoucher({ code })
        .then((record) => {
          void message.open({ key: 'evoucher', type: 'success', content: `已识别医保电子凭证：${record.name}` });
          latest.current(record);
        })
        .catch((error: unknown) => void message.open({ key: 'evoucher', type: 'error', content: errorText(error) }));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [client, message, enabled]);
}
