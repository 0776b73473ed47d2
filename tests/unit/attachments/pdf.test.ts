import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { assembleMaterialPdf, type PdfPage } from '../../../electron/core/attachments/pdf';
import { simulatedPage } from '../../../electron/core/scanning/drivers/simulator';
import { tempDir } from '../../fixtures/temp';

const meta = { title: '410100202611200010001 身份证', author: '测试大厅', createdAt: new Date('2026-11-20T02:00:00Z') };

async function a4(dpi: number, n: number, rotation = 0): Promise<PdfPage> {
  const bytes = await simulatedPage(dpi, n);
  const m = await sharp(bytes).metadata();
  return { bytes, mime: 'image/jpeg', width: m.width, height: m.height, dpi, rotation };
}

function pdfinfo(pdf: Buffer): Record<string, string> {
  const file = path.join(tempDir(), 'm.pdf');
  fs.writeFileSync(file, pdf);
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '99', file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Within 2 pt: pixel counts round the paper size a little. */
function expectSize(text: string | undefined, width: number, height: number) {
  const [w, h] = (/^([\d.]+) x ([\d.]+) pts/.exec(text ?? '') ?? []).slice(1).map(Number);
  expect(Math.abs(w! - width)).toBeLessThan(2);
  expect(Math.abs(h! - height)).toBeLessThan(2);
}

describe('one PDF per material', () => {
  it('puts each page on a PDF page as large as the scanned paper (A4 at any dpi), turned as the clerk turned it', async () => {
    const pdf = await assembleMaterialPdf([await a4(100, 1), await a4(150, 2, 90), await a4(100, 3)], meta);
    const info = pdfinfo(pdf);
    expect(info.Pages).toBe('3');
    expect(info.Title).toBe(meta.title);
    expect(info.Author).toBe('测试大厅');
    // A4 = 595 × 842 pt; the turned page is landscape.
    expectSize(info['Page    1 size'], 595, 842);
    expectSize(info['Page    2 size'], 842, 595);
    expectSize(info['Page    3 size'], 595, 842);
  });

  it('embeds WebP pages (converted) and camera frames without dpi (fitted to A4 width)', async () => {
    const webp = await sharp(await simulatedPage(100, 4)).webp().toBuffer();
    const camera = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#eee' } }).jpeg().toBuffer();
    const pdf = await assembleMaterialPdf(
      [
        { bytes: webp, mime: 'image/webp', width: 827, height: 1169, dpi: 100, rotation: 0 },
        { bytes: camera, mime: 'image/jpeg', width: 640, height: 480, dpi: 0, rotation: 0 },
      ],
      meta,
    );
    const info = pdfinfo(pdf);
    expect(info.Pages).toBe('2');
    expectSize(info['Page    2 size'], 595, 446);
  });

  it('is deterministic: the same pages give the same bytes (and so the same hash upstream)', async () => {
    const pages = [await a4(100, 5), await a4(100, 6, 180)];
    const one = await assembleMaterialPdf(pages, meta);
    const two = await assembleMaterialPdf(pages, meta);
    expect(one.equals(two)).toBe(true);
    const later = await assembleMaterialPdf(pages, { ...meta, createdAt: new Date('2026-11-21T02:00:00Z') });
    expect(later.equals(one)).toBe(false);
  });
});
