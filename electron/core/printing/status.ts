/**
 * Printer status from DLE EOT answers (Epson real-time status, implemented by most Chinese
 * receipt printers): one byte per question, bits 1 and 4 always set, bits 0 and 7 clear.
 *   n=1 printer:       bit 3 offline
 *   n=2 offline cause: bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped at paper end, bit 6 error
 *   n=4 paper sensor:  bits 2–3 paper near end, bits 5–6 paper end
 * Printers that do not answer within the timeout are printed to anyway: state 'unknown'.
 */
export type PrinterState = 'ready' | 'paperNearEnd' | 'paperOut' | 'coverOpen' | 'offline' | 'error' | 'unknown' | 'unreachable' | 'off';

export const PRINTER_STATE_TEXT: Record<PrinterState, string> = {
  ready: '打印机正常',
  paperNearEnd: '打印机纸将用完，请及时换纸',
  paperOut: '打印机缺纸，请装纸',
  coverOpen: '打印机盖未关好，请合上',
  offline: '打印机脱机，请检查电源和纸仓',
  error: '打印机故障，请检查打印机',
  unknown: '打印机未报告状态（按已连接处理）',
  unreachable: '无法连接打印机，请检查电源、网线或地址',
  off: '未启用小票打印机',
};

/** States in which sending the job would lose it: the job waits and is retried. */
export function blocksPrinting(state: PrinterState): boolean {
  return state === 'paperOut' || state === 'coverOpen' || state === 'offline' || state === 'error' || state === 'unreachable';
}

export function validStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** Decides the state from the answers to DLE EOT 1, 2 and 4 (any may be missing). */
export function stateFromStatus(answers: { printer?: number; offline?: number; paper?: number }): PrinterState {
  const { printer, offline, paper } = answers;
  if (printer === undefined) return 'unknown';
  if (paper !== undefined && (paper & 0x60) === 0x60) return 'paperOut';
  if (offline !== undefined) {
    if (offline & 0x04) return 'coverOpen';
    if (offline & 0x20) return 'paperOut';
    if (offline & 0x40) return 'error';
  }
  if (printer & 0x08) return 'offline';
  if (paper !== undefined && (paper & 0x0c) === 0x0c) return 'paperNearEnd';
  return 'ready';
}

/** The answers a printer in this condition gives (the simulator answers with these). */
export function statusBytes(c: { paperOut?: boolean; coverOpen?: boolean; nearEnd?: boolean; offline?: boolean }): Record<1 | 2 | 3 | 4, number> {
  const off = c.offline === true || c.paperOut === true || c.coverOpen === true;
  return {
    1: 0x12 | (off ? 0x08 : 0),
    2: 0x12 | (c.coverOpen ? 0x04 : 0) | (c.paperOut ? 0x20 : 0),
    3: 0x12,
    4: 0x12 | (c.paperOut ? 0x60 : 0) | (c.nearEnd || c.paperOut ? 0x0c : 0),
  };
}
