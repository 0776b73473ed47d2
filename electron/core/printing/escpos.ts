import type { PrintLayout, PrintLine } from '../../../shared/print/model';
import { encodeText, lineLacksGlyph, type PrinterEncoding } from './encoding';
import { qrBitmap, textBitmap, type Bitmap } from './bitmap';

/**
 * The layout (shared/print/layout.ts) as ESC/POS bytes. Commands used, all in the common
 * Epson-compatible subset Chinese 58/80 mm printers implement:
 *   ESC @ init · FS & / FS . Chinese mode on / off · ESC a align · ESC E bold · GS ! + FS ! size
 *   GS ( k QR (model 2, module size, error correction M, store, print) · GS v 0 raster image
 *   ESC d feed · GS V 66 feed and cut.
 */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

export const CMD = {
  init: [ESC, 0x40],
  chineseOn: [FS, 0x26],
  chineseOff: [FS, 0x2e],
  align: (n: 0 | 1 | 2) => [ESC, 0x61, n],
  bold: (on: boolean) => [ESC, 0x45, on ? 1 : 0],
  /** GS ! n: width multiplier in the high nibble, height in the low one (0 = ×1). */
  size: (mult: 1 | 2) => [GS, 0x21, ((mult - 1) << 4) | (mult - 1)],
  /** FS ! n: double width (bit 2) and height (bit 3) for two-byte characters. */
  kanjiSize: (mult: 1 | 2) => [FS, 0x21, mult === 2 ? 0x0c : 0],
  feed: (n: number) => [ESC, 0x64, n],
  cut: [GS, 0x56, 0x42, 0x00],
  /** DLE EOT n: real-time status (1 printer, 2 offline cause, 3 error cause, 4 paper sensor). */
  status: (n: 1 | 2 | 3 | 4) => [DLE, 0x04, n],
} as const;

export interface EscposOptions {
  encoding: PrinterEncoding;
  /** native: the printer draws the QR (GS ( k); raster: we send it as an image (printers without the command). */
  qrMode: 'native' | 'raster';
  /** Lines with characters the printer's two-byte font lacks go out as images. */
  rasterFallback: boolean;
}

/** GS ( k pL pH cn fn …: the length counts the bytes after pH (cn, fn and the parameters). */
function qrFunction(fn: number, params: readonly number[] | Buffer): Buffer {
  const len = params.length + 2;
  return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn]), Buffer.from(params)]);
}

/** The native QR sequence: model 2, module size, error correction M, store the data, print it. */
export function qrNative(value: string, moduleSize: number): Buffer {
  const data = Buffer.from(value, 'utf8');
  if (data.length > 7089) throw new Error(`QR payload too long: ${data.length} bytes`);
  return Buffer.concat([
    qrFunction(0x41, [0x32, 0x00]),
    qrFunction(0x43, [Math.max(1, Math.min(16, moduleSize))]),
    qrFunction(0x45, [0x31]),
    qrFunction(0x50, Buffer.concat([Buffer.from([0x30]), data])),
    qrFunction(0x51, [0x30]),
  ]);
}

/** GS v 0 m xL xH yL yH d…: x in bytes per row, y in dots. */
export function rasterCommand(b: Bitmap): Buffer {
  const header = Buffer.from([GS, 0x76, 0x30, 0x00, b.bytesPerRow & 0xff, b.bytesPerRow >> 8, b.height & 0xff, b.height >> 8]);
  return Buffer.concat([header, b.data]);
}

const ALIGN = { left: 0, center: 1, right: 2 } as const;

/** Builds the job. Async only because a raster line is drawn through sharp. */
export async function encodeLayout(layout: PrintLayout, options: EscposOptions): Promise<Buffer> {
  const out: Buffer[] = [];
  const put = (bytes: readonly number[] | Buffer) => out.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  put(CMD.init);
  put(options.encoding === 'utf8' ? CMD.chineseOff : CMD.chineseOn);
  // ESC @ resets these to left / off / ×1; only changes are sent after that.
  let align = 0;
  let bold = false;
  let size = 1;
  const state = (a: number, b: boolean, s: 1 | 2) => {
    if (a !== align) put(CMD.align((align = a) as 0 | 1 | 2));
    if (b !== bold) put(CMD.bold((bold = b)));
    if (s !== size) {
      put(CMD.size(s));
      put(CMD.kanjiSize(s));
      size = s;
    }
  };
  for (const line of layout.lines) await encodeLine(line);
  return Buffer.concat(out);

  async function encodeLine(line: PrintLine): Promise<void> {
    switch (line.kind) {
      case 'text':
        if (options.rasterFallback && lineLacksGlyph(line.text, options.encoding)) {
          // The image is as wide as the paper and carries its own alignment.
          state(0, false, 1);
          put(rasterCommand(await textBitmap(line.text, line.align, line.size, line.bold, layout.width)));
          return;
        }
        state(ALIGN[line.align], line.bold, line.size);
        put(encodeText(line.text, options.encoding));
        put([LF]);
        return;
      case 'qr':
        if (options.qrMode === 'native') {
          state(ALIGN.center, false, 1);
          put(qrNative(line.value, line.moduleSize));
        } else {
          state(0, false, 1);
          put(rasterCommand(qrBitmap(line.value, line.moduleSize, layout.width)));
        }
        return;
      case 'feed':
        put(CMD.feed(line.lines));
        return;
      case 'cut':
        put(CMD.cut);
        return;
    }
  }
}
