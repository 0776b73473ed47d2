import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildRequest, buildResponse, bytesFromHex, checkFrame, CMD, expectStatus, FrameError, FrameSplitter, hexOf, parseRequest, parseResponse, sw3Message,
} from '../../../electron/core/devices/idcard/frame';
import { decodeReadFrame } from '../../../electron/core/devices/idcard/record';

describe('SAM frames', () => {
  it('builds the exact request bytes of the reference (domain.md §3)', () => {
    expect(hexOf(buildRequest(CMD.samStatus))).toBe('AA AA AA 96 69 00 03 11 FF ED');
    expect(hexOf(buildRequest(CMD.findCard))).toBe('AA AA AA 96 69 00 03 20 01 22');
    expect(hexOf(buildRequest(CMD.selectCard))).toBe('AA AA AA 96 69 00 03 20 02 21');
    expect(hexOf(buildRequest(CMD.readText))).toBe('AA AA AA 96 69 00 03 30 01 32');
    expect(hexOf(buildRequest(CMD.setMaxRfBytes, Uint8Array.of(0x50)))).toBe('AA AA AA 96 69 00 04 61 FF 50 CA');
  });

  it('parses requests and responses and checks the status', () => {
    expect(parseRequest(bytesFromHex('AA AA AA 96 69 00 03 20 01 22'))).toMatchObject({ cmd: 0x20, para: 0x01 });
    const res = parseResponse(buildResponse(0x9f, Uint8Array.of(0, 0, 0, 0)));
    expect(res).toMatchObject({ sw1: 0, sw2: 0, sw3: 0x9f });
    expect(res.data).toHaveLength(4);
    expect(() => expectStatus(parseResponse(buildResponse(0x80)))).toThrow(/未找到证件，请放置证件（状态码 80）/);
    expect(() => expectStatus(parseResponse(buildResponse(0x41)))).toThrow(/读卡失败/);
  });

  it('maps SW3 codes to clear Chinese', () => {
    expect(sw3Message(0x90)).toBe('操作成功');
    expect(sw3Message(0x80)).toContain('请放置证件');
    expect(sw3Message(0x10)).toContain('校验和');
    expect(sw3Message(0x11)).toContain('长度');
    expect(sw3Message(0x21)).toContain('不支持');
    expect(sw3Message(0x60)).toContain('自检失败');
    expect(sw3Message(0xee)).toBe('读卡器返回未知状态（EE）');
  });

  it('names the problem of a malformed frame', () => {
    const good = buildResponse(0x90, Uint8Array.of(1, 2, 3));
    const problem = (b: Uint8Array) => {
      try {
        checkFrame(b);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(FrameError);
        return (e as FrameError).problem;
      }
    };
    expect(problem(good)).toBe('ok');
    expect(problem(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xab]), good.subarray(3)]))).toBe('preamble');
    expect(problem(good.subarray(0, good.length - 1))).toBe('truncated');
    expect(problem(Buffer.concat([good, Buffer.from([0])]))).toBe('length');
    const bad = Buffer.from(good);
    bad[bad.length - 1]! ^= 1;
    expect(problem(bad)).toBe('checksum');
    expect(problem(new Uint8Array(0))).toBe('preamble');
    expect(() => decodeReadFrame(bad)).toThrow(/校验和错误：计算得 .. ，?帧中为|校验和错误/);
    expect(() => decodeReadFrame(buildResponse(0x41))).toThrow(/读卡失败.*状态码 41/);
    expect(() => decodeReadFrame(buildResponse(0x90, Uint8Array.of(1, 0)))).toThrow(/读卡应答太短/);
  });

  it('splits a stream cut anywhere, skips noise and reports a bad checksum', () => {
    const a = buildResponse(0x90, Uint8Array.of(1));
    const b = buildResponse(0x9f, Uint8Array.of(2, 3));
    const corrupt = Buffer.from(buildResponse(0x90));
    corrupt[corrupt.length - 1]! ^= 0x55;
    const stream = Buffer.concat([Buffer.from([0x00, 0xaa, 0x13]), a, corrupt, b]);
    for (let cut = 1; cut < stream.length; cut += 3) {
      const frames: Buffer[] = [];
      const bad: FrameError[] = [];
      const s = new FrameSplitter((f) => frames.push(f), (e) => bad.push(e));
      s.push(stream.subarray(0, cut));
      s.push(stream.subarray(cut));
      expect(frames.map(hexOf)).toEqual([hexOf(a), hexOf(b)]);
      expect(bad.map((e) => e.problem)).toEqual(['checksum']);
    }
  });

  it('fuzz: random, truncated and corrupted frames never crash the parser or the splitter', () => {
    const valid = buildResponse(0x90, Buffer.alloc(1284, 7));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1400 }), fc.nat(), fc.nat(), (random, cut, flip) => {
        const variants = [random, valid.subarray(0, cut % valid.length), Buffer.from(valid).fill(flip & 0xff, flip % valid.length, (flip % valid.length) + 1)];
        for (const v of variants) {
          for (const fn of [() => parseResponse(v), () => decodeReadFrame(v)]) {
            try {
              fn();
            } catch (e) {
              expect(e).toBeInstanceOf(FrameError);
            }
          }
          const s = new FrameSplitter(() => undefined, () => undefined);
          s.push(v);
          s.push(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]), v]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: any payload round-trips through build and parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 2000 }), (sw3, data) => {
        const res = parseResponse(buildResponse(sw3, data));
        expect(res.sw3).toBe(sw3);
        expect(Buffer.compare(res.data, Buffer.from(data))).toBe(0);
      }),
    );
  });
});
