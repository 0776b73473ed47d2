import type { QueueSnapshot, Ticket } from '../../../shared/contract/queue';

export type CounterState = QueueSnapshot['counters'][number];
export type CategoryState = QueueSnapshot['categories'][number];

/** "3 号窗口", or the counter's own name (e.g. 综合窗口) followed by its number. */
export function counterLabel(c: { number: number; name: string }): string {
  const name = c.name.trim();
  return name && name !== `${c.number} 号窗口` ? `${c.number} 号窗口（${name}）` : `${c.number} 号窗口`;
}

export const TICKET_STATUS_LABEL: Record<Ticket['status'], string> = {
  waiting: '等候中',
  called: '已叫号',
  serving: '办理中',
  done: '已办结',
  no_show: '过号',
  cancelled: '已取消',
  expired: '已过期',
};

/** Minutes as people say them (约 5 分钟, 约 1 小时 10 分钟): the same words the printed ticket uses. */
export { waitText } from '../../../shared/print/layout';

/**
 * The waiting tickets a counter serves, in the order it will call them (as core does: tickets
 * transferred to this counter first, then its categories' line in policy order).
 */
export function waitingFor(snapshot: QueueSnapshot, counter: CounterState | undefined): Ticket[] {
  if (!counter) return [];
  const served = snapshot.waiting.filter((t) => counter.categories.includes(t.categoryId) && (t.counter === null || t.counter === counter.number));
  return [...served.filter((t) => t.counter === counter.number), ...served.filter((t) => t.counter === null)];
}
