import { Drawer, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import type { StatsGrouping } from '../../../shared/contract/stats';
import { hhmm, minutes } from './format';

export type Drill = { kind: 'tickets'; figure: 'taken' | 'served' | 'noShows' | 'waited'; title: string; key?: string } | { kind: 'cases'; figure: 'accepted' | 'refused' | 'corrections' | 'completed' | 'overdue' | 'dueSoon'; title: string; key?: string };

const STATUS: Record<string, string> = { waiting: '等候', called: '已叫号', serving: '办理中', done: '已办结', no_show: '过号', cancelled: '已取消', expired: '已过期' };

/** The tickets or cases behind a clicked figure. */
export function DrillDrawer({ drill, range, groupBy, onClose }: { drill: Drill | null; range: { from: string; to: string }; groupBy: StatsGrouping; onClose: () => void }) {
  const { orpc } = useApi();
  const base = { ...range, groupBy, ...(drill?.key !== undefined ? { key: drill.key } : {}) };
  const tickets = useQuery({ ...orpc.stats.tickets.queryOptions({ input: { ...base, figure: drill?.kind === 'tickets' ? drill.figure : 'taken' } }), enabled: drill?.kind === 'tickets' });
  const cases = useQuery({ ...orpc.stats.cases.queryOptions({ input: { ...base, figure: drill?.kind === 'cases' ? drill.figure : 'accepted' } }), enabled: drill?.kind === 'cases' });
  const error = (drill?.kind === 'tickets' ? tickets.error : cases.error)?.message;
  return (
    <Drawer open={drill !== null} onClose={onClose} width={860} title={drill ? `${drill.title}明细` : ''} destroyOnHidden>
      {error && <Tag color="error">{error}</Tag>}
      {drill?.kind === 'tickets' && (
        <Table
          size="small"
          rowKey="id"
          data-testid="drill-tickets"
          scroll={{ x: 960 }}
          loading={tickets.isLoading}
          dataSource={tickets.data?.rows ?? []}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '号码', dataIndex: 'label' },
            { title: '日期', dataIndex: 'day' },
            { title: '取号', dataIndex: 'takenAt', render: hhmm },
            { title: '窗口', dataIndex: 'counter', render: (v: number | null) => v ?? '—' },
            { title: '工作人员', dataIndex: 'clerk' },
            { title: '事项', dataIndex: 'itemName', ellipsis: true },
            { title: '状态', dataIndex: 'status', render: (s: string) => STATUS[s] ?? s },
            { title: '等候(分)', dataIndex: 'waitSec', render: minutes },
            { title: '办理(分)', dataIndex: 'serviceSec', render: minutes },
          ]}
        />
      )}
      {drill?.kind === 'cases' && (
        <Table
          size="small"
          rowKey={(r) => `${r.caseNo}-${r.at ?? ''}`}
          data-testid="drill-cases"
          loading={cases.isLoading}
          dataSource={cases.data?.rows ?? []}
          pagination={{ pageSize: 50, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '办件编号', dataIndex: 'caseNo' },
            { title: '事项', dataIndex: 'itemName', ellipsis: true },
            { title: '工作人员', dataIndex: 'clerk' },
            { title: '窗口', dataIndex: 'counter' },
            { title: drill.figure === 'overdue' || drill.figure === 'dueSoon' ? '到期日' : '时间', dataIndex: 'at', render: (v: string | null) => (v && v.length > 10 ? `${v.slice(0, 10)} ${hhmm(v)}` : (v ?? '—')) },
            ...(drill.figure === 'overdue' || drill.figure === 'dueSoon' ? [{ title: '剩余工作日', dataIndex: 'workdaysLeft' }] : []),
          ]}
        />
      )}
    </Drawer>
  );
}
