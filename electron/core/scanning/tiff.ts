/**
 * The pixels of an uncompressed 8-bit TIFF as a view of the file's own bytes, without decoding.
 * scanimage writes exactly that (one strip, grey or RGB, no compression), and handing it to
 * libvips would cost a full decode and two fresh page-sized buffers per page (issue 18). Any
 * other TIFF (compressed, several strips, 16-bit, min-is-white, a colour profile, turned by an
 * Orientation tag…) gives null, and the caller decodes it the ordinary way.
 */
export interface TiffPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

const TAG = {
  width: 256,
  height: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  stripOffsets: 273,
  orientation: 274,
  samplesPerPixel: 277,
  stripByteCounts: 279,
  planarConfig: 284,
  extraSamples: 338,
  iccProfile: 34675,
} as const;
const SHORT = 3;
const LONG = 4;

interface Entry {
  type: number;
  count: number;
  /** where the value sits: in the entry itself when it fits in 4 bytes, else at the offset there */
  at: number;
}

export function uncompressedTiffPixels(bytes: Buffer): TiffPixels | null {
  if (bytes.length < 8) return null;
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  if (u16(2) !== 42) return null;
  const ifd = u32(4);
  if (ifd + 2 > bytes.length) return null;
  const entries = new Map<number, Entry>();
  const n = u16(ifd);
  if (ifd + 2 + n * 12 > bytes.length) return null;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = type === SHORT ? 2 : type === LONG ? 4 : 0;
    entries.set(u16(e), { type, count, at: size * count <= 4 ? e + 8 : u32(e + 8) });
  }
  /** the value number i of a SHORT or LONG tag; null when absent or of another type */
  const value = (tag: number, i = 0): number | null => {
    const e = entries.get(tag);
    if (!e || i >= e.count) return null;
    if (e.type === SHORT && e.at + 2 * i + 2 <= bytes.length) return u16(e.at + 2 * i);
    if (e.type === LONG && e.at + 4 * i + 4 <= bytes.length) return u32(e.at + 4 * i);
    return null;
  };
  if (entries.has(TAG.extraSamples) || entries.has(TAG.iccProfile)) return null;
  if ((value(TAG.compression) ?? 1) !== 1 || (value(TAG.planarConfig) ?? 1) !== 1 || (value(TAG.orientation) ?? 1) !== 1) return null;
  const width = value(TAG.width);
  const height = value(TAG.height);
  const channels = value(TAG.samplesPerPixel) ?? 1;
  const photometric = value(TAG.photometric);
  if (!width || !height) return null;
  if (!((channels === 1 && photometric === 1) || (channels === 3 && photometric === 2))) return null;
  for (let c = 0; c < channels; c++) if (value(TAG.bitsPerSample, c) !== 8) return null;
  if (entries.get(TAG.stripOffsets)?.count !== 1) return null;
  const offset = value(TAG.stripOffsets);
  const length = width * height * channels;
  if (offset === null || value(TAG.stripByteCounts) !== length || offset + length > bytes.length) return null;
  return { data: bytes.subarray(offset, offset + length), width, height, channels };
}
