import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { hallDayjs } from '../../app/hallTime';
import type { QueueSnapshot, Ticket } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useQueueWatch } from './useQueueWatch';
import { counterLabel, TICKET_STATUS_LABEL, waitText } from './labels';
import { CounterStateTag } from './CallPanel';
import { QueueConfig } from './QueueConfig';
import { BookingsPanel } from './BookingsPanel';
import './queue.css';

/**
 * 排队管理: every counter and every waiting ticket, live; open or close counters, move a ticket
 * to another category, change its priority or cancel it (with a reason); the categories'
 * waiting counts and estimated waits; categories and counters are configured in the second tab.
 */
export function ConsolePage() {
  const { snapshot, state } = useQueueWatch();
  return (
    <div className="queue-console" data-testid="queue-console">
      {state === 'lost' && <Alert type="error" showIcon message="与系统的连接中断，正在重连…" style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          { key: 'live', label: '实时队列', children: snapshot ? <Live snapshot={snapshot} /> : <Card loading /> },
          { key: 'bookings', label: '预约', children: snapshot ? <BookingsPanel snapshot={snapshot} /> : <Card loading /> },
          { key: 'config', label: '类别与窗口', children: snapshot ? <QueueConfig snapshot={snapshot} /> : <Card loading /> },
        ]}
      />
    </div>
  );
}

function useRun() {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async (fn: () => Promise<string>) => fn(),
    onSuccess: (text) => void message.open({ key: 'queue-console', type: 'success', content: text }),
    onError: (e) => void message.open({ key: 'queue-console', type: 'error', content: errorText(e) }),
  });
}

function Live({ snapshot }: { snapshot: QueueSnapshot }) {
  const { client } = useApi();
  const run = useRun();
  const [cancelling, setCancelling] = useState<Ticket | null>(null);
  const [reason, setReason] = useState('');
  const waitedMin = (t: Ticket) => Math.max(0, dayjs(snapshot.now).diff(dayjs(t.queuedAt), 'minute'));

  return (
    <>
      <div className="queue-stats" data-testid="queue-stats">
        {snapshot.categories.map((c) => (
          <div key={c.id} className="queue-stat">
            <div className="queue-stat-name">
              {c.id} {c.name} {!c.enabled && <Tag>已停用</Tag>} {c.capReached && <Tag color="red">今日已取完</Tag>} {c.rangeUsedUp && <Tag color="red">号码已用完</Tag>}
            </div>
            <div className="queue-stat-num">{c.waiting} 人等候</div>
            <div className="queue-stat-sub">
              预计{waitText(c.estimatedWaitMinutes)} · 今日已取 {c.taken}
              {c.dailyCap > 0 ? ` / ${c.dailyCap}` : ''}
            </div>
          </div>
        ))}
      </div>
      <Card size="small" title="窗口" style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="number"
          pagination={false}
          dataSource={snapshot.counters}
          locale={{ emptyText: '尚未配置窗口，请在「类别与窗口」中添加' }}
          columns={[
            { title: '窗口', render: (_v, c) => counterLabel(c) },
            { title: '办理类别', dataIndex: 'categories', render: (ids: string[]) => ids.join('、') },
            {
              title: '开放',
              width: 80,
              render: (_v, c) => (
                <Switch
                  checked={c.open}
                  aria-label={`${c.number} 号窗口开放`}
                  onChange={(on) => run.mutate(async () => (on ? (await client.queue.openCounter({ counter: c.number }), `${c.number} 号窗口已开启`) : (await client.queue.closeCounter({ counter: c.number }), `${c.number} 号窗口已关闭`)))}
                />
              ),
            },
            { title: '状态', render: (_v, c) => <CounterStateTag open={c.open} pausedReason={c.pausedReason} /> },
            { title: '当前号', render: (_v, c) => (c.current ? <Space><b>{c.current.label}</b><Tag>{TICKET_STATUS_LABEL[c.current.status]}</Tag></Space> : '—') },
            { title: '工作人员', dataIndex: 'staff', render: (s: string | null) => s ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={`等候中 ${snapshot.waiting.length} 人（按叫号顺序）`}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={snapshot.waiting}
          scroll={{ y: 480 }}
          data-testid="console-waiting"
          locale={{ emptyText: '没有等候的号' }}
          columns={[
            { title: '序', width: 48, render: (_v, _t, i) => i + 1 },
            { title: '号码', dataIndex: 'label', width: 80, render: (l: string) => <b>{l}</b> },
            {
              title: '业务类别',
              width: 180,
              render: (_v, t) => (
                <Select
                  size="small"
                  style={{ width: 160 }}
                  aria-label={`${t.label} 业务类别`}
                  value={t.categoryId}
                  options={snapshot.categories.map((c) => ({ value: c.id, label: `${c.id} ${c.name}` }))}
                  onChange={(toCategory: string) => run.mutate(async () => `${(await client.queue.move({ ticketId: t.id, toCategory })).label} 号已移到 ${toCategory} 类`)}
                />
              ),
            },
            {
              title: '优先',
              width: 160,
              render: (_v, t) => (
                <Select
                  size="small"
                  style={{ width: 140 }}
                  aria-label={`${t.label} 优先`}
                  value={t.priorityKind ?? ''}
                  options={[{ value: '', label: '普通' }, ...snapshot.priorityKinds.map((k) => ({ value: k, label: k }))]}
                  onChange={(k: string) => run.mutate(async () => `${(await client.queue.prioritise({ ticketId: t.id, priorityKind: k || null })).label} 号已改为${k || '普通'}`)}
                />
              ),
            },
            { title: '指定窗口', dataIndex: 'counter', width: 90, render: (n: number | null) => (n ? `${n} 号` : '') },
            { title: '取号', dataIndex: 'takenAt', width: 70, render: (t: string) => hallDayjs(t).format('HH:mm') },
            { title: '已等', width: 80, render: (_v, t) => `${waitedMin(t)} 分钟` },
            { title: '过号', dataIndex: 'noShows', width: 60, render: (n: number) => (n ? n : '') },
            {
              title: '',
              width: 70,
              render: (_v, t) => (
                <Button size="small" danger type="link" onClick={() => { setReason(''); setCancelling(t); }}>
                  取消
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        title={`取消 ${cancelling?.label ?? ''} 号`}
        open={cancelling !== null}
        onCancel={() => setCancelling(null)}
        okText="取消此号"
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: run.isPending }}
        cancelText="返回"
        onOk={() =>
          cancelling &&
          run.mutate(async () => {
            const t = await client.queue.cancel({ ticketId: cancelling.id, reason: reason.trim() });
            setCancelling(null);
            return `${t.label} 号已取消`;
          })
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">取消后该号不再叫号，原因记入审计日志。</Typography.Paragraph>
        <Input aria-label="取消原因" placeholder="请填写取消原因，如 群众已离开" maxLength={100} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Modal>
    </>
  );
}
