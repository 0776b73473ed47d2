import iconv from 'iconv-lite';
import type { Align, CharSize } from '../../../shared/print/model';
import type { PrinterEncoding } from './encoding';
import type { PaperItem } from './paper';
import { DLE, ESC, FS, GS, LF } from './escpos';

/**
 * Reads an ESC/POS stream the way a Chinese receipt printer would and returns what it puts on
 * paper (text lines with their alignment, size and weight; QR codes; raster images; feeds and
 * cuts). Used by the simulator and by tests. Commands it does not know are skipped by their
 * documented length and reported in `warnings`, never guessed into text.
 */
export interface DecodedJob {
  items: PaperItem[];
  warnings: string[];
  /** Chinese mode was on (FS &) for at least one text line. */
  chineseMode: boolean;
}

const ALIGNS: Align[] = ['left', 'center', 'right'];

export function decodeEscpos(bytes: Buffer, encoding: PrinterEncoding = 'gb18030'): DecodedJob {
  const items: PaperItem[] = [];
  const warnings: string[] = [];
  let chinese = false;
  let usedChinese = false;
  let align: Align = 'left';
  let bold = false;
  let size: CharSize = 1;
  let qrData: Buffer | null = null;
  let qrModule = 3;
  let text: number[] = [];
  let i = 0;

  const reset = () => {
    align = 'left';
    bold = false;
    size = 1;
    chinese = false;
  };
  const flush = (force: boolean) => {
    if (text.length === 0 && !force) return;
    const buf = Buffer.from(text);
    const str = chinese ? iconv.decode(buf, encoding === 'utf8' ? 'utf8' : encoding) : encoding === 'utf8' ? buf.toString('utf8') : buf.toString('latin1');
    if (chinese && text.some((b) => b >= 0x80)) usedChinese = true;
    items.push({ kind: 'text', text: str, align, size, bold });
    text = [];
  };
  /** True when the command's `n` bytes are there; a cut-off command ends the job with a warning. */
  const need = (n: number, what: string): boolean => {
    if (i + n <= bytes.length) return true;
    throw new Truncated(`truncated ${what} at byte ${i}`);
  };

  try {
    decodeAll();
  } catch (e) {
    if (!(e instanceof Truncated)) throw e;
    warnings.push(e.message);
  }
  flush(false);
  return { items, warnings, chineseMode: usedChinese };

  function decodeAll(): void {
    while (i < bytes.length) {
      const b = bytes[i]!;
      if (b === LF) {
        flush(true);
        i++;
      } else if (b === ESC) {
        need(2, 'ESC');
        const c = bytes[i + 1]!;
        if (c === 0x40) {
          flush(false);
          reset();
          i += 2;
        } else if (c === 0x61 && need(3, 'ESC a')) {
          align = ALIGNS[bytes[i + 2]! % 48] ?? 'left';
          i += 3;
        } else if (c === 0x45 && need(3, 'ESC E')) {
          bold = (bytes[i + 2]! & 1) === 1;
          i += 3;
        } else if (c === 0x21 && need(3, 'ESC !')) {
          const n = bytes[i + 2]!;
          bold = (n & 0x08) !== 0;
          size = n & 0x30 ? 2 : 1;
          i += 3;
        } else if (c === 0x64 && need(3, 'ESC d')) {
          flush(false);
          items.push({ kind: 'feed', lines: bytes[i + 2]! });
          i += 3;
        } else if ([0x74, 0x52, 0x33, 0x4d, 0x20, 0x2d, 0x47, 0x4a, 0x56, 0x7b].includes(c) && need(3, `ESC ${c}`)) {
          i += 3; // code table, international set, line spacing, font, spacing, underline…: one parameter
        } else if (c === 0x32) {
          i += 2;
        } else {
          warnings.push(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
          i += 2;
        }
      } else if (b === FS) {
        need(2, 'FS');
        const c = bytes[i + 1]!;
        if (c === 0x26) {
          chinese = true;
          i += 2;
        } else if (c === 0x2e) {
          flush(false);
          chinese = false;
          i += 2;
        } else if (c === 0x21 && need(3, 'FS !')) {
          size = bytes[i + 2]! & 0x0c ? 2 : size;
          i += 3;
        } else if (c === 0x43 && need(3, 'FS C')) {
          i += 3;
        } else {
          warnings.push(`unknown command FS 0x${c.toString(16)} at byte ${i}`);
          i += 2;
        }
      } else if (b === GS) {
        need(2, 'GS');
        const c = bytes[i + 1]!;
        if (c === 0x21 && need(3, 'GS !')) {
          const n = bytes[i + 2]!;
          size = (n & 0xf0) || (n & 0x0f) ? 2 : 1;
          i += 3;
        } else if (c === 0x56 && need(3, 'GS V')) {
          flush(false);
          const m = bytes[i + 2]!;
          i += m === 65 || m === 66 ? 4 : 3;
          items.push({ kind: 'cut' });
        } else if (c === 0x28 && need(5, 'GS (') && bytes[i + 2] === 0x6b) {
          const len = bytes[i + 3]! | (bytes[i + 4]! << 8);
          need(5 + len, 'GS ( k');
          const body = bytes.subarray(i + 5, i + 5 + len);
          const fn = body[1];
          if (body[0] !== 0x31) warnings.push(`GS ( k for symbol 0x${(body[0] ?? 0).toString(16)} ignored`);
          else if (fn === 0x43) qrModule = body[2] ?? qrModule;
          else if (fn === 0x50) qrData = Buffer.from(body.subarray(3));
          else if (fn === 0x51) {
            flush(false);
            if (qrData) items.push({ kind: 'qr', value: qrData.toString('utf8'), moduleSize: qrModule });
            else warnings.push(`QR print without stored data at byte ${i}`);
          }
          i += 5 + len;
        } else if (c === 0x76 && need(8, 'GS v 0')) {
          flush(false);
          const x = bytes[i + 4]! | (bytes[i + 5]! << 8);
          const y = bytes[i + 6]! | (bytes[i + 7]! << 8);
          need(8 + x * y, 'GS v 0 data');
          items.push({ kind: 'image', bitmap: { width: x * 8, height: y, bytesPerRow: x, data: Buffer.from(bytes.subarray(i + 8, i + 8 + x * y)) } });
          i += 8 + x * y;
        } else if ([0x42, 0x48, 0x66, 0x68, 0x77, 0x4c].includes(c) && need(3, `GS ${c}`)) {
          i += c === 0x4c ? 4 : 3;
        } else {
          warnings.push(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
          i += 2;
        }
      } else if (b === DLE && bytes[i + 1] === 0x04) {
        i += 3; // DLE EOT n: answered by the simulator's connection, prints nothing
      } else if (b < 0x20) {
        i++;
      } else {
        text.push(b);
        i++;
      }
    }
  }
}

class Truncated extends Error {}
