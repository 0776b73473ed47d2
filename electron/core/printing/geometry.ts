import { COLUMN_DOTS, DOTS, textWidth, type PaperWidth } from '../../../shared/print/width';
import type { Align, CharSize } from '../../../shared/print/model';

/**
 * Where a line sits on the paper, in dots: the printer's font A is 12 dots a column, a
 * double-size line 24. The SVG preview and the raster fallback both place text here, and so
 * does the printer with ESC a (it centres the line's dot width within the printable area).
 */
export function lineBox(text: string, align: Align, size: CharSize, width: PaperWidth): { x: number; width: number; height: number } {
  const w = textWidth(text) * COLUMN_DOTS * size;
  const paper = DOTS[width];
  const x = align === 'center' ? Math.max(0, Math.floor((paper - w) / 2)) : align === 'right' ? Math.max(0, paper - w) : 0;
  return { x, width: w, height: 24 * size };
}

/** Font families tried for on-screen and raster text: a monospaced CJK face first (half-width ASCII). */
export const RECEIPT_FONTS = "'Noto Sans Mono CJK SC', 'NSimSun', 'SimSun', 'WenQuanYi Zen Hei Mono', monospace";

/**
 * One line of text as SVG. Each run between spaces is placed at its own column and fitted to
 * its exact dot width, so neither collapsed spaces nor a proportional fallback font can shift
 * a column: the preview keeps the printer's grid.
 */
export function svgTextLine(text: string, align: Align, size: CharSize, bold: boolean, width: PaperWidth, top: number): string {
  const box = lineBox(text, align, size, width);
  if (box.width === 0) return '';
  const baseline = top + Math.round(21 * size);
  const col = COLUMN_DOTS * size;
  let out = '';
  for (const m of text.matchAll(/[^ ]+/g)) {
    const x = box.x + textWidth(text.slice(0, m.index)) * col;
    out += `<text x="${x}" y="${baseline}" font-size="${24 * size}" textLength="${textWidth(m[0]) * col}" lengthAdjust="spacingAndGlyphs"${bold ? ' font-weight="bold"' : ''}>${escapeXml(m[0])}</text>`;
  }
  return out;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
