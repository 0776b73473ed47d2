import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropToPage, deskew, detectSkew, inkCoverage, processPage, rotatedJpeg } from '../../../electron/core/scanning/image';
import { simulatedPage } from '../../../electron/core/scanning/drivers/simulator';

const options = { colorMode: 'gray' as const, format: 'jpeg' as const, quality: 75, blankThreshold: 3, dpi: 150 };

/** A white A4 page at 150 dpi with `lines` thin (2 px) text-like strokes, and dark scanner edges. */
async function page(lines: number, opts: { edges?: boolean; speckles?: number } = {}): Promise<Buffer> {
  const w = 1240;
  const h = 1754;
  const strokes = Array.from({ length: lines }, (_, i) => `<rect x="150" y="${250 + i * 40}" width="900" height="2" fill="#000"/>`).join('');
  const edges = opts.edges ? `<rect width="${w}" height="40" fill="#333"/><rect y="${h - 40}" width="${w}" height="40" fill="#333"/>` : '';
  const specks = Array.from({ length: opts.speckles ?? 0 }, (_, i) => `<rect x="${100 + ((i * 97) % 1000)}" y="${100 + ((i * 211) % 1500)}" width="2" height="2" fill="#000"/>`).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f4f4f0"/>${edges}${strokes}${specks}</svg>`)).png().toBuffer();
}

describe('blank-page detection', () => {
  it('finds a white page blank even with dark feeder edges and dust; a page with a few lines of text is not', async () => {
    const blank = await processPage(await page(0, { edges: true, speckles: 30 }), options);
    expect(blank.coverage).toBeLessThan(1);
    expect(blank.blank).toBe(true);
    // Dropped, so never encoded.
    expect([blank.bytes.length, blank.thumb.length]).toEqual([0, 0]);
    // Three thin lines of ~1 000 px: a short note, still a page.
    const text = await processPage(await page(3), options);
    expect(text.coverage).toBeGreaterThan(3);
    expect(text.blank).toBe(false);
  });

  it('keeps thin strokes visible: coverage grows with the ink on the page', async () => {
    const few = await inkCoverage(await page(5));
    const many = await inkCoverage(await page(30));
    expect(many).toBeGreaterThan(few * 4);
  });

  it('threshold 0 keeps every page; the threshold is configurable', async () => {
    const white = await page(0);
    expect((await processPage(white, { ...options, blankThreshold: 0 })).blank).toBe(false);
    const three = await page(3);
    expect((await processPage(three, { ...options, blankThreshold: 50 })).blank).toBe(true);
  });

  it('a simulated text page is kept and its blank back is removed', async () => {
    expect((await processPage(await simulatedPage(100, 1), options)).blank).toBe(false);
    expect((await processPage(await simulatedPage(100, 1, { blank: true }), options)).blank).toBe(true);
  });
});

describe('processing', () => {
  it('stores grey JPEG (or WebP) with a small WebP thumbnail and the scan resolution', async () => {
    const out = await processPage(await simulatedPage(150, 2, { colour: true }), options);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.channels).toBe(1);
    expect(meta.density).toBe(150);
    expect([out.width, out.height]).toEqual([1240, 1754]);
    expect((await sharp(out.thumb).metadata()).width).toBe(240);
    const colour = await processPage(await simulatedPage(150, 2, { colour: true }), { ...options, colorMode: 'color', format: 'webp' });
    expect(colour.mime).toBe('image/webp');
    expect((await sharp(colour.bytes).metadata()).channels).toBe(3);
  });

  it('rotation turns the page clockwise; 0° JPEG is passed through untouched', async () => {
    // Black top-left quarter on white: after 90° clockwise it is the top-right quarter.
    const src = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#fff' } })
      .composite([{ input: { create: { width: 100, height: 50, channels: 3, background: '#000' } }, left: 0, top: 0 }])
      .jpeg()
      .toBuffer();
    expect(await rotatedJpeg(src, 'image/jpeg', 0)).toBe(src);
    const turned = await rotatedJpeg(src, 'image/jpeg', 90);
    const { data, info } = await sharp(turned).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([100, 200]);
    const at = (x: number, y: number) => data[y * info.width + x]!;
    expect(at(75, 25)).toBeLessThan(60);
    expect(at(25, 25)).toBeGreaterThan(200);
    const upside = await sharp(await rotatedJpeg(src, 'image/jpeg', 180)).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(upside.data[50 * 200 + 175]!).toBeLessThan(60);
  });
});

describe('camera frames', () => {
  it('crops a photographed sheet to the paper against a dark desk', async () => {
    const frame = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#3a3530' } })
      .composite([{ input: await sharp({ create: { width: 300, height: 420, channels: 3, background: '#f0f0ea' } }).png().toBuffer(), left: 170, top: 30 }])
      .jpeg()
      .toBuffer();
    const { bytes, cropped } = await cropToPage(frame);
    expect(cropped).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect(Math.abs(meta.width - 300)).toBeLessThanOrEqual(6);
    expect(Math.abs(meta.height - 420)).toBeLessThanOrEqual(6);
  });

  it('leaves a frame without a page (flat colour) as it is', async () => {
    const flat = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    expect(await cropToPage(flat)).toEqual({ bytes: flat, cropped: false });
  });
});

describe('deskew', () => {
  /** A page of text lines leaning `angle` degrees clockwise, as a sheet put down askew under a camera. */
  async function leaning(angle: number): Promise<Buffer> {
    const lines = Array.from({ length: 20 }, (_, i) => `<rect x="120" y="${200 + i * 55}" width="${700 - ((i * 53) % 200)}" height="6" fill="#111"/>`).join('');
    return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1400"><rect width="100%" height="100%" fill="#f6f6f2"/><g transform="rotate(${angle} 500 700)">${lines}</g></svg>`)).jpeg().toBuffer();
  }

  it('finds how far the text leans, both ways, and leaves a level page alone', async () => {
    expect(await detectSkew(await leaning(3))).toBeCloseTo(3, 0);
    expect(await detectSkew(await leaning(-2))).toBeCloseTo(-2, 0);
    expect(await deskew(await leaning(0))).toMatchObject({ angle: 0 });
  });

  it('turns a leaning page level', async () => {
    const { bytes, angle } = await deskew(await leaning(4));
    expect(angle).toBeCloseTo(4, 0);
    expect(Math.abs(await detectSkew(bytes))).toBeLessThanOrEqual(0.5);
  });
});
