import type { CaseDocumentDraft } from '../cases/documents';
import { toHallIso } from '../system/hall-time';
import type { Align, CharSize, DocumentBlock, PrintLayout, PrintLine, Printable } from './model';
import type { PrintTemplate, WidthTemplate } from './template';
import { COLUMNS, padToWidth, textWidth, wrapText, type PaperWidth } from './width';

/**
 * Lays a printable out with its template for one paper width: every text becomes physical
 * lines that fit (CJK two columns, ASCII one), so the printer never wraps on its own and the
 * preview shows the same breaks.
 */

const PLACEHOLDER = /\{(\w+)\}/g;

/** `{name}` → value; null when the text has placeholders and all of them are empty. */
function fill(text: string, vars: Record<string, string>): string | null {
  let any = false;
  let filled = false;
  const out = text.replace(PLACEHOLDER, (_, name: string) => {
    any = true;
    const v = vars[name] ?? '';
    if (v !== '') filled = true;
    return v;
  });
  return any && !filled ? null : out;
}

function textLines(text: string, cols: number, opts: { align?: Align; size?: CharSize; bold?: boolean; indent?: number } = {}): PrintLine[] {
  const size = opts.size ?? 1;
  return wrapText(text, Math.floor(cols / size), opts.indent ?? 0).map((line) => ({ kind: 'text', text: line, align: opts.align ?? 'left', size, bold: opts.bold ?? false }));
}

/** `1. ` `（一）` … at the start of an item: continued lines hang under its text. */
function itemIndent(item: string, fallback: number): number {
  const m = /^(\d+\.\s?|\d+、|（[一二三四五六七八九十]+）)/.exec(item);
  return m ? textWidth(m[0]) : fallback;
}

function blockLines(block: DocumentBlock, t: WidthTemplate, cols: number): PrintLine[] {
  switch (block.type) {
    case 'fields':
      return block.rows.flatMap(([label, value]) => {
        const head = `${label}：`;
        if (t.labelColumns === 0) return textLines(head + (value || '—'), cols, { indent: t.hang });
        const labelCols = Math.max(t.labelColumns, textWidth(head));
        // A label too wide for its column would leave no room: flow the value after it instead.
        if (labelCols > cols / 2) return textLines(head + (value || '—'), cols, { indent: t.hang });
        return textLines(padToWidth(head, labelCols) + (value || '—'), cols, { indent: labelCols });
      });
    case 'list':
      return [...textLines(block.title, cols, { bold: true }), ...block.items.flatMap((item) => textLines(item, cols, { indent: itemIndent(item, t.hang) }))];
    case 'text':
      return textLines(block.text, cols, { bold: block.emphasis === true });
    case 'qr':
      return [{ kind: 'qr', value: block.value, moduleSize: t.qrModuleSize }, ...textLines(block.caption, cols, { align: 'center' })];
    case 'signatures':
      return block.labels.flatMap((label) => [
        { kind: 'feed', lines: 1 } as PrintLine,
        ...textLines(`${label}：${'_'.repeat(t.signatureColumns)}`, cols),
        ...textLines('年    月    日', cols, { align: 'right' }),
      ]);
    default:
      return [];
  }
}

export function layoutPrintable(template: PrintTemplate, printable: Printable, width: PaperWidth): PrintLayout {
  const t = template.widths[String(width) as '58' | '80'];
  const cols = COLUMNS[width];
  const lines: PrintLine[] = [];
  for (const el of t.elements) {
    if ('rule' in el) lines.push({ kind: 'text', text: el.rule.repeat(cols), align: 'left', size: 1, bold: false });
    else if ('feed' in el) lines.push({ kind: 'feed', lines: el.feed });
    else if ('blocks' in el) {
      printable.blocks.forEach((block, i) => {
        if (i > 0 && t.blockGap > 0) lines.push({ kind: 'feed', lines: t.blockGap });
        lines.push(...blockLines(block, t, cols));
      });
    } else {
      const text = fill(el.text, printable.vars);
      if (text !== null) lines.push(...textLines(text, cols, el));
    }
  }
  if (t.feedBeforeCut > 0) lines.push({ kind: 'feed', lines: t.feedBeforeCut });
  if (t.cut) lines.push({ kind: 'cut' });
  return { width, cols, lines };
}

/** `2026-11-22 09:30` in hall time. */
export function hallMinute(iso: string): string {
  const ms = Date.parse(iso);
  return (Number.isNaN(ms) ? iso : toHallIso(ms)).slice(0, 16).replace('T', ' ');
}

/** A case document (shared/cases/documents.ts) as something to print. */
export function printableDocument(doc: CaseDocumentDraft, printedAt: string): Printable {
  return {
    kind: doc.kind,
    vars: { hallName: doc.hallName, title: doc.title, caseNo: doc.caseNo, issuedAt: hallMinute(doc.issuedAt), printedAt: hallMinute(printedAt) },
    blocks: doc.blocks,
  };
}

/** The queue ticket's data, as the kiosk shows it after 取号. */
export interface TicketPrintData {
  hallName: string;
  label: string;
  categoryName: string;
  priorityKind: string | null;
  ahead: number;
  estimatedWaitMinutes: number;
  takenAt: string;
  notice: string;
}

/** 约 25 分钟 / 约 1 小时 10 分钟 / 很快 */
export function waitText(minutes: number): string {
  if (minutes <= 0) return '很快';
  if (minutes < 60) return `约 ${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `约 ${h} 小时 ${m} 分钟` : `约 ${h} 小时`;
}

export function printableTicket(t: TicketPrintData): Printable {
  return {
    kind: 'queueTicket',
    vars: {
      hallName: t.hallName,
      label: t.label,
      category: t.categoryName,
      priority: t.priorityKind ?? '',
      ahead: String(t.ahead),
      wait: waitText(t.estimatedWaitMinutes),
      takenAt: hallMinute(t.takenAt),
      notice: t.notice,
    },
    blocks: [],
  };
}

/** 打印测试页: every kind of line, and the characters that go wrong on badly set-up printers. */
export function printableTestPage(hallName: string, printer: string, printedAt: string): Printable {
  return {
    kind: 'testPage',
    vars: { hallName, title: '打印测试页', printedAt: hallMinute(printedAt), printer },
    blocks: [
      { type: 'text', text: '如下列文字显示正常，说明打印机中文设置正确：' },
      { type: 'fields', rows: [['生僻字', '王喆 李堃 张玥 𠮷'], ['金额', '￥128.50'], ['数字', '0123456789 ABCDEFG abcdefg']] },
      { type: 'qr', value: 'MEDINS-TEST-0123456789', caption: '二维码测试' },
    ],
  };
}
