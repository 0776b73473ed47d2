import { Alert, Button, Tag, Tooltip } from 'antd';
import { hallDayjs } from '../../app/hallTime';
import type { CounterQueue, QueueAction } from '../queue/useCounterQueue';
import { QUEUE_ACTION_LABEL, QUEUE_KEYS } from '../queue/useCounterQueue';
import { CounterStateTag } from '../queue/CallPanel';
import { PauseModal, TransferModal } from '../queue/CallModals';
import { TICKET_STATUS_LABEL, waitingFor } from '../queue/labels';

const ORDER: QueueAction[] = ['callNext', 'recall', 'start', 'noShow', 'transfer', 'finish'];

/**
 * The top of 窗口工作台: the ticket being served here and the queue keys (F5–F10), in one line,
 * so a visit never leaves this screen. Opening, pausing and resuming the counter sit here too.
 */
export function TicketBar({ q }: { q: CounterQueue }) {
  const { counter, current, open, paused, can, actions, snapshot, number, busy } = q;
  if (q.settingsPending) return <div className="ticket-bar" />;
  if (!counter) {
    return (
      <Alert
        className="ticket-bar-alert"
        type="info"
        showIcon
        title={`本窗口（${number ?? '?'} 号）未加入排队叫号，可直接受理`}
        description="如需叫号，请排队管理员在「排队管理 → 类别与窗口」中添加本窗口。"
      />
    );
  }
  const waiting = snapshot ? waitingFor(snapshot, counter).length : 0;
  return (
    <div className="ticket-bar" data-testid="ticket-bar">
      <div className="ticket-bar-now" data-testid="current-ticket">
        {current ? (
          <>
            <span className="ticket-bar-label">{current.label}</span>
            <span className="ticket-bar-meta">
              <span className="ticket-bar-cat">{current.categoryName}</span>
              <Tag color={current.status === 'serving' ? 'processing' : 'blue'}>{TICKET_STATUS_LABEL[current.status]}</Tag>
              {current.priorityKind && <Tag color="orange">{current.priorityKind}</Tag>}
              <span className="ticket-bar-time">
                取号 {hallDayjs(current.takenAt).format('HH:mm')}
                {current.calledAt ? ` · 叫号 ${hallDayjs(current.calledAt).format('HH:mm')}` : ''}
              </span>
            </span>
          </>
        ) : (
          <span className="ticket-bar-idle">{open ? (paused ? '暂停服务中' : '当前没有正在办理的号') : '窗口未开启'}</span>
        )}
      </div>
      <div className="ticket-bar-actions">
        {!open ? (
          <Button type="primary" onClick={q.openCounter}>
            开启窗口
          </Button>
        ) : paused ? (
          <Button type="primary" onClick={q.resume}>
            恢复服务
          </Button>
        ) : (
          <>
            {ORDER.map((a) => (
              <Button key={a} type={a === 'callNext' || (a === 'finish' && can.finish) ? 'primary' : 'default'} disabled={!can[a]} onClick={actions[a]}>
                {QUEUE_ACTION_LABEL[a]}
                <kbd className="btn-kbd">{QUEUE_KEYS[a].toUpperCase()}</kbd>
              </Button>
            ))}
            <Tooltip title="暂停叫号（如离开窗口、系统故障）">
              <Button onClick={() => q.setDialog('pause')}>暂停</Button>
            </Tooltip>
          </>
        )}
      </div>
      <div className="ticket-bar-side">
        <CounterStateTag open={open} pausedReason={counter.pausedReason} />
        <span className="ticket-bar-waiting" data-testid="counter-waiting">
          等候 <b>{waiting}</b> 人
        </span>
        {q.state !== 'live' && <Tag color="error">排队连接中断</Tag>}
      </div>
      <TransferModal open={q.dialog === 'transfer'} ticket={current} snapshot={snapshot} myCounter={number} onCancel={() => q.setDialog(null)} onOk={q.transfer} busy={busy} />
      <PauseModal open={q.dialog === 'pause'} onCancel={() => q.setDialog(null)} onOk={q.pause} busy={busy} />
    </div>
  );
}
