import { useState } from 'react';
import { Tag } from 'antd';
import type { ReaderStatus } from '../../../shared/contract';
import { useApi } from '../../api/context';
import { useEventStream } from '../../api/useEventStream';

/** Header label for the ID reader's state: 读卡器正常 / 未检测到读卡器 / 模拟器 … */
export function readerTagOf(status: ReaderStatus | null): { color: string; text: string } {
  if (!status) return { color: 'default', text: '读卡器连接中…' };
  if (status.state === 'off') return { color: 'default', text: '读卡器未启用' };
  if (status.state === 'absent') return { color: 'error', text: '未检测到读卡器' };
  if (status.driver === 'simulator') return { color: 'blue', text: status.state === 'error' ? '模拟器：读卡失败' : '读卡器：模拟器' };
  if (status.state === 'error') return { color: 'warning', text: '读卡器异常' };
  return { color: 'success', text: '读卡器正常' };
}

/** The ID reader's state in the header, live from the readers event stream (status events only). */
export function ReaderStatusTag() {
  const { client } = useApi();
  const [status, setStatus] = useState<ReaderStatus | null>(null);

  useEventStream(
    (signal) => client.readers.events({ cards: false }, { signal }),
    (event) => {
      if (event.type === 'status' && event.status.device === 'idcard') setStatus(event.status);
    },
    client,
    3000,
  );

  const tag = readerTagOf(status);
  return (
    <Tag color={tag.color} data-testid="reader-status-tag" title={status ? `${status.message}${status.detail ? `（${status.detail}）` : ''}` : undefined}>
      {tag.text}
    </Tag>
  );
}
