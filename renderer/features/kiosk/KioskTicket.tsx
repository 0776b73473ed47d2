import { useEffect, useState } from 'react';
import { hallDayjs } from '../../app/hallTime';
import { waitText } from '../queue/labels';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { TakenTicket } from './KioskPage';
import { BOOKED_PRIORITY } from '../../../shared/queue/policy';

const RETURN_AFTER_S = 10;

/** The ticket just taken: large on screen, printable on an 80 mm receipt, gone after 10 s. */
export function KioskTicket({ taken, onDone }: { taken: TakenTicket; onDone: () => void }) {
  const { client } = useApi();
  const [left, setLeft] = useState(RETURN_AFTER_S);
  const [printNote, setPrintNote] = useState<string | null>(null);
  // The ticket goes to the receipt printer as a print job; if it cannot print, the person is told to note the number.
  const print = () => {
    setPrintNote('正在打印…');
    client.printing
      .printTicket({ ticketId: taken.ticket.id })
      .then((job) => setPrintNote(job.status === 'done' ? '号票已打印，请取走号票' : `号票暂未打印（${job.error ?? '打印机未就绪'}），请记下您的号码`))
      .catch((e: unknown) => setPrintNote(`号票未能打印（${errorText(e)}），请记下您的号码`));
  };
  useEffect(() => {
    const timer = window.setInterval(() => setLeft((n) => n - 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);

  const { ticket } = taken;
  return (
    <section className="kiosk-ticket-view">
      <h1>{taken.message ? '签到成功' : '取号成功'}</h1>
      {taken.message && (
        <p className="kiosk-checkin-message" data-testid="kiosk-checkin-message">
          {taken.message}
        </p>
      )}
      <div className="kiosk-ticket" data-testid="kiosk-ticket">
        <div className="kiosk-ticket-hall">{taken.hallName}</div>
        <div className="kiosk-ticket-category">{ticket.categoryName}</div>
        <div className="kiosk-ticket-number" data-testid="kiosk-ticket-number">
          {ticket.label}
        </div>
        {/* A booked ticket names its person on the 预约 line: no separate 实名取号 line beside it. */}
        {ticket.priorityKind === BOOKED_PRIORITY ? (
          <div className="kiosk-ticket-priority">预约优先{ticket.holderName ? `：${ticket.holderName}` : ''}</div>
        ) : (
          <>
            {ticket.priorityKind && <div className="kiosk-ticket-priority">优先：{ticket.priorityKind}</div>}
            {ticket.holderName && <div className="kiosk-ticket-priority">实名取号：{ticket.holderName}</div>}
          </>
        )}
        <dl>
          <dt>前面还有</dt>
          <dd data-testid="kiosk-ticket-ahead">{taken.ahead} 人</dd>
          <dt>预计等候</dt>
          <dd>{waitText(taken.estimatedWaitMinutes)}</dd>
          <dt>取号时间</dt>
          <dd>{hallDayjs(ticket.takenAt).format('YYYY-MM-DD HH:mm')}</dd>
        </dl>
        <div className="kiosk-ticket-note">请留意叫号屏和语音提示，叫到号时请及时前往窗口。</div>
      </div>
      {printNote && (
        <div className="kiosk-print-note" data-testid="kiosk-print-note">
          {printNote}
        </div>
      )}
      <div className="kiosk-ticket-actions">
        <button type="button" className="kiosk-action is-primary" onClick={print}>
          打印号票
        </button>
        <button type="button" className="kiosk-action" onClick={onDone}>
          完成（{left} 秒后自动返回）
        </button>
      </div>
    </section>
  );
}
