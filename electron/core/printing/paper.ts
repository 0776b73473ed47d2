import type { Align, CharSize } from '../../../shared/print/model';
import { DOTS, LINE_DOTS, type PaperWidth } from '../../../shared/print/width';
import type { Bitmap } from './bitmap';
import { getDot, qrMatrix } from './bitmap';
import { RECEIPT_FONTS, escapeXml, svgTextLine } from './geometry';

/**
 * What ends up on the paper: the layout's lines before printing, or what the simulator decoded
 * from the bytes a printer would receive (raster lines are images then). One SVG renderer for
 * both, so the preview and the simulator's picture are drawn alike.
 */
export type PaperItem =
  | { kind: 'text'; text: string; align: Align; size: CharSize; bold: boolean }
  | { kind: 'qr'; value: string; moduleSize: number }
  | { kind: 'image'; bitmap: Bitmap }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** The text of the paper, one string per printed line: images as `[图像 W×H]`, QR codes as `[二维码 value]`. */
export function paperText(items: readonly PaperItem[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'text') out.push(item.text);
    else if (item.kind === 'qr') out.push(`[二维码 ${item.value}]`);
    else if (item.kind === 'image') out.push(`[图像 ${item.bitmap.width}×${item.bitmap.height}]`);
  }
  return out;
}

const MARGIN = 12;

function lineHeight(size: CharSize): number {
  return size === 1 ? LINE_DOTS : 24 * size + 6;
}

function runs(b: Bitmap, top: number, left: number, scale = 1): string {
  let d = '';
  for (let y = 0; y < b.height; y++) {
    let x = 0;
    while (x < b.width) {
      if (!getDot(b, x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < b.width && getDot(b, x, y)) x++;
      d += `M${left + start * scale} ${top + y * scale}h${(x - start) * scale}v${scale}h${-(x - start) * scale}z`;
    }
  }
  return d;
}

/** The paper as an SVG, one user unit per printer dot, white paper with a margin. */
export function renderPaperSvg(items: readonly PaperItem[], width: PaperWidth): string {
  const paper = DOTS[width];
  const parts: string[] = [];
  let y = 0;
  for (const item of items) {
    switch (item.kind) {
      case 'text':
        parts.push(svgTextLine(item.text, item.align, item.size, item.bold, width, y));
        y += lineHeight(item.size);
        break;
      case 'qr': {
        const m = qrMatrix(item.value);
        const scale = Math.max(1, Math.min(item.moduleSize, Math.floor(paper / (m.size + 8))));
        const left = Math.floor((paper - m.size * scale) / 2);
        let d = '';
        for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(c, r)) d += `M${left + c * scale} ${y + r * scale}h${scale}v${scale}h${-scale}z`;
        parts.push(`<path data-qr="${escapeXml(item.value)}" d="${d}"/>`);
        y += m.size * scale + 6;
        break;
      }
      case 'image':
        parts.push(`<path data-image="${item.bitmap.width}x${item.bitmap.height}" d="${runs(item.bitmap, y, 0)}"/>`);
        y += item.bitmap.height;
        break;
      case 'feed':
        y += item.lines * LINE_DOTS;
        break;
      case 'cut':
        parts.push(`<line x1="0" x2="${paper}" y1="${y + 8}" y2="${y + 8}" stroke="#999" stroke-dasharray="6 4"/>`);
        y += 16;
        break;
    }
  }
  const w = paper + 2 * MARGIN;
  const h = y + 2 * MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><rect width="${w}" height="${h}" fill="#fff"/><g transform="translate(${MARGIN} ${MARGIN})" font-family="${RECEIPT_FONTS}" fill="#111">${parts.join('')}</g></svg>`;
}
