import { useRef, useState } from 'react';
import { App } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useHotkeys } from 'react-hotkeys-hook';
import type { Ticket } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useQueueWatch } from './useQueueWatch';
import type { TransferTarget } from './CallModals';

export type QueueAction = 'callNext' | 'recall' | 'start' | 'noShow' | 'transfer' | 'finish';

/** USB caller keypads send these keys, so they work wherever the focus is on a screen that uses them. */
export const QUEUE_KEYS: Record<QueueAction, string> = { callNext: 'f5', recall: 'f6', start: 'f7', noShow: 'f8', transfer: 'f9', finish: 'f10' };
export const QUEUE_ACTION_LABEL: Record<QueueAction, string> = { callNext: '叫下一位', recall: '重呼', start: '开始办理', noShow: '过号', transfer: '转窗', finish: '办结本号' };

interface Options {
  /** Asked before F10 finishes the ticket; false keeps it open (e.g. a visit still half-typed). */
  confirmFinish?: (ticket: Ticket) => Promise<boolean>;
  onFinished?: (ticket: Ticket) => void;
  /** Keys are off while a dialog of the caller's is open. */
  keysEnabled?: boolean;
}

/**
 * This counter's place in the queue and the clerk's actions on it (F5–F10), shared by 窗口工作台
 * and 排队叫号. One action runs at a time, in the order pressed: F7 then F10 from a keypad both
 * happen instead of the second being dropped while the first is on its way.
 */
export function useCounterQueue(options: Options = {}) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const number = settings.data?.counter.number;
  const { snapshot, state } = useQueueWatch();
  const counter = snapshot?.counters.find((c) => c.number === number);
  const current = counter?.current ?? null;
  const [dialog, setDialog] = useState<'transfer' | 'pause' | null>(null);

  const run = useMutation({
    mutationFn: async ({ fn }: { fn: () => Promise<string | null>; key: string }) => fn(),
    onSuccess: (text) => {
      // One message at a time, replaced by the next: a clerk calls all day long.
      if (text) void message.open({ key: 'queue-action', type: 'success', content: text });
    },
    onError: (e) => void message.open({ key: 'queue-action', type: 'error', content: errorText(e) }),
  });
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const go = (key: string, fn: () => Promise<string | null>) => {
    chain.current = chain.current.then(() => run.mutateAsync({ key, fn }).catch(() => undefined));
    return chain.current;
  };

  const open = counter?.open === true;
  const paused = open && counter?.pausedReason != null;
  const active = open && !paused;
  const called = current?.status === 'called';
  const can: Record<QueueAction, boolean> = {
    callNext: active && current === null,
    recall: active && called,
    start: active && called,
    noShow: active && called,
    transfer: active && current !== null,
    finish: active && current !== null,
  };

  const actions: Record<QueueAction, () => void> = {
    callNext: () =>
      void go('callNext', async () => {
        const t = await client.queue.callNext({ counter: number });
        return t ? `已叫 ${t.label} 号` : '当前没有等候的号';
      }),
    recall: () => current && void go('recall', async () => `已重呼 ${(await client.queue.recall({ ticketId: current.id })).label} 号`),
    start: () => current && void go('start', async () => `${(await client.queue.start({ ticketId: current.id })).label} 号开始办理`),
    noShow: () => current && void go('noShow', async () => `${(await client.queue.noShow({ ticketId: current.id })).label} 号已过号`),
    transfer: () => setDialog('transfer'),
    finish: () => {
      if (!current) return;
      void (async () => {
        if (options.confirmFinish && !(await options.confirmFinish(current))) return;
        await go('finish', async () => {
          const t = await client.queue.finish({ ticketId: current.id });
          options.onFinished?.(t);
          return `${t.label} 号已办结`;
        });
      })();
    },
  };

  /** The person is at the counter (their card was read): a called ticket becomes 办理中 without a key press. */
  const startIfCalled = () => {
    if (current?.status === 'called' && active) void go('start', async () => (await client.queue.start({ ticketId: current.id }), null));
  };

  useHotkeys(
    Object.values(QUEUE_KEYS),
    (event, handler) => {
      event.preventDefault();
      const action = (Object.keys(QUEUE_KEYS) as QueueAction[]).find((a) => handler.keys?.includes(QUEUE_KEYS[a]));
      if (action && can[action]) actions[action]();
    },
    { enableOnFormTags: true, enableOnContentEditable: true, enabled: dialog === null && options.keysEnabled !== false, preventDefault: true },
    [can, actions, dialog],
  );

  const transfer = (target: TransferTarget) =>
    current &&
    void go('transfer', async () => {
      const t = await client.queue.transfer({ ticketId: current.id, ...target });
      setDialog(null);
      return 'toCategory' in target ? `${t.label} 号已转到 ${target.toCategory} 类业务` : `${t.label} 号已转到 ${target.toCounter} 号窗口`;
    });
  const pause = (reason: string) =>
    void go('pause', async () => {
      await client.queue.pause({ counter: number, reason });
      setDialog(null);
      return '已暂停服务';
    });
  const resume = () => void go('resume', async () => (await client.queue.resume({ counter: number }), '已恢复服务'));
  const openCounter = () => counter && void go('open', async () => (await client.queue.openCounter({ counter: counter.number }), '窗口已开启'));
  const callTicket = (t: Ticket) => void go('call', async () => `已叫 ${(await client.queue.call({ ticketId: t.id, counter: number })).label} 号`);

  return {
    number,
    settingsPending: settings.isPending,
    snapshot,
    state,
    counter,
    current,
    open,
    paused,
    active,
    can,
    actions,
    busy: run.isPending,
    dialog,
    setDialog,
    transfer,
    pause,
    resume,
    openCounter,
    callTicket,
    startIfCalled,
  };
}

export type CounterQueue = ReturnType<typeof useCounterQueue>;
