import type { CaseDocument } from '../contract/cases';
import type { PaperWidth } from './width';

/**
 * The layout model every receipt goes through: a document (or a queue ticket) is laid out
 * once into physical lines for one paper width; core renders those same lines to ESC/POS bytes
 * for the printer and to SVG for the on-screen preview, so the preview is what prints.
 */
export type Align = 'left' | 'center' | 'right';

/** 1: normal; 2: double width and height (half the columns). */
export type CharSize = 1 | 2;

export type PrintLine =
  /** One physical line that fits the paper at its size. */
  | { kind: 'text'; text: string; align: Align; size: CharSize; bold: boolean }
  /** A QR code, centred; `moduleSize` dots per module. */
  | { kind: 'qr'; value: string; moduleSize: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export interface PrintLayout {
  width: PaperWidth;
  cols: number;
  lines: PrintLine[];
}

export const PRINT_KINDS = ['acceptanceReceipt', 'oneTimeNotice', 'refusalNotice', 'completionNotice', 'queueTicket', 'testPage'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

export type DocumentBlock = CaseDocument['blocks'][number];

/** What a template lays out: named values for its own lines, and the document's blocks. */
export interface Printable {
  kind: PrintKind;
  vars: Record<string, string>;
  blocks: DocumentBlock[];
}
