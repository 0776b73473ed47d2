import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { printerTagOf } from './labels';

/** The receipt printer in the header: failed jobs and paper out in red; opens 打印任务. */
export function PrinterStatusTag({ onClick }: { onClick: () => void }) {
  const { orpc } = useApi();
  // Every 30 s: a network printer often takes one connection at a time, and each look is one.
  const status = useQuery({ ...orpc.printing.status.queryOptions(), refetchInterval: 30_000 });
  const tag = printerTagOf(status.data);
  return (
    <Tag color={tag.color} data-testid="printer-status-tag" title={status.data?.message} style={{ cursor: 'pointer' }} onClick={onClick}>
      {tag.text}
    </Tag>
  );
}
