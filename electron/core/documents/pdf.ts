import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CaseDocument } from '../../../shared/contract/cases';
import type { CaseDocumentDraft } from '../../../shared/cases/documents';
import { toHallIso } from '../../../shared/system/hall-time';
import { fontCandidates, useCjkFont, type FontCandidate } from './fonts';

/**
 * A case document (shared/cases/documents.ts) as PDF. Layouts: A4 for the office printer, and
 * 80 mm / 58 mm wide single pages that preview what the receipt printer prints (the page is as
 * long as the content). Chinese text uses a CJK font found by ./fonts.ts, embedded as a subset.
 */
export type PdfLayout = 'a4' | 'receipt80' | 'receipt58';

export interface RenderPdfOptions {
  layout?: PdfLayout;
  fonts?: readonly FontCandidate[];
}

type Doc = InstanceType<typeof PDFDocument>;
type Block = CaseDocument['blocks'][number];

const MM = 72 / 25.4;

interface Style {
  width: number;
  margin: number;
  body: number;
  small: number;
  title: number;
  hall: number;
  qr: number;
  /** Label column of a fields block; 0 = label and value on one flowing line. */
  labelWidth: number;
  gap: number;
  narrow: boolean;
}

const STYLES: Record<PdfLayout, Style> = {
  a4: { width: 595.28, margin: 20 * MM, body: 11, small: 9, title: 22, hall: 12, qr: 84, labelWidth: 80, gap: 10, narrow: false },
  receipt80: { width: 80 * MM, margin: 4 * MM, body: 9, small: 7.5, title: 14, hall: 9, qr: 34 * MM, labelWidth: 0, gap: 6, narrow: true },
  receipt58: { width: 58 * MM, margin: 3 * MM, body: 8, small: 6.5, title: 12, hall: 8, qr: 30 * MM, labelWidth: 0, gap: 5, narrow: true },
};

const A4_HEIGHT = 841.89;
const INK = '#111111';
const GREY = '#555555';
const RULE = '#999999';

/** `2026-11-23 09:00` in hall time, whatever offset the stored instant was written with. */
function hallTime(iso: string): string {
  const ms = Date.parse(iso);
  return (Number.isNaN(ms) ? iso : toHallIso(ms)).slice(0, 16).replace('T', ' ');
}

function contentWidth(s: Style): number {
  return s.width - 2 * s.margin;
}

/** A4 only: start a new page when `height` does not fit any more. */
function ensureRoom(doc: Doc, s: Style, height: number): void {
  if (s.narrow) return;
  if (doc.y + height > A4_HEIGHT - s.margin) doc.addPage();
}

function rule(doc: Doc, s: Style, dashed = false): void {
  const y = doc.y;
  doc.save().lineWidth(0.5).strokeColor(RULE);
  if (dashed) doc.dash(2, { space: 2 });
  doc.moveTo(s.margin, y).lineTo(s.width - s.margin, y).stroke();
  doc.restore();
  doc.y = y + 1;
}

function header(doc: Doc, s: Style, d: CaseDocumentDraft): void {
  const w = contentWidth(s);
  doc.fillColor(GREY).fontSize(s.hall).text(d.hallName, s.margin, doc.y, { width: w, align: 'center' });
  doc.moveDown(0.3);
  doc.fillColor(INK).fontSize(s.title).text(d.title, s.margin, doc.y, { width: w, align: 'center', characterSpacing: s.narrow ? 1 : 4 });
  doc.moveDown(0.4);
  rule(doc, s, s.narrow);
  doc.y += s.gap;
}

/** A4: a bordered two-column table. Receipts: `label：value` lines. */
function fields(doc: Doc, s: Style, rows: readonly (readonly [string, string])[]): void {
  const w = contentWidth(s);
  doc.fontSize(s.body);
  if (s.labelWidth === 0) {
    for (const [label, value] of rows) {
      doc.fillColor(GREY).text(`${label}：`, s.margin, doc.y, { width: w, continued: true }).fillColor(INK).text(value || '—');
      doc.y += 1;
    }
    doc.y += s.gap;
    return;
  }
  const pad = 4;
  const half = w / 2;
  const fitsHalf = (value: string) => doc.widthOfString(value || '—') <= half - s.labelWidth - 2 * pad;
  // Short values go two to a row (label | value | label | value); long ones take the full width.
  const lines: (readonly (readonly [string, string])[])[] = [];
  for (let i = 0; i < rows.length; i++) {
    const a = rows[i]!;
    const b = rows[i + 1];
    if (b && fitsHalf(a[1]) && fitsHalf(b[1])) {
      lines.push([a, b]);
      i++;
    } else lines.push([a]);
  }
  doc.save().lineWidth(0.5).strokeColor(RULE);
  for (const line of lines) {
    const cellWidth = w / line.length;
    const valueWidth = cellWidth - s.labelWidth - 2 * pad;
    const h = Math.max(...line.map(([label, value]) => Math.max(doc.heightOfString(label, { width: s.labelWidth - 2 * pad }), doc.heightOfString(value || '—', { width: valueWidth })))) + 2 * pad;
    ensureRoom(doc, s, h);
    const top = doc.y;
    line.forEach(([label, value], i) => {
      const x = s.margin + i * cellWidth;
      doc.rect(x, top, s.labelWidth, h).fillAndStroke('#f2f2f2', RULE);
      doc.rect(x + s.labelWidth, top, cellWidth - s.labelWidth, h).stroke();
      doc.fillColor(GREY).text(label, x + pad, top + pad, { width: s.labelWidth - 2 * pad });
      doc.fillColor(INK).text(value || '—', x + s.labelWidth + pad, top + pad, { width: valueWidth });
    });
    doc.y = top + h;
  }
  doc.restore();
  doc.x = s.margin;
  doc.y += s.gap;
}

function list(doc: Doc, s: Style, title: string, items: readonly string[]): void {
  const w = contentWidth(s);
  ensureRoom(doc, s, s.body * 4);
  doc.fillColor(INK).fontSize(s.body + 1).text(title, s.margin, doc.y, { width: w });
  doc.y += 3;
  doc.fontSize(s.body);
  const indent = s.narrow ? s.body : s.body * 1.5;
  for (const item of items) {
    ensureRoom(doc, s, doc.heightOfString(item, { width: w - indent }) + 2);
    doc.text(item, s.margin + indent, doc.y, { width: w - indent, lineGap: 1 });
    doc.y += 2;
  }
  doc.x = s.margin;
  doc.y += s.gap;
}

function paragraph(doc: Doc, s: Style, text: string, emphasis: boolean): void {
  const w = contentWidth(s);
  doc.fontSize(emphasis ? s.body + 1 : s.body).fillColor(INK);
  if (!emphasis) {
    ensureRoom(doc, s, doc.heightOfString(text, { width: w }));
    doc.text(text, s.margin, doc.y, { width: w, lineGap: 2 });
  } else {
    const pad = s.narrow ? 3 : 8;
    const h = doc.heightOfString(text, { width: w - 2 * pad, lineGap: 2 }) + 2 * pad;
    ensureRoom(doc, s, h);
    const top = doc.y;
    doc.save().lineWidth(s.narrow ? 0.8 : 1).strokeColor(INK).rect(s.margin, top, w, h).stroke().restore();
    doc.fillColor(INK).text(text, s.margin + pad, top + pad, { width: w - 2 * pad, lineGap: 2 });
    doc.y = top + h;
  }
  doc.x = s.margin;
  doc.y += s.gap;
}

async function qr(doc: Doc, s: Style, value: string, caption: string): Promise<void> {
  const png = await QRCode.toBuffer(value, { errorCorrectionLevel: 'M', margin: 1, width: Math.round(s.qr * 4) });
  ensureRoom(doc, s, s.qr + s.small * 3);
  const top = doc.y;
  const w = contentWidth(s);
  const x = s.margin + (w - s.qr) / 2;
  doc.image(png, x, top, { width: s.qr, height: s.qr });
  doc.fontSize(s.small).fillColor(GREY).text(caption, s.margin, top + s.qr + 2, { width: w, align: 'center' });
  doc.fillColor(INK);
  doc.x = s.margin;
  doc.y += s.gap;
}

/** 经办人 → 经办人（签字）; a label that already says how to sign (申请人（签收）) stays. */
function signLabel(label: string): string {
  return label.includes('签') ? label : `${label}（签字）`;
}

function signatures(doc: Doc, s: Style, labels: readonly string[]): void {
  const w = contentWidth(s);
  doc.fontSize(s.body).fillColor(INK);
  if (s.narrow) {
    for (const label of labels) {
      doc.y += s.body;
      const text = `${signLabel(label)}：`;
      doc.text(text, s.margin, doc.y, { width: w });
      const y = doc.y - 2;
      doc.save().lineWidth(0.5).strokeColor(INK).moveTo(s.margin + doc.widthOfString(text) + 2, y).lineTo(s.width - s.margin, y).stroke().restore();
    }
    doc.y += s.gap;
    return;
  }
  ensureRoom(doc, s, s.body * 5.5);
  doc.y += s.body * 1.5;
  const top = doc.y;
  const col = w / Math.max(labels.length, 2);
  labels.forEach((label, i) => {
    const x = s.margin + i * col;
    doc.text(`${signLabel(label)}：`, x, top, { width: col - 12 });
    doc.save().lineWidth(0.5).strokeColor(INK).moveTo(x, top + s.body * 2.6).lineTo(x + col - 24, top + s.body * 2.6).stroke().restore();
    doc.fillColor(GREY).fontSize(s.small).text('年    月    日', x, top + s.body * 3, { width: col - 24, align: 'right' });
    doc.fillColor(INK).fontSize(s.body);
  });
  doc.x = s.margin;
  doc.y = top + s.body * 4;
}

/** Receipts: after the content. A4: in the bottom margin of every page. */
function footer(doc: Doc, s: Style, d: CaseDocumentDraft): void {
  const w = contentWidth(s);
  const text = `${d.hallName} · ${d.title} · 出具时间 ${hallTime(d.issuedAt)}`;
  doc.fontSize(s.small).fillColor(GREY);
  if (s.narrow) {
    doc.y += s.gap / 2;
    rule(doc, s, true);
    doc.y += 3;
    doc.text(text, s.margin, doc.y, { width: w, align: 'center' });
  } else {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
      const y = A4_HEIGHT - s.margin + 14;
      const page = range.count > 1 ? ` · 第${i - range.start + 1}页/共${range.count}页` : '';
      doc.text(text + page, s.margin, y, { width: w, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.fillColor(INK);
}

async function layout(doc: Doc, s: Style, d: CaseDocumentDraft): Promise<void> {
  doc.x = s.margin;
  doc.y = s.margin;
  header(doc, s, d);
  for (const block of d.blocks as readonly Block[]) {
    switch (block.type) {
      case 'fields':
        fields(doc, s, block.rows);
        break;
      case 'list':
        list(doc, s, block.title, block.items);
        break;
      case 'text':
        paragraph(doc, s, block.text, block.emphasis === true);
        break;
      case 'qr':
        await qr(doc, s, block.value, block.caption);
        break;
      case 'signatures':
        signatures(doc, s, block.labels);
        break;
    }
  }
  footer(doc, s, d);
}

function newDoc(d: CaseDocumentDraft, s: Style, height: number, fonts: readonly FontCandidate[]): Doc {
  const doc = new PDFDocument({
    size: [s.width, height],
    margins: { top: s.margin, bottom: s.narrow ? 0 : s.margin, left: s.margin, right: s.margin },
    info: { Title: `${d.title} ${d.caseNo}`, Author: d.hallName, Subject: d.title, Creator: '医保经办窗口' },
    lang: 'zh-CN',
    displayTitle: true,
    bufferPages: true,
  });
  useCjkFont(doc, fonts);
  return doc;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Renders the document; receipts are measured on a scratch page first, then cut to length. */
export async function renderDocumentPdf(d: CaseDocumentDraft, options: RenderPdfOptions = {}): Promise<Buffer> {
  const s = STYLES[options.layout ?? 'a4'];
  const fonts = options.fonts ?? fontCandidates();
  let height = A4_HEIGHT;
  if (s.narrow) {
    const scratch = newDoc(d, s, 100_000, fonts);
    await layout(scratch, s, d);
    height = Math.ceil(scratch.y + s.margin * 2);
    scratch.end();
  }
  const doc = newDoc(d, s, height, fonts);
  const out = collect(doc);
  await layout(doc, s, d);
  doc.end();
  return out;
}

/** `受理回执-410102202611200010001-a4.pdf` */
export function pdfFileName(d: Pick<CaseDocumentDraft, 'title' | 'caseNo'>, layout: PdfLayout = 'a4'): string {
  return `${d.title}-${d.caseNo}-${layout}.pdf`;
}
