import { useCallback, useMemo, useState } from 'react';
import { App } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CaseDetail, Party } from '../../../shared/contract/cases';
import type { Ticket } from '../../../shared/contract/queue';
import { useScreenKeys } from '../../shortcuts/screenKeys';
import { useCounterQueue } from '../queue/useCounterQueue';
import { QUEUE_KEY_HELP } from '../queue/CallPanel';
import { jobOutcomeText } from '../printing/labels';
import { TicketBar } from './TicketBar';
import { IntakeDesk } from './IntakeDesk';
import { IntakeResult } from './IntakeResult';
import { EvaluationOffer } from './EvaluationOffer';
import { useBookedItem, useTicketItems } from './useTicketItems';
import './counter.css';

const DESK_KEYS = [
  { keys: 'F2', action: '读卡（放卡后也会自动读取）' },
  { keys: 'F3', action: '到「事项」搜索框' },
  { keys: '1–6', action: '材料行：设置材料状态' },
  { keys: 'Ctrl+Enter', action: '受理' },
  { keys: 'F4', action: '打印小票（受理后）' },
  { keys: 'Alt+N', action: '同一人办理下一事项 / 清空重填' },
];

/**
 * 窗口工作台: one visit on one screen — the ticket (F5–F10), the person (card), the item and its
 * materials, the 受理信息, the decision, the receipt, and the evaluation when the ticket is
 * finished. Core links every decision made while a ticket is served here to that ticket.
 */
export function WorkstationPage() {
  const { client, orpc } = useApi();
  const { modal, message } = App.useApp();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const [deskKey, setDeskKey] = useState(0);
  const [result, setResult] = useState<CaseDetail | undefined>();
  const [sameApplicant, setSameApplicant] = useState<Party | undefined>();
  const [finished, setFinished] = useState<Ticket | null>(null);
  const [dirty, setDirty] = useState(false);
  const onDirty = useCallback((d: boolean) => setDirty(d), []);

  const startOver = (applicant: Party | undefined) => {
    setResult(undefined);
    setSameApplicant(applicant);
    setDeskKey((k) => k + 1);
  };
  const confirmFinish = (t: Ticket) =>
    new Promise<boolean>((resolve) => {
      if (result || !dirty) return resolve(true);
      modal.confirm({ title: `办结 ${t.label} 号？`, content: '当前填写的受理内容尚未提交，办结后将清空。', okText: '办结', cancelText: '继续填写', onOk: () => resolve(true), onCancel: () => resolve(false) });
    });
  const q = useCounterQueue({
    confirmFinish,
    onFinished: (t) => {
      setFinished(t);
      startOver(undefined);
    },
  });
  const current = q.current;
  const suggested = useTicketItems(current, q.snapshot);

  // 实名取号: the person who took the ticket with their card is on the desk when it is called.
  const holder = useQuery({
    queryKey: ['ticket-holder', current?.id],
    queryFn: () => client.queue.holder({ ticketId: current!.id }),
    enabled: Boolean(current?.holderName),
    staleTime: Infinity,
  });
  const initialApplicant = sameApplicant ?? (holder.data ? { ...holder.data } : undefined);
  // 预约: the item the visitor booked is on the desk when their ticket is called.
  const booked = useBookedItem(current);
  const items = booked ? [booked, ...suggested.filter((s) => s.key !== booked.key)] : suggested;

  const autoPrint = settings.data?.counter.autoPrintReceipt !== false;
  const printDocument = async (documentId: number) => {
    try {
      const outcome = jobOutcomeText(await client.printing.printDocument({ documentId }));
      void (outcome.ok ? message.success(outcome.text) : message.warning({ content: outcome.text, duration: 8 }));
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const onDecided = (detail: CaseDetail) => {
    setResult(detail);
    const first = detail.documents[0];
    if (autoPrint && first) void printDocument(first.id);
  };

  useHotkeys('alt+n', (e) => {
    e.preventDefault();
    if (result) return startOver(result.applicant);
    if (!dirty) return startOver(undefined);
    modal.confirm({ title: '清空当前填写的内容？', content: '尚未受理，清空后需要重新填写。', okText: '清空', cancelText: '继续填写', onOk: () => startOver(undefined) });
  }, { enableOnFormTags: true }, [result, dirty]);
  useHotkeys('f4', (e) => {
    e.preventDefault();
    const doc = result?.documents[0];
    if (doc) void printDocument(doc.id);
  }, { enableOnFormTags: true }, [result]);
  useScreenKeys('workstation', useMemo(() => [...QUEUE_KEY_HELP, ...DESK_KEYS], []));

  return (
    <div className="workstation" data-testid="workstation">
      <TicketBar q={q} />
      {finished && !current && <EvaluationOffer ticket={finished} onDone={() => setFinished(null)} />}
      {result ? (
        <IntakeResult detail={result} onAnother={() => startOver(result.applicant)} ticketLabel={current?.label} />
      ) : (
        // A newly called ticket (or a finished one) starts a clean desk.
        <IntakeDesk
          key={`${current?.id ?? 'none'}:${deskKey}:${holder.data ? 'holder' : ''}:${booked?.key ?? ''}`}
          suggested={items}
          initialApplicant={initialApplicant}
          initialItem={sameApplicant ? undefined : booked}
          onCardRead={q.startIfCalled}
          onDecided={onDecided}
          onDirty={onDirty}
        />
      )}
    </div>
  );
}
