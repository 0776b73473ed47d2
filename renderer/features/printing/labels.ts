import type { PrintJob, PrinterStatus } from '../../../shared/contract/printing';

export const PRINTER_DRIVER_LABELS: Record<string, string> = {
  simulator: '模拟打印机（培训、无设备时）',
  tcp: '网络打印机（TCP 9100）',
  serial: '串口打印机',
  system: '系统打印机（原始数据）',
  none: '不使用',
};

export const JOB_STATUS_LABELS: Record<PrintJob['status'], string> = {
  queued: '等待打印',
  printing: '正在打印',
  done: '已打印',
  failed: '打印失败',
  dismissed: '不再打印',
};

export const JOB_STATUS_COLORS: Record<PrintJob['status'], string> = {
  queued: 'processing',
  printing: 'processing',
  done: 'success',
  failed: 'error',
  dismissed: 'default',
};

/** Header tag: failures first (someone must act), then the printer's own state. */
export function printerTagOf(s: PrinterStatus | undefined): { color: string; text: string } {
  if (!s) return { color: 'default', text: '打印机连接中…' };
  if (s.failed > 0) return { color: 'error', text: `打印失败 ${s.failed} 件` };
  if (s.state === 'off') return { color: 'default', text: '打印机未启用' };
  if (s.state === 'paperOut') return { color: 'error', text: '打印机缺纸' };
  if (s.state === 'coverOpen') return { color: 'error', text: '打印机盖未关' };
  if (s.state === 'offline' || s.state === 'unreachable') return { color: 'error', text: '打印机未连接' };
  if (s.state === 'error') return { color: 'error', text: '打印机故障' };
  if (s.waiting > 0) return { color: 'warning', text: `待打印 ${s.waiting} 件` };
  if (s.state === 'paperNearEnd') return { color: 'warning', text: '打印机纸将用完' };
  if (s.driver === 'simulator') return { color: 'blue', text: '打印机：模拟器' };
  return { color: 'success', text: '打印机正常' };
}

/** What the clerk is told after 打印小票. */
export function jobOutcomeText(job: PrintJob): { ok: boolean; text: string } {
  if (job.status === 'done') return { ok: true, text: `${job.title}已打印` };
  if (job.status === 'failed') return { ok: false, text: `${job.title}打印失败：${job.error ?? '原因不明'}。可在“打印任务”中重新打印` };
  return { ok: false, text: `${job.title}未能打印${job.error ? `：${job.error}` : ''}。已留在打印队列，打印机恢复后自动打印` };
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
