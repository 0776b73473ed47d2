import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import type { ReaderStatus } from '../../../shared/contract';
import { useApi } from '../../api/context';

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

  useEffect(() => {
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const stream = await client.readers.events({ cards: false }, { signal: controller.signal });
        for await (const event of stream) {
          if (event.type === 'status' && event.status.device === 'idcard') setStatus(event.status);
        }
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

  const tag = readerTagOf(status);
  return (
    <Tag color={tag.color} data-testid="reader-status-tag" title={status ? `${status.message}${status.detail ? `（${status.detail}）` : ''}` : undefined}>
      {tag.text}
    </Tag>
  );
}
