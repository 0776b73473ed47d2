import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { layoutPrintable, printableDocument, printableTicket } from '../../../shared/print/layout';
import type { PrintLayout, Printable } from '../../../shared/print/model';
import { COLUMNS, DOTS, textWidth, type PaperWidth } from '../../../shared/print/width';
import { encodeLayout, qrNative, type EscposOptions } from '../../../electron/core/printing/escpos';
import { decodeEscpos } from '../../../electron/core/printing/decode';
import { lineLacksGlyph } from '../../../electron/core/printing/encoding';
import { paperText } from '../../../electron/core/printing/paper';
import { resolveTemplatesDir, templateLoader } from '../../../electron/core/printing/templates';
import { RARE, SAMPLE_TICKET, sampleDocuments } from '../../fixtures/printing';

const templates = templateLoader(resolveTemplatesDir());
const GB: EscposOptions = { encoding: 'gb18030', qrMode: 'native', rasterFallback: true };
const hex = (b: Buffer | number[]) => Buffer.from(b).toString('hex');
const has = (bytes: Buffer, seq: number[] | Buffer) => bytes.includes(Buffer.from(seq));

const docs = sampleDocuments();
const printables: [string, Printable][] = [
  ['受理回执', printableDocument(docs.acceptanceReceipt, '2026-11-22T01:31:00.000Z')],
  ['一次性告知书', printableDocument(docs.oneTimeNotice, '2026-11-22T01:31:00.000Z')],
  ['办结通知', printableDocument(docs.completionNotice, '2026-11-25T02:01:00.000Z')],
  ['排队号票', printableTicket(SAMPLE_TICKET)],
];
const layout = (p: Printable, w: PaperWidth): PrintLayout => layoutPrintable(templates(p.kind), p, w);

/** What the simulator should read back: the layout's lines, lines the font lacks as images. */
function expectedLines(l: PrintLayout, o: EscposOptions): string[] {
  return l.lines.flatMap((line) => {
    if (line.kind === 'qr') return [`[二维码 ${line.value}]`];
    if (line.kind !== 'text') return [];
    return [o.rasterFallback && lineLacksGlyph(line.text, o.encoding) ? `[图像 ${DOTS[l.width]}×${24 * line.size}]` : line.text];
  });
}

describe.each([58, 80] as const)('ESC/POS at %i mm', (width) => {
  describe.each(printables)('%s', (_name, printable) => {
    it('fits every line to the paper and reads back to the same text lines in the simulator', async () => {
      const l = layout(printable, width);
      for (const line of l.lines) if (line.kind === 'text') expect(textWidth(line.text) * line.size, line.text).toBeLessThanOrEqual(COLUMNS[width]);
      const bytes = await encodeLayout(l, GB);
      // ESC @ then FS & (Chinese mode) before any text.
      expect(hex(bytes.subarray(0, 4))).toBe('1b401c26');
      const decoded = decodeEscpos(bytes);
      expect(decoded.warnings).toEqual([]);
      expect(paperText(decoded.items)).toEqual(expectedLines(l, GB));
      expect(hex(bytes.subarray(-4))).toBe('1d564200');
    });
  });

  it('sends 喆 堃 玥 as their GBK two-byte codes, never node-thermal-printer’s GB2312 `?`', async () => {
    const bytes = await encodeLayout(layout(printables[0]![1], width), GB);
    expect(has(bytes, [0x86, 0xb4])).toBe(true); // 喆
    expect(has(bytes, [0x88, 0xd2])).toBe(true); // 堃 (in a material note)
    expect(has(bytes, [0xab, 0x68])).toBe(true); // 玥
    expect(has(bytes, iconv.encode('申请人', 'gb18030'))).toBe(true);
  });

  it('prints ¥ as the full-width ￥ (A3 A4), not the four-byte 81 30 84 36', async () => {
    const bytes = await encodeLayout(layout(printables[2]![1], width), GB);
    expect(has(bytes, [0xa3, 0xa4, 0x31, 0x2c, 0x32, 0x38, 0x30])).toBe(true); // ￥1,280
    expect(has(bytes, [0x81, 0x30, 0x84, 0x36])).toBe(false);
  });

  it('draws a line with a four-byte GB18030 character as a raster image of the paper width', async () => {
    const l = layout(printables[0]![1], width);
    const rareLine = l.lines.find((x) => x.kind === 'text' && x.text.includes(RARE));
    expect(rareLine).toBeDefined();
    const bytes = await encodeLayout(l, GB);
    const bytesPerRow = DOTS[width] / 8;
    // GS v 0, mode 0, xL xH = bytes per row, yL yH = 24 dots.
    expect(has(bytes, [0x1d, 0x76, 0x30, 0x00, bytesPerRow, 0x00, 24, 0x00])).toBe(true);
    expect(has(bytes, [0x95, 0x34, 0xb2, 0x35])).toBe(false);
    const image = decodeEscpos(bytes).items.find((i) => i.kind === 'image');
    expect(image?.kind === 'image' && image.bitmap.data.some((b) => b !== 0)).toBe(true);
  });

  it('without raster fallback sends the four-byte sequence 95 34 B2 35 (printers with a full GB18030 font)', async () => {
    const bytes = await encodeLayout(layout(printables[0]![1], width), { ...GB, rasterFallback: false });
    expect(has(bytes, [0x95, 0x34, 0xb2, 0x35])).toBe(true);
    expect(decodeEscpos(bytes).items.some((i) => i.kind === 'text' && i.text.includes(`${RARE}`))).toBe(true);
  });

  it('stores the QR code with GS ( k and the byte length of the data', async () => {
    const bytes = await encodeLayout(layout(printables[0]![1], width), GB);
    const url = 'http://10.1.2.3:5780/#/progress?code=Q7K2M9XD';
    const len = url.length + 3;
    expect(has(bytes, [0x1d, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...Buffer.from(url)])).toBe(true);
    expect(has(bytes, [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30])).toBe(true); // print
    expect(decodeEscpos(bytes).items.find((i) => i.kind === 'qr')).toMatchObject({ kind: 'qr', value: url });
  });

  it('raster QR mode sends the code as an image instead (printers without GS ( k)', async () => {
    const bytes = await encodeLayout(layout(printables[0]![1], width), { ...GB, qrMode: 'raster' });
    expect(has(bytes, [0x1d, 0x28, 0x6b])).toBe(false);
    const images = decodeEscpos(bytes).items.filter((i) => i.kind === 'image');
    expect(images.some((i) => i.kind === 'image' && i.bitmap.height > 100)).toBe(true);
  });

  it('prints the ticket number double size and bold, centred', async () => {
    const bytes = await encodeLayout(layout(printables[3]![1], width), GB);
    expect(has(bytes, [0x1b, 0x61, 0x01])).toBe(true);
    expect(has(bytes, [0x1d, 0x21, 0x11, 0x1c, 0x21, 0x0c])).toBe(true);
    const ticket = decodeEscpos(bytes).items.find((i) => i.kind === 'text' && i.text === 'A012');
    expect(ticket).toMatchObject({ size: 2, bold: true, align: 'center' });
  });
});

describe('ESC/POS encodings', () => {
  it('GBK sends the same two-byte codes; UTF-8 leaves Chinese mode (FS .) and sends UTF-8', async () => {
    const l = layout(printables[0]![1], 80);
    const gbk = await encodeLayout(l, { ...GB, encoding: 'gbk' });
    expect(has(gbk, [0x86, 0xb4])).toBe(true);
    const utf8 = await encodeLayout(l, { ...GB, encoding: 'utf8' });
    expect(hex(utf8.subarray(0, 4))).toBe('1b401c2e');
    expect(has(utf8, Buffer.from('王喆'))).toBe(true);
    expect(paperText(decodeEscpos(utf8, 'utf8').items)).toEqual(expectedLines(l, { ...GB, encoding: 'utf8' }));
  });

  it('a long QR payload gets a two-byte length', () => {
    const bytes = qrNative('x'.repeat(300), 4);
    expect(has(bytes, [0x1d, 0x28, 0x6b, 303 & 0xff, 303 >> 8, 0x31, 0x50, 0x30])).toBe(true);
  });
});
