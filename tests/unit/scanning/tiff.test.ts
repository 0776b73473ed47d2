import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { processPage } from '../../../electron/core/scanning/image';
import { uncompressedTiffPixels } from '../../../electron/core/scanning/tiff';

/**
 * A TIFF laid out as scanimage writes it: header, one IFD, the 8-bit samples as one
 * uncompressed strip. `tags` overrides or adds entries (value inline, SHORT unless > 65535).
 */
function scannerTiff(order: 'II' | 'MM', width: number, height: number, channels: 1 | 3, pixels: Buffer, tags: Record<number, number> = {}): Buffer {
  const all: Record<number, number> = { 256: width, 257: height, 258: 8, 259: 1, 262: channels === 1 ? 1 : 2, 277: channels, 278: height, 279: width * height * channels, ...tags };
  // RGB: 258 holds three values, written after the IFD.
  const ids = [...Object.keys(all).map(Number), 273].sort((a, b) => a - b);
  const ifdSize = 2 + ids.length * 12 + 4;
  const bitsAt = 8 + ifdSize;
  const dataAt = bitsAt + 6;
  const head = Buffer.alloc(dataAt);
  const le = order === 'II';
  const w16 = (v: number, at: number) => (le ? head.writeUInt16LE(v, at) : head.writeUInt16BE(v, at));
  const w32 = (v: number, at: number) => (le ? head.writeUInt32LE(v, at) : head.writeUInt32BE(v, at));
  head.write(order, 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  w16(ids.length, 8);
  ids.forEach((id, i) => {
    const e = 10 + i * 12;
    w16(id, e);
    if (id === 258 && channels === 3) {
      w16(3, e + 2);
      w32(3, e + 4);
      w32(bitsAt, e + 8);
      for (let c = 0; c < 3; c++) w16(8, bitsAt + 2 * c);
      return;
    }
    const v = id === 273 ? dataAt : all[id]!;
    const long = v > 0xffff || id === 273;
    w16(long ? 4 : 3, e + 2);
    w32(1, e + 4);
    if (long) w32(v, e + 8);
    else w16(v, e + 8);
  });
  return Buffer.concat([head, pixels]);
}

const ramp = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37) % 256));

describe('uncompressed scanner TIFF (issue 18: pixels used where they lie)', () => {
  it('reads grey and RGB samples in either byte order, as libvips decodes them', async () => {
    for (const order of ['II', 'MM'] as const) {
      const grey = scannerTiff(order, 7, 5, 1, ramp(35));
      const g = uncompressedTiffPixels(grey)!;
      expect([g.width, g.height, g.channels]).toEqual([7, 5, 1]);
      expect(g.data).toEqual(await sharp(grey).raw().toColourspace('b-w').toBuffer());
      const rgb = scannerTiff(order, 4, 3, 3, ramp(36));
      const c = uncompressedTiffPixels(rgb)!;
      expect([c.width, c.height, c.channels]).toEqual([4, 3, 3]);
      expect(c.data).toEqual(await sharp(rgb).raw().toBuffer());
    }
  });

  it('leaves every other TIFF to the ordinary decode', async () => {
    const px = ramp(35);
    expect(uncompressedTiffPixels(scannerTiff('II', 7, 5, 1, px, { 259: 5 }))).toBeNull(); // LZW
    expect(uncompressedTiffPixels(scannerTiff('II', 7, 5, 1, px, { 262: 0 }))).toBeNull(); // min-is-white
    expect(uncompressedTiffPixels(scannerTiff('II', 7, 5, 1, px, { 274: 6 }))).toBeNull(); // turned
    expect(uncompressedTiffPixels(scannerTiff('II', 7, 5, 1, px, { 258: 16 }))).toBeNull();
    expect(uncompressedTiffPixels(scannerTiff('II', 7, 5, 1, px.subarray(0, 30)))).toBeNull(); // cut short
    expect(uncompressedTiffPixels(await sharp(px, { raw: { width: 7, height: 5, channels: 1 } }).tiff({ compression: 'lzw' }).toBuffer())).toBeNull();
    expect(uncompressedTiffPixels(await sharp(px, { raw: { width: 7, height: 5, channels: 1 } }).png().toBuffer())).toBeNull();
  });

  it('a page from such a TIFF is processed exactly as when libvips decodes it', async () => {
    const w = 300;
    const h = 200;
    const px = Buffer.alloc(w * h, 250);
    for (let y = 40; y < 160; y += 8) px.fill(0, y * w + 30, y * w + 270);
    const options = { colorMode: 'gray' as const, format: 'jpeg' as const, quality: 75, blankThreshold: 3, dpi: 300 };
    const direct = await processPage(scannerTiff('MM', w, h, 1, px), options);
    const decoded = await processPage(await sharp(px, { raw: { width: w, height: h, channels: 1 } }).png().toBuffer(), options);
    expect(direct.coverage).toBe(decoded.coverage);
    expect(direct.bytes.equals(decoded.bytes)).toBe(true);
    expect(direct.thumb.equals(decoded.thumb)).toBe(true);
    // Colour asked of a grey scan: converted by libvips as before.
    expect((await sharp((await processPage(scannerTiff('II', w, h, 1, px), { ...options, colorMode: 'color' })).bytes).metadata()).channels).toBe(3);
  });
});
