import QRCode from 'qrcode';
import sharp from 'sharp';
import { DOTS, type PaperWidth } from '../../../shared/print/width';
import type { Align, CharSize } from '../../../shared/print/model';
import { RECEIPT_FONTS, svgTextLine } from './geometry';

/** A 1-bit image as GS v 0 wants it: rows of `bytesPerRow` bytes, most significant bit leftmost, 1 = black. */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Buffer;
}

export function emptyBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, data: Buffer.alloc(bytesPerRow * height) };
}

export function setDot(b: Bitmap, x: number, y: number): void {
  b.data[y * b.bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
}

export function getDot(b: Bitmap, x: number, y: number): boolean {
  return ((b.data[y * b.bytesPerRow + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** The QR matrix of a value (error correction M, like the native GS ( k path). */
export function qrMatrix(value: string): { size: number; dark: (x: number, y: number) => boolean } {
  const qr = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/** A QR code as a full-width bitmap, centred, with a quiet zone of 4 modules kept white. */
export function qrBitmap(value: string, moduleSize: number, width: PaperWidth): Bitmap {
  const m = qrMatrix(value);
  const paper = DOTS[width];
  const scale = Math.max(1, Math.min(moduleSize, Math.floor(paper / (m.size + 8))));
  const side = m.size * scale;
  const left = Math.floor((paper - side) / 2);
  const b = emptyBitmap(paper, side + 8 * scale);
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.dark(x, y)) continue;
      for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) setDot(b, left + x * scale + dx, 4 * scale + y * scale + dy);
    }
  }
  return b;
}

/**
 * A line of text drawn as the printer would print it (same place, same size), for characters
 * the printer's font lacks. Drawn with the system's CJK font through sharp (librsvg), then
 * thresholded to black and white.
 */
export async function textBitmap(text: string, align: Align, size: CharSize, bold: boolean, width: PaperWidth): Promise<Bitmap> {
  const paper = DOTS[width];
  const height = 24 * size;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${paper}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><g font-family="${RECEIPT_FONTS}" fill="#000">${svgTextLine(text, align, size, bold, width, 0)}</g></svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const b = emptyBitmap(paper, height);
  for (let y = 0; y < info.height && y < height; y++) {
    for (let x = 0; x < info.width && x < paper; x++) if (data[(y * info.width + x) * info.channels]! < 128) setDot(b, x, y);
  }
  return b;
}
