import iconv from 'iconv-lite';

/**
 * Text bytes for the printer. GB18030 and GBK go out in Chinese mode (`FS &`); GB18030 is a
 * superset of GBK, which is a superset of GB2312 (node-thermal-printer's CHINA set, which loses
 * 喆, 堃, 玥 …). Most printer fonts hold only the two-byte range, so a character outside it
 * (a four-byte GB18030 sequence, or anything GBK cannot encode) is printed as an image instead
 * when raster fallback is on (see escpos.ts).
 */
export const PRINTER_ENCODINGS = ['gb18030', 'gbk', 'utf8'] as const;
export type PrinterEncoding = (typeof PRINTER_ENCODINGS)[number];

export function encodeText(text: string, encoding: PrinterEncoding): Buffer {
  return iconv.encode(text, encoding === 'utf8' ? 'utf8' : encoding);
}

/**
 * Whether a two-byte printer font lacks this character: not ASCII and not a two-byte code in
 * the chosen encoding (four-byte GB18030, or `?` from GBK). UTF-8 printers: outside the BMP.
 */
export function lacksGlyph(ch: string, encoding: PrinterEncoding): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return false;
  if (encoding === 'utf8') return cp > 0xffff;
  const bytes = iconv.encode(ch, encoding);
  // GBK writes `?` (one byte) for what it cannot encode; GB18030 needs four bytes beyond GBK.
  return bytes.length !== 2;
}

export function lineLacksGlyph(text: string, encoding: PrinterEncoding): boolean {
  for (const ch of text) if (lacksGlyph(ch, encoding)) return true;
  return false;
}
