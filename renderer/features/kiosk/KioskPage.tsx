import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ORPCError } from '@orpc/client';
import { hallDayjs } from '../../app/hallTime';
import type { QueueSnapshot, Ticket, TicketHolder } from '../../../shared/contract/queue';
import { queueMessages } from '../../../shared/messages/zh-CN';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useQueueWatch } from '../queue/useQueueWatch';
import { waitText, type CategoryState } from '../queue/labels';
import { deviceRefusal, NoDeviceToken, useDeviceToken } from '../board/devicePage';
import { KioskTicket } from './KioskTicket';
import { KioskUnlock } from './KioskUnlock';
import { ElderToggle, useElderMode } from '../../app/elder';
import { RealNameReader } from './RealNameReader';
import { BookingCheckIn } from './BookingCheckIn';
import './kiosk.css';

export interface TakenTicket {
  ticket: Ticket;
  ahead: number;
  hallName: string;
  estimatedWaitMinutes: number;
  /** 预约签到: when the visitor will be called (or why it became a normal ticket). */
  message?: string;
}

/**
 * 取号: touch kiosk without sign-in (kiosk device token). Choose a category — optionally a
 * priority kind first — and get a ticket with the people ahead and the estimated wait, printable
 * on an 80 mm receipt; the page returns to the start by itself.
 */
export function KioskPage() {
  const { hasToken } = useDeviceToken('kiosk');
  if (!hasToken) return <NoDeviceToken page="kiosk" />;
  return <Kiosk />;
}

function Kiosk() {
  const { client } = useApi();
  const { snapshot, state, error, errorCode } = useQueueWatch();
  const { elder: large, toggle: toggleLarge } = useElderMode();
  const [priority, setPriority] = useState<string | null>(null);
  const [taken, setTaken] = useState<TakenTicket | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [holder, setHolder] = useState<TicketHolder | null>(null);
  const [checkingIn, setCheckingIn] = useState(false);
  // Stable, so the check-in screen's idle timer is not restarted by every queue update.
  const endCheckIn = useCallback(() => setCheckingIn(false), []);
  const realName = snapshot?.realNameTickets === true;
  // 预约签到 is offered only where some line takes bookings.
  const plans = useQuery({ queryKey: ['appointments', 'plans'], queryFn: () => client.appointments.plans(), staleTime: 60_000, retry: false });
  const bookings = (plans.data ?? []).some((p) => p.enabled);

  const take = useMutation({
    mutationFn: (categoryId: string) => client.queue.take({ categoryId, priorityKind: priority, ...(realName && holder ? { holder } : {}) }),
    onSuccess: (t) => {
      setTaken(t);
      setPriority(null);
      setHolder(null);
    },
    // A board token on a kiosk can watch the queue but not take tickets: say which token it needs.
    onError: (e) => setFailure((e instanceof ORPCError && deviceRefusal('kiosk', e.code, null)) || errorText(e)),
  });

  // An error stays 8 s, then the screen is ready for the next person.
  useEffect(() => {
    if (!failure) return;
    const timer = window.setTimeout(() => setFailure(null), 8000);
    return () => window.clearTimeout(timer);
  }, [failure]);

  if (state === 'denied') return <NoDeviceToken page="kiosk" reason={deviceRefusal('kiosk', errorCode, error)} />;

  return (
    <main className={`kiosk${large ? ' kiosk-large' : ''}`} data-testid="kiosk">
      <header className="kiosk-header">
        <div className="kiosk-hall" title={snapshot?.hallName}>
          {snapshot?.hallName ?? '　'}
        </div>
        <ElderToggle elder={large} toggle={toggleLarge} className="kiosk-large-toggle" />
      </header>
      {realName && !taken && !checkingIn && <RealNameReader holder={holder} onHolder={setHolder} />}
      {taken ? (
        <KioskTicket taken={taken} onDone={() => setTaken(null)} />
      ) : checkingIn ? (
        <BookingCheckIn
          onTaken={(t, message) => {
            setCheckingIn(false);
            setTaken({ ...t, message });
          }}
          onCancel={endCheckIn}
          onFailure={(text) => setFailure(text)}
        />
      ) : (
        <>
          {bookings && (
            <button type="button" className="kiosk-booking-entry" data-testid="kiosk-booking-entry" onClick={() => setCheckingIn(true)}>
              已预约？点此签到
            </button>
          )}
          <Choose snapshot={snapshot} connecting={state !== 'live'} priority={priority} setPriority={setPriority} busy={take.isPending} onTake={(id) => take.mutate(id)} />
        </>
      )}
      {failure && (
        <div className="kiosk-failure" role="alert" data-testid="kiosk-failure" onClick={() => setFailure(null)}>
          <h2>{checkingIn ? '签到未成功' : '取号未成功'}</h2>
          <p>{failure}</p>
          <button type="button">知道了</button>
        </div>
      )}
      <KioskUnlock />
    </main>
  );
}

function Choose({
  snapshot,
  connecting,
  priority,
  setPriority,
  busy,
  onTake,
}: {
  snapshot: QueueSnapshot | null;
  connecting: boolean;
  priority: string | null;
  setPriority: (p: string | null) => void;
  busy: boolean;
  onTake: (categoryId: string) => void;
}) {
  if (!snapshot) return <div className="kiosk-wait">{connecting ? '正在连接取号服务…' : ''}</div>;
  const categories = snapshot.categories.filter((c) => c.enabled);
  return (
    <section className="kiosk-choose">
      <h1>请选择要办理的业务</h1>
      {connecting && <div className="kiosk-offline">与系统的连接中断，正在重连…</div>}
      {snapshot.priorityKinds.length > 0 && (
        <div className="kiosk-priority" data-testid="kiosk-priority">
          <span className="kiosk-priority-title">优先办理（如符合请先点选）：</span>
          {snapshot.priorityKinds.map((k) => (
            <button key={k} type="button" className={`kiosk-chip${priority === k ? ' is-on' : ''}`} aria-pressed={priority === k} onClick={() => setPriority(priority === k ? null : k)}>
              {k}
            </button>
          ))}
        </div>
      )}
      {categories.length === 0 ? (
        <div className="kiosk-wait">暂未开放取号，请咨询大厅工作人员</div>
      ) : (
        <div className="kiosk-categories">
          {categories.map((c) => (
            <CategoryButton key={c.id} c={c} busy={busy} onTake={onTake} />
          ))}
        </div>
      )}
      <p className="kiosk-foot">
        {hallDayjs(snapshot.now).format('YYYY年M月D日 dddd')}{' · '}{priority ? `已选择优先：${priority}，请向工作人员出示相关证件` : '取号后请留意叫号屏和语音提示'}
      </p>
    </section>
  );
}

function CategoryButton({ c, busy, onTake }: { c: CategoryState; busy: boolean; onTake: (id: string) => void }) {
  return (
    <button type="button" className="kiosk-category" disabled={busy || c.capReached || c.rangeUsedUp} onClick={() => onTake(c.id)} data-testid={`kiosk-category-${c.id}`}>
      <span className="kiosk-category-name">{c.name}</span>
      {c.capReached ? (
        <span className="kiosk-category-cap">今日已取完，请明日再来</span>
      ) : c.rangeUsedUp ? (
        <span className="kiosk-category-cap">{queueMessages.rangeUsedUp}</span>
      ) : (
        <span className="kiosk-category-info">
          等候 {c.waiting} 人 · 预计{waitText(c.estimatedWaitMinutes)}
        </span>
      )}
    </button>
  );
}
