import type { AuditEntry } from '../../../shared/contract/auth';

/** CSV with a BOM so that Excel on Chinese Windows opens it as UTF-8. */
export function auditCsv(entries: AuditEntry[], label: (action: string) => string): string {
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const header = ['序号', '时间', '操作人', '操作', '操作代码', '对象', '窗口', '方式', '详情', '校验值'];
  const rows = entries.map((e) => [e.id, e.at, e.actor, label(e.action), e.action, e.target, e.counter, e.transport, JSON.stringify(e.detail), e.hash].map(cell).join(','));
  return `\uFEFF${[header.map(cell).join(','), ...rows].join('\r\n')}\r\n`;
}
