import sharp from 'sharp';
import { uncompressedTiffPixels } from './tiff';

/**
 * What happens to a page between the device and the store: measure how much ink it carries
 * (blank-page removal), convert to grey or colour, compress, and make a thumbnail. Pure
 * functions over image bytes, so they are tested without a scanner.
 */

export interface ProcessOptions {
  colorMode: 'gray' | 'color';
  format: 'jpeg' | 'webp';
  quality: number;
  /** ‰ of ink below which the page is blank; 0 keeps every page. */
  blankThreshold: number;
  /** Resolution the device scanned at; camera frames have none and say 0. */
  dpi: number;
}

export interface ProcessedPage {
  /** empty for a blank page, which is never stored */
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  /** WebP, THUMB_WIDTH wide; empty for a blank page */
  thumb: Buffer;
  /** ink coverage in ‰ of the page inside its margins */
  coverage: number;
  blank: boolean;
}

/** A pixel darker than this (0–255 grey) is ink; paper, even a grey photocopy, is lighter. */
const INK = 160;
/** Edges are left out of the ink count: feeders and lids leave dark borders and shadows. */
const MARGIN = 0.05;
const SAMPLE_WIDTH = 800;
export const THUMB_WIDTH = 240;

/** A decoded page: pixels, 1 channel (grey) or 3 (sRGB), row after row. */
interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/**
 * Ink coverage in ‰ of decoded pixels. The page is sampled on an 800-wide grid, one pixel per
 * cell (nearest neighbour), instead of averaged: averaging would wash thin strokes out to light
 * grey and make a typed page look blank.
 */
export function coverageOf(p: Pixels): number {
  const sw = Math.min(SAMPLE_WIDTH, p.width);
  const sh = Math.max(1, Math.round((p.height * sw) / p.width));
  const sx = p.width / sw;
  const sy = p.height / sh;
  const x0 = Math.floor(sw * MARGIN);
  const x1 = sw - x0;
  const y0 = Math.floor(sh * MARGIN);
  const y1 = sh - y0;
  let ink = 0;
  for (let y = y0; y < y1; y++) {
    const row = Math.floor((y + 0.5) * sy) * p.width;
    for (let x = x0; x < x1; x++) {
      const i = (row + Math.floor((x + 0.5) * sx)) * p.channels;
      const grey = p.channels === 1 ? p.data[i]! : 0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]!;
      if (grey < INK) ink++;
    }
  }
  const area = (x1 - x0) * (y1 - y0);
  return area > 0 ? (ink / area) * 1000 : 0;
}

/**
 * Decodes once: upright (EXIF orientation), without alpha, grey or colour as asked. A scanner's
 * uncompressed TIFF already holds the pixels as asked: they are used where they lie.
 */
async function decode(input: Buffer, colorMode: ProcessOptions['colorMode']): Promise<Pixels> {
  const tiff = uncompressedTiffPixels(input);
  if (tiff && tiff.channels === (colorMode === 'gray' ? 1 : 3)) return tiff;
  let pipeline = sharp(input).rotate().removeAlpha();
  if (colorMode === 'gray') pipeline = pipeline.greyscale().toColourspace('b-w');
  else pipeline = pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 };
}

export async function inkCoverage(input: Buffer): Promise<number> {
  return coverageOf(await decode(input, 'gray'));
}

/**
 * One decode per page: the blank check, the stored image and the thumbnail all come from the
 * same pixels, and the two encodings run side by side (libvips has its own threads).
 */
export async function processPage(input: Buffer, options: ProcessOptions): Promise<ProcessedPage> {
  const pixels = await decode(input, options.colorMode);
  const coverage = coverageOf(pixels);
  const mime = options.format === 'webp' ? 'image/webp' : 'image/jpeg';
  // A blank page is dropped, so it is not encoded (the back of every sheet in a duplex batch).
  if (options.blankThreshold > 0 && coverage < options.blankThreshold) return { bytes: Buffer.alloc(0), mime, width: pixels.width, height: pixels.height, thumb: Buffer.alloc(0), coverage, blank: true };
  const fromPixels = () => {
    const image = sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } });
    // Raw pixels carry no colour space: one channel would be written out as three.
    return pixels.channels === 1 ? image.toColourspace('b-w') : image;
  };
  let stored = fromPixels();
  if (options.dpi > 0) stored = stored.withDensity(options.dpi);
  const encoded = options.format === 'webp' ? stored.webp({ quality: options.quality }) : stored.jpeg({ quality: options.quality });
  // WebP effort 2 (not the default 4) for the thumbnail: ≈ 4 ms less per page for ≈ 1.5× its few kB, same quality setting.
  const thumbnail = fromPixels().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 60, effort: 2 });
  const [{ data, info }, thumb] = await Promise.all([encoded.toBuffer({ resolveWithObject: true }), thumbnail.toBuffer()]);
  return { bytes: data, mime, width: info.width, height: info.height, thumb, coverage, blank: false };
}

/** The page turned clockwise by 0/90/180/270 degrees, as JPEG (what a PDF can embed). */
export async function rotatedJpeg(input: Buffer, mime: string, rotation: number): Promise<Buffer> {
  if (rotation % 360 === 0 && mime === 'image/jpeg') return input;
  return sharp(input).rotate(rotation % 360).jpeg({ quality: 85 }).toBuffer();
}

/**
 * A document-camera frame cropped to the sheet of paper on it: the page is the bright region
 * against a darker desk. Pixels brighter than the frame's midpoint are paper; the rows and
 * columns holding at least half as much paper as the fullest one bound the page. A frame
 * without such a region is returned as it is.
 */
export async function cropToPage(input: Buffer): Promise<{ bytes: Buffer; cropped: boolean }> {
  const meta = await sharp(input).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) return { bytes: input, cropped: false };
  const sampleWidth = Math.min(400, width);
  const { data, info } = await sharp(input).rotate().greyscale().resize({ width: sampleWidth }).raw().toBuffer({ resolveWithObject: true });
  let min = 255;
  let max = 0;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max - min < 40) return { bytes: input, cropped: false };
  const cut = (min + max) / 2;
  const bright = (x: number, y: number) => data[y * info.width + x]! > cut;
  // A row belongs to the page when it is at least half as bright as the brightest row.
  const rowBright = range(info.height).map((y) => countWhere(info.width, (x) => bright(x, y)));
  const colBright = range(info.width).map((x) => countWhere(info.height, (y) => bright(x, y)));
  const rows = range(info.height).filter((y) => rowBright[y]! > Math.max(...rowBright) / 2);
  const cols = range(info.width).filter((x) => colBright[x]! > Math.max(...colBright) / 2);
  if (rows.length < info.height * 0.2 || cols.length < info.width * 0.2) return { bytes: input, cropped: false };
  const scale = width / info.width;
  const left = Math.floor(cols[0]! * scale);
  const top = Math.floor(rows[0]! * scale);
  const right = Math.min(width, Math.ceil((cols.at(-1)! + 1) * scale));
  const bottom = Math.min(height, Math.ceil((rows.at(-1)! + 1) * scale));
  if (right - left >= width * 0.98 && bottom - top >= height * 0.98) return { bytes: input, cropped: false };
  const bytes = await sharp(input).rotate().extract({ left, top, width: right - left, height: bottom - top }).jpeg({ quality: 90 }).toBuffer();
  return { bytes, cropped: true };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
function countWhere(n: number, f: (i: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (f(i)) c++;
  return c;
}

const SKEW_LIMIT = 5;
const SKEW_STEP = 0.25;

/**
 * The angle (degrees, clockwise positive) by which the text on a page leans, within ±5°: the
 * ink of a page sampled small, projected onto rows at each candidate angle; text lines that
 * run level make the sharpest row profile (largest sum of squared row counts). 0 for a page
 * with too little ink to tell.
 */
export async function detectSkew(input: Buffer): Promise<number> {
  const { data, info } = await sharp(input).rotate().greyscale().resize({ width: 600, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const xs: number[] = [];
  const ys: number[] = [];
  const mx = Math.floor(info.width * 0.08);
  const my = Math.floor(info.height * 0.08);
  for (let y = my; y < info.height - my; y++) {
    for (let x = mx; x < info.width - mx; x++) {
      if (data[y * info.width + x]! < INK) {
        xs.push(x - info.width / 2);
        ys.push(y - info.height / 2);
      }
    }
  }
  if (xs.length < 200) return 0;
  const rows = info.height * 2;
  let best = { angle: 0, score: -1 };
  for (let a = -SKEW_LIMIT; a <= SKEW_LIMIT + 1e-9; a += SKEW_STEP) {
    const t = (a * Math.PI) / 180;
    const sin = Math.sin(t);
    const cos = Math.cos(t);
    const bins = new Float64Array(rows);
    // y' of the point after turning the page back by a: level lines pile into few rows.
    for (let i = 0; i < xs.length; i++) bins[Math.round(ys[i]! * cos - xs[i]! * sin + info.height)]! += 1;
    let score = 0;
    for (const b of bins) score += b * b;
    if (score > best.score) best = { angle: a, score };
  }
  return Math.round(best.angle * 100) / 100;
}

/** The page turned level (white fills the corners the turn uncovers); unchanged when it already is. */
export async function deskew(input: Buffer): Promise<{ bytes: Buffer; angle: number }> {
  const angle = await detectSkew(input);
  if (Math.abs(angle) < SKEW_STEP) return { bytes: input, angle: 0 };
  const bytes = await sharp(input).rotate().rotate(-angle, { background: '#ffffff' }).jpeg({ quality: 90 }).toBuffer();
  return { bytes, angle };
}

/**
 * Pages from a driver with the next one already being asked for: while the caller processes
 * and stores page n, the driver acquires page n+1. An error of the driver surfaces when the
 * caller reaches that page, after every page before it; stopping early ends the driver.
 */
export async function* readAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const source = pages[Symbol.asyncIterator]();
  let next = source.next();
  // Awaited below; until then a failure must not count as unhandled.
  next.catch(() => undefined);
  let finished = false;
  try {
    for (;;) {
      const r = await next;
      if (r.done) {
        finished = true;
        return;
      }
      next = source.next();
      next.catch(() => undefined);
      yield r.value;
    }
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    if (!finished) await source.return?.();
  }
}

/**
 * Pages processed at once. sharp runs one libvips thread per image here (its default on glibc
 * without jemalloc), so two pages keep a counter PC's two cores busy; more would only queue.
 */
export const PROCESS_DEPTH = 2;

/**
 * Pages from a driver, each run through `process`, with up to `depth` pages being processed at
 * once and the results delivered in page order: on a counter PC's two cores page n+1 is
 * decoded and encoded while page n is, and the driver is asked for the next page as soon as
 * there is room, so acquisition overlaps processing too (readAhead's promise, one step
 * further). A driver error surfaces after every page before it has been delivered; a failed
 * page surfaces when the caller reaches it; stopping early ends the driver.
 */
export async function* processAhead<T, R>(pages: AsyncIterable<T>, process: (page: T) => Promise<R>, depth = PROCESS_DEPTH): AsyncGenerator<R> {
  if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`processAhead depth must be a positive integer, got ${depth}`);
  const source = pages[Symbol.asyncIterator]();
  const started: Promise<R>[] = [];
  let end: { failed: boolean; error?: unknown } | null = null;
  let closing = false;
  let itemWaiter: (() => void) | null = null;
  let roomWaiter: (() => void) | null = null;
  const itemAdded = () => {
    itemWaiter?.();
    itemWaiter = null;
  };
  const roomFreed = () => {
    roomWaiter?.();
    roomWaiter = null;
  };

  const pump = (async () => {
    try {
      for (;;) {
        while (started.length >= depth && !closing) await new Promise<void>((resolve) => (roomWaiter = resolve));
        if (closing) return;
        const r = await source.next();
        if (r.done) break;
        if (closing) return;
        const result = process(r.value);
        // Awaited in order below; until then a failure must not count as unhandled.
        result.catch(() => undefined);
        started.push(result);
        itemAdded();
      }
      end = { failed: false };
    } catch (error) {
      end = { failed: true, error };
    } finally {
      itemAdded();
    }
  })();

  try {
    for (;;) {
      if (started.length) {
        // Taken off only once done, so no more than `depth` pages are ever in processing.
        const value = await started[0]!;
        started.shift();
        roomFreed();
        yield value;
        continue;
      }
      const e = end as { failed: boolean; error?: unknown } | null;
      if (e) {
        if (e.failed) throw e.error;
        return;
      }
      await new Promise<void>((resolve) => {
        itemWaiter = resolve;
        if (started.length || end) itemAdded();
      });
    }
  } finally {
    closing = true;
    roomFreed();
    if (!end) await source.return?.();
    await pump;
  }
}
