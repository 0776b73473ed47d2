/**
 * The ID-card reader's SAM serial frame (公安部 SAM interface; see docs/devices.md):
 *   AA AA AA 96 69 | LEN (2, big-endian, counts everything after it up to and including CHK)
 *   | request: CMD PARA [DATA] | response: SW1 SW2 SW3 [DATA] | CHK (XOR of LEN..last data byte)
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Longest frame body we accept (the fingerprint read is ~2 300 bytes). */
export const MAX_LEN = 4096;

export const CMD = {
  resetSam: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readText: [0x30, 0x01],
  readTextFingerprint: [0x30, 0x10],
  readAppendedAddress: [0x30, 0x03],
  setMaxRfBytes: [0x61, 0xff],
} as const satisfies Record<string, readonly [number, number]>;

/** SW3 results. 90/9F/80 are confirmed on devices; the others follow the SAM spec (verify on a real reader). */
export const SW3_MESSAGES: Readonly<Record<number, string>> = {
  0x90: '操作成功',
  0x9f: '找卡成功',
  0x80: '未找到证件，请放置证件',
  0x81: '选卡失败，请重新放置证件',
  0x41: '读卡失败，请重新放置证件',
  0x10: '读卡器收到的数据校验和错误',
  0x11: '读卡器收到的数据长度错误',
  0x21: '读卡器不支持此命令',
  0x23: '越权操作',
  0x24: '读卡器报告无法识别的错误',
  0x31: '证件认证安全模块失败，请重新放置证件',
  0x32: '安全模块认证证件失败，请重新放置证件',
  0x33: '证件信息验证错误，请重新放置证件',
  0x40: '无法识别的卡片类型',
  0x60: '读卡器安全模块自检失败，请联系技术人员',
  0x66: '读卡器安全模块未授权，请联系技术人员',
  0x91: '证件中此项无内容',
};

export function sw3Message(sw3: number): string {
  return SW3_MESSAGES[sw3] ?? `读卡器返回未知状态（${hex2(sw3)}）`;
}

export const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

export type FrameProblem = 'preamble' | 'length' | 'checksum' | 'status' | 'truncated' | 'layout';

/** A frame that cannot be used: `problem` says which part is wrong, the message is for people (Chinese). */
export class FrameError extends Error {
  constructor(
    readonly problem: FrameProblem,
    message: string,
    readonly sw3?: number,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

export function xor(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0;
  for (let i = start; i < end; i++) c ^= bytes[i]!;
  return c;
}

/** A request frame: preamble, length, command, parameter, data, checksum. */
export function buildRequest(cmd: readonly [number, number] | readonly number[], data: Uint8Array = new Uint8Array(0)): Buffer {
  const len = cmd.length + data.length + 1;
  const out = Buffer.alloc(PREAMBLE.length + 2 + len);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, 5);
  Buffer.from(cmd).copy(out, 7);
  Buffer.from(data).copy(out, 7 + cmd.length);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

/** A response frame (what the reader, or our simulator, sends). */
export function buildResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Buffer {
  const len = 3 + data.length + 1;
  const out = Buffer.alloc(PREAMBLE.length + 2 + len);
  PREAMBLE.copy(out, 0);
  out.writeUInt16BE(len, 5);
  out[7] = sw1;
  out[8] = sw2;
  out[9] = sw3;
  Buffer.from(data).copy(out, 10);
  out[out.length - 1] = xor(out, 5, out.length - 1);
  return out;
}

export interface ResponseFrame {
  sw1: number;
  sw2: number;
  sw3: number;
  data: Buffer;
}

export interface RequestFrame {
  cmd: number;
  para: number;
  data: Buffer;
}

/**
 * Checks one complete frame (exactly one, nothing before or after) and returns its body
 * (the bytes between LEN and CHK). Never throws anything but FrameError.
 */
export function checkFrame(frame: Uint8Array): Buffer {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length < PREAMBLE.length || !buf.subarray(0, PREAMBLE.length).equals(PREAMBLE)) {
    throw new FrameError('preamble', `帧头错误：应为 AA AA AA 96 69，实际为 ${hexOf(buf.subarray(0, 5)) || '（空）'}`);
  }
  if (buf.length < 8) throw new FrameError('truncated', `帧不完整：只有 ${buf.length} 字节`);
  const len = buf.readUInt16BE(5);
  if (len < 2 || len > MAX_LEN) throw new FrameError('length', `长度字段无效：${len}`);
  const expected = 7 + len;
  if (buf.length < expected) throw new FrameError('truncated', `帧不完整：长度字段为 ${len}，应共 ${expected} 字节，实际 ${buf.length} 字节`);
  if (buf.length > expected) throw new FrameError('length', `长度不符：长度字段为 ${len}，应共 ${expected} 字节，实际 ${buf.length} 字节`);
  const chk = xor(buf, 5, buf.length - 1);
  if (chk !== buf[buf.length - 1]) throw new FrameError('checksum', `校验和错误：计算得 ${hex2(chk)}，帧中为 ${hex2(buf[buf.length - 1]!)}`);
  return buf.subarray(7, buf.length - 1);
}

export function parseResponse(frame: Uint8Array): ResponseFrame {
  const body = checkFrame(frame);
  if (body.length < 3) throw new FrameError('length', `应答太短：缺少状态字（${body.length} 字节）`);
  return { sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3) };
}

export function parseRequest(frame: Uint8Array): RequestFrame {
  const body = checkFrame(frame);
  return { cmd: body[0]!, para: body[1]!, data: body.subarray(2) };
}

/** Throws a FrameError naming the status when SW3 is not one of `ok`. */
export function expectStatus(res: ResponseFrame, ok: readonly number[] = [0x90]): ResponseFrame {
  if (!ok.includes(res.sw3)) throw new FrameError('status', `${sw3Message(res.sw3)}（状态码 ${hex2(res.sw3)}）`, res.sw3);
  return res;
}

export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, hex2).join(' ');
}

/** Hex text (spaces, newlines, 0x prefixes allowed) to bytes. */
export function bytesFromHex(text: string): Buffer {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new FrameError('preamble', '十六进制文本中含非十六进制字符');
  if (clean.length % 2) throw new FrameError('truncated', '十六进制文本的位数为奇数');
  return Buffer.from(clean, 'hex');
}

/**
 * Cuts a byte stream into frames: skips noise before a preamble, waits for the rest of a frame,
 * reports a bad checksum or impossible length through `onBad` and resynchronises.
 */
export class FrameSplitter {
  private buf = Buffer.alloc(0);

  constructor(
    private readonly onFrame: (frame: Buffer) => void,
    private readonly onBad: (error: FrameError) => void = () => {},
  ) {}

  push(chunk: Uint8Array): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const start = this.buf.indexOf(PREAMBLE);
      if (start < 0) {
        // keep a possible partial preamble at the end
        this.buf = this.buf.subarray(Math.max(0, this.buf.length - (PREAMBLE.length - 1)));
        return;
      }
      if (start > 0) this.buf = this.buf.subarray(start);
      if (this.buf.length < 7) return;
      const len = this.buf.readUInt16BE(5);
      if (len < 2 || len > MAX_LEN) {
        this.onBad(new FrameError('length', `长度字段无效：${len}`));
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (this.buf.length < 7 + len) return;
      const frame = Buffer.from(this.buf.subarray(0, 7 + len));
      this.buf = this.buf.subarray(7 + len);
      try {
        checkFrame(frame);
        this.onFrame(frame);
      } catch (error) {
        this.onBad(error instanceof FrameError ? error : new FrameError('layout', String(error)));
      }
    }
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }
}
