import { BOOKED_PRIORITY } from '../../../shared/queue/policy';
import { hallDayjs } from '../../app/hallTime';
import type { QueueSnapshot } from '../../../shared/contract/queue';
import { useClock } from '../../api/useClock';
import { useQueueWatch } from '../queue/useQueueWatch';
import { counterLabel } from '../queue/labels';
import { deviceRefusal, NoDeviceToken, useDeviceToken } from './devicePage';
import { useAnnouncer } from './useAnnouncer';
import { useElderMode } from '../../app/elder';
import './board.css';

/**
 * 叫号屏: a full-screen page for the hall's display, read from across the hall — the call being
 * announced, the ticket at every counter, the last calls, how many wait per category, the
 * hall's name and time, and a scrolling notice. Runs with a board device token, no sign-in.
 */
export function BoardPage() {
  const { hasToken } = useDeviceToken('board');
  if (!hasToken) return <NoDeviceToken page="board" />;
  return <Board />;
}

function Board() {
  const { snapshot, state, error, errorCode } = useQueueWatch();
  const { tick } = useClock();
  const { state: voice, speaker } = useAnnouncer(snapshot);
  const { elder } = useElderMode();
  if (state === 'denied') return <NoDeviceToken page="board" reason={deviceRefusal('board', errorCode, error)} />;

  const now = hallDayjs(tick?.now ?? snapshot?.now);
  const lastCall = snapshot ? [...snapshot.recentCalls].sort((a, b) => b.seq - a.seq)[0] : undefined;
  const speaking = voice.current;
  const hallName = snapshot?.hallName ?? '';

  return (
    <main className={`board${elder ? ' board-elder' : ''}`} data-testid="board">
      <header className="board-header">
        {/* Up to 60 characters (setup allows them): long names get smaller type and two lines. */}
        <div className={`board-hall${hallName.length > 16 ? ' is-long' : ''}`} title={hallName} data-testid="board-hall">
          {hallName || '　'}
        </div>
        <div className="board-time" data-testid="board-time">
          <span>{now.isValid() ? now.format('YYYY年M月D日 dddd') : ''}</span>
          <b>{now.isValid() ? now.format('HH:mm:ss') : ''}</b>
        </div>
      </header>

      <section className={`board-call${speaking ? ' is-speaking' : ''}`} data-testid="board-announcement" aria-live="assertive">
        {speaking ? speaking.text : lastCall ? lastCall.text : '请取号后留意叫号'}
      </section>

      {state !== 'live' && <div className="board-offline">{state === 'lost' ? '与系统的连接中断，正在重连…' : '正在连接…'}</div>}
      {speaker.needsGesture && <div className="board-hint">浏览器需要点击一次本页面才能播放语音，请点击屏幕任意位置</div>}

      <div className="board-main">
        <Counters snapshot={snapshot} />
        <RecentCalls snapshot={snapshot} />
      </div>

      <footer className="board-footer">
        <div className="board-waiting" data-testid="board-waiting">
          {snapshot?.categories
            .filter((c) => c.enabled)
            .map((c) => (
              <span key={c.id} className="board-waiting-item">
                <b>{c.id}</b> {c.name} 等候 <em>{c.waiting}</em> 人
              </span>
            ))}
          {/* In the waiting row, clear of the scrolling notice below it. */}
          {!speaker.voice && (
            <span className="board-novoice" data-testid="board-novoice">
              无法播放语音，仅显示文字
            </span>
          )}
        </div>
        <div className="board-notice">
          <span className="board-notice-text">{snapshot?.notice}</span>
        </div>
      </footer>
    </main>
  );
}

function Counters({ snapshot }: { snapshot: QueueSnapshot | null }) {
  const counters = snapshot?.counters ?? [];
  return (
    <section className="board-counters" data-testid="board-counters">
      <div className="board-counters-head">
        <span>号码</span>
        <span>窗口</span>
      </div>
      {counters.map((c) => {
        const label = counterLabel(c);
        const status = !c.open ? '暂停服务' : c.pausedReason ? `暂停服务` : c.current ? (c.current.status === 'serving' ? '办理中' : '请前往') : '空闲';
        return (
          <div key={c.number} className={`board-counter${c.current ? '' : ' is-idle'}`} data-testid={`board-counter-${c.number}`}>
            <span className="board-counter-ticket">{c.open && !c.pausedReason ? (c.current?.label ?? '——') : '——'}</span>
            <span className="board-counter-arrow">→</span>
            <span className="board-counter-name">{label}</span>
            <span className="board-counter-status">
              {c.open && !c.pausedReason && c.current?.priorityKind === BOOKED_PRIORITY && <em className="board-booked">预约</em>}
              {status}
            </span>
          </div>
        );
      })}
      {snapshot && counters.length === 0 && <div className="board-empty">暂无开放窗口</div>}
    </section>
  );
}

function RecentCalls({ snapshot }: { snapshot: QueueSnapshot | null }) {
  const calls = snapshot ? [...snapshot.recentCalls].sort((a, b) => b.seq - a.seq).slice(0, 7) : [];
  return (
    <section className="board-recent" data-testid="board-recent">
      <h2>最近叫号</h2>
      <ol>
        {calls.map((c) => (
          <li key={c.seq}>
            <b>{c.label}</b>
            <span>{c.counterName || `${c.counter} 号窗口`}</span>
            <time>{hallDayjs(c.at).format('HH:mm')}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}
