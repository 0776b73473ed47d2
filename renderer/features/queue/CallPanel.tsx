import { useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import { hallDayjs } from '../../app/hallTime';
import type { Ticket } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useQueueWatch } from './useQueueWatch';
import { counterLabel, TICKET_STATUS_LABEL, waitingFor, waitText } from './labels';
import { PauseModal, TransferModal, type TransferTarget } from './CallModals';
import './queue.css';

type Action = 'callNext' | 'recall' | 'start' | 'noShow' | 'transfer' | 'finish';
const KEYS: Record<Action, string> = { callNext: 'f5', recall: 'f6', start: 'f7', noShow: 'f8', transfer: 'f9', finish: 'f10' };

/**
 * 排队叫号 for the clerk: this counter's state and current ticket, the actions with F5–F10
 * (USB caller keypads send these keys, so they work wherever the focus is on this screen),
 * 叫指定号, and the live line this counter serves, in the order it will be called.
 */
export function CallPanel() {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const number = settings.data?.counter.number;
  const { snapshot, state } = useQueueWatch();
  const counter = snapshot?.counters.find((c) => c.number === number);
  const current = counter?.current ?? null;
  const [dialog, setDialog] = useState<'transfer' | 'pause' | null>(null);
  const [caseNos, setCaseNos] = useState('');
  const [label, setLabel] = useState('');

  const run = useMutation({
    mutationFn: async ({ fn }: { fn: () => Promise<string | null>; key: string }) => fn(),
    onSuccess: (text) => {
      // One message at a time, replaced by the next: a clerk calls all day long.
      if (text) void message.open({ key: 'queue-action', type: 'success', content: text });
    },
    onError: (e) => void message.open({ key: 'queue-action', type: 'error', content: errorText(e) }),
  });
  // Keys pressed in quick succession (F7 then F10, or a caller keypad) run one after another
  // instead of the second being dropped while the first is still on its way.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const busy = run.isPending;
  const go = (key: string, fn: () => Promise<string | null>) => {
    chain.current = chain.current.then(() => run.mutateAsync({ key, fn }).catch(() => undefined));
  };

  const open = counter?.open === true;
  const paused = open && counter?.pausedReason != null;
  const active = open && !paused;
  const called = current?.status === 'called';
  const can: Record<Action, boolean> = {
    callNext: active && current === null,
    recall: active && called,
    start: active && called,
    noShow: active && called,
    transfer: active && current !== null,
    finish: active && current !== null,
  };

  const actions: Record<Action, () => void> = {
    callNext: () =>
      go('callNext', async () => {
        const t = await client.queue.callNext({ counter: number });
        return t ? `已叫 ${t.label} 号` : '当前没有等候的号';
      }),
    recall: () => current && go('recall', async () => `已重呼 ${(await client.queue.recall({ ticketId: current.id })).label} 号`),
    start: () => current && go('start', async () => `${(await client.queue.start({ ticketId: current.id })).label} 号开始办理`),
    noShow: () => current && go('noShow', async () => `${(await client.queue.noShow({ ticketId: current.id })).label} 号已过号`),
    transfer: () => setDialog('transfer'),
    finish: () =>
      current &&
      go('finish', async () => {
        const t = await client.queue.finish({ ticketId: current.id, caseNos: splitCaseNos(caseNos) });
        setCaseNos('');
        return `${t.label} 号已办结`;
      }),
  };

  useHotkeys(
    Object.values(KEYS),
    (event, handler) => {
      event.preventDefault();
      const action = (Object.keys(KEYS) as Action[]).find((a) => handler.keys?.includes(KEYS[a]));
      if (action && can[action]) actions[action]();
    },
    { enableOnFormTags: true, enableOnContentEditable: true, enabled: dialog === null, preventDefault: true },
    [can, actions, dialog],
  );

  const transfer = (target: TransferTarget) =>
    current &&
    go('transfer', async () => {
      const t = await client.queue.transfer({ ticketId: current.id, ...target });
      setDialog(null);
      return 'toCategory' in target ? `${t.label} 号已转到 ${target.toCategory} 类业务` : `${t.label} 号已转到 ${target.toCounter} 号窗口`;
    });
  const pause = (reason: string) =>
    go('pause', async () => {
      await client.queue.pause({ counter: number, reason });
      setDialog(null);
      return '已暂停服务';
    });
  const callLabel = () => {
    const wanted = label.trim().toUpperCase();
    if (!wanted) return;
    const t = snapshot?.waiting.find((w) => w.label.toUpperCase() === wanted);
    if (!t) {
      void message.warning(`等候队列中没有 ${wanted} 号`);
      return;
    }
    go('call', async () => {
      const called = await client.queue.call({ ticketId: t.id, counter: number });
      setLabel('');
      return `已叫 ${called.label} 号`;
    });
  };

  if (settings.isPending || (!snapshot && state !== 'denied')) return <Card loading />;
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
          <Button type="primary" size="large" block onClick={() => go('open', async () => (await client.queue.openCounter({ counter: counter.number }), '窗口已开启'))}>
            开启窗口
          </Button>
        ) : paused ? (
          <Button type="primary" size="large" block onClick={() => go('resume', async () => (await client.queue.resume({ counter: number }), '已恢复服务'))}>
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
            <Input addonBefore="关联办件编号" placeholder="可选，多个用逗号或空格分隔；按 F10 办结" value={caseNos} onChange={(e) => setCaseNos(e.target.value)} aria-label="关联办件编号" />
            <Space.Compact className="queue-call-label">
              <Input placeholder="输入号码，如 A012" value={label} onChange={(e) => setLabel(e.target.value)} onPressEnter={callLabel} aria-label="叫指定号" />
              <Button onClick={callLabel}>叫指定号</Button>
            </Space.Compact>
            <Button onClick={() => setDialog('pause')}>暂停服务</Button>
          </>
        )}
      </Card>
      <Card className="queue-line" title={`本窗口等候 ${line.length} 人`} extra={<span className="queue-hint">按叫号顺序排列</span>}>
        <WaitingLine tickets={line} onCall={(t) => go('call', async () => `已叫 ${(await client.queue.call({ ticketId: t.id, counter: number })).label} 号`)} disabled={!active} />
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
      <TransferModal open={dialog === 'transfer'} ticket={current} snapshot={snapshot} myCounter={number} onCancel={() => setDialog(null)} onOk={transfer} busy={busy} />
      <PauseModal open={dialog === 'pause'} onCancel={() => setDialog(null)} onOk={pause} busy={busy} />
    </div>
  );
}

function splitCaseNos(text: string): string[] {
  return text
    .split(/[\s,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function CounterStateTag({ open, pausedReason }: { open: boolean; pausedReason: string | null }) {
  if (!open) return <Tag>已关闭</Tag>;
  if (pausedReason) return <Tag color="warning">暂停服务：{pausedReason}</Tag>;
  return <Tag color="success">服务中</Tag>;
}

function CurrentTicket({ ticket }: { ticket: Ticket | null }) {
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
