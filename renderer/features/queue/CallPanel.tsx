import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { hallDayjs } from '../../app/hallTime';
import type { Ticket } from '../../../shared/contract/queue';
import { useScreenKeys, type ScreenKey } from '../../shortcuts/screenKeys';
import { QUEUE_ACTION_LABEL, QUEUE_KEYS, useCounterQueue, type QueueAction } from './useCounterQueue';
import { counterLabel, TICKET_STATUS_LABEL, waitingFor, waitText } from './labels';
import { PauseModal, TransferModal } from './CallModals';
import './queue.css';

export const QUEUE_KEY_HELP: ScreenKey[] = (Object.keys(QUEUE_KEYS) as QueueAction[]).map((a) => ({ keys: QUEUE_KEYS[a].toUpperCase(), action: QUEUE_ACTION_LABEL[a] }));

/**
 * 排队叫号 for the clerk: this counter's state and current ticket, the actions with F5–F10,
 * 叫指定号, and the live line this counter serves, in the order it will be called. The same
 * actions sit in the ticket bar of 窗口工作台 (useCounterQueue).
 */
export function CallPanel() {
  const { message } = App.useApp();
  const q = useCounterQueue();
  const { snapshot, state, counter, current, open, paused, active, can, actions, number, busy } = q;
  const [label, setLabel] = useState('');
  useScreenKeys('queue', QUEUE_KEY_HELP);

  const callLabel = () => {
    const wanted = label.trim().toUpperCase();
    if (!wanted) return;
    const t = snapshot?.waiting.find((w) => w.label.toUpperCase() === wanted);
    if (!t) {
      void message.warning(`等候队列中没有 ${wanted} 号`);
      return;
    }
    q.callTicket(t);
    setLabel('');
  };

  if (q.settingsPending || (!snapshot && state !== 'denied')) return <Card loading />;
  if (state === 'denied') return <Alert type="error" showIcon message="无法读取排队信息" />;
  if (!counter)
    return (
      <Alert
        type="warning"
        showIcon
        message={`本窗口（${number ?? '?'} 号）尚未加入排队叫号`}
        description="请排队管理员在「排队管理 → 类别与窗口」中添加本窗口并选择它办理的业务类别。"
      />
    );

  const line = snapshot ? waitingFor(snapshot, counter) : [];
  return (
    <div className="queue-panel" data-testid="call-panel">
      <Card
        className="queue-current"
        title={
          <Space>
            <span>{counterLabel(counter)}</span>
            <CounterStateTag open={open} pausedReason={counter.pausedReason} />
          </Space>
        }
        extra={state === 'live' ? null : <Tag color="error">连接中断，正在重连…</Tag>}
      >
        <CurrentTicket ticket={current} />
        {!open ? (
          <Button type="primary" size="large" block onClick={q.openCounter}>
            开启窗口
          </Button>
        ) : paused ? (
          <Button type="primary" size="large" block onClick={q.resume}>
            恢复服务
          </Button>
        ) : (
          <>
            <div className="queue-actions">
              <ActionButton k="F5" primary disabled={!can.callNext} onClick={actions.callNext}>
                叫下一位
              </ActionButton>
              <ActionButton k="F6" disabled={!can.recall} onClick={actions.recall}>
                重呼
              </ActionButton>
              <ActionButton k="F7" disabled={!can.start} onClick={actions.start}>
                开始办理
              </ActionButton>
              <ActionButton k="F8" disabled={!can.noShow} onClick={actions.noShow}>
                过号
              </ActionButton>
              <ActionButton k="F9" disabled={!can.transfer} onClick={actions.transfer}>
                转窗
              </ActionButton>
              <ActionButton k="F10" disabled={!can.finish} onClick={actions.finish}>
                办结
              </ActionButton>
            </div>
            <Space.Compact className="queue-call-label">
              <Input placeholder="输入号码，如 A012" value={label} onChange={(e) => setLabel(e.target.value)} onPressEnter={callLabel} aria-label="叫指定号" />
              <Button onClick={callLabel}>叫指定号</Button>
            </Space.Compact>
            <Button onClick={() => q.setDialog('pause')}>暂停服务</Button>
          </>
        )}
      </Card>
      <Card className="queue-line" title={`本窗口等候 ${line.length} 人`} extra={<span className="queue-hint">按叫号顺序排列</span>}>
        <WaitingLine tickets={line} onCall={q.callTicket} disabled={!active} />
        <div className="queue-cats">
          {snapshot?.categories
            .filter((c) => counter.categories.includes(c.id))
            .map((c) => (
              <Tag key={c.id}>
                {c.id} {c.name}：等候 {c.waiting} 人，预计{waitText(c.estimatedWaitMinutes)}
              </Tag>
            ))}
        </div>
      </Card>
      <TransferModal open={q.dialog === 'transfer'} ticket={current} snapshot={snapshot} myCounter={number} onCancel={() => q.setDialog(null)} onOk={q.transfer} busy={busy} />
      <PauseModal open={q.dialog === 'pause'} onCancel={() => q.setDialog(null)} onOk={q.pause} busy={busy} />
    </div>
  );
}

export function CounterStateTag({ open, pausedReason }: { open: boolean; pausedReason: string | null }) {
  if (!open) return <Tag>已关闭</Tag>;
  if (pausedReason) return <Tag color="warning">暂停服务：{pausedReason}</Tag>;
  return <Tag color="success">服务中</Tag>;
}

export function CurrentTicket({ ticket }: { ticket: Ticket | null }) {
  if (!ticket) return <Empty className="queue-current-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有正在办理的号" />;
  return (
    <div className="queue-ticket" data-testid="current-ticket">
      <div className="queue-ticket-label">{ticket.label}</div>
      <div className="queue-ticket-meta">
        <Typography.Text strong>{ticket.categoryName}</Typography.Text>
        {ticket.priorityKind && <Tag color="orange">优先：{ticket.priorityKind}</Tag>}
        <Tag color={ticket.status === 'serving' ? 'processing' : 'blue'}>{TICKET_STATUS_LABEL[ticket.status]}</Tag>
        {ticket.calledCount > 1 && <Tag>已呼 {ticket.calledCount} 次</Tag>}
      </div>
      <Typography.Text type="secondary">
        取号 {hallDayjs(ticket.takenAt).format('HH:mm')}
        {ticket.calledAt ? ` · 叫号 ${hallDayjs(ticket.calledAt).format('HH:mm:ss')}` : ''}
      </Typography.Text>
    </div>
  );
}

function ActionButton({ k, children, primary, disabled, onClick }: { k: string; children: ReactNode; primary?: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <Button type={primary ? 'primary' : 'default'} size="large" disabled={disabled} onClick={onClick}>
      {children}
      <kbd>{k}</kbd>
    </Button>
  );
}

function WaitingLine({ tickets, onCall, disabled }: { tickets: Ticket[]; onCall: (t: Ticket) => void; disabled: boolean }) {
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={tickets}
      pagination={false}
      scroll={{ y: 420 }}
      data-testid="waiting-line"
      locale={{ emptyText: '没有等候的号' }}
      columns={[
        { title: '序', width: 48, render: (_v, _t, i) => i + 1 },
        { title: '号码', dataIndex: 'label', width: 80, render: (l: string) => <b>{l}</b> },
        { title: '业务类别', dataIndex: 'categoryName' },
        { title: '优先', dataIndex: 'priorityKind', width: 110, render: (p: string | null) => (p ? <Tag color="orange">{p}</Tag> : null) },
        { title: '取号', dataIndex: 'takenAt', width: 70, render: (t: string) => hallDayjs(t).format('HH:mm') },
        { title: '', width: 70, render: (_v, t) => <Button size="small" type="link" disabled={disabled} onClick={() => onCall(t)}>叫此号</Button> },
      ]}
    />
  );
}
