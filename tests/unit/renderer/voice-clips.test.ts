import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callClips, CLIP_IDS, clipsForText, counterClips } from '../../../renderer/features/board/clips';
import { announcementText } from '../../../shared/queue/policy';

const voiceDir = path.resolve('renderer/public/voice');

describe('board voice clips (no system Chinese voice)', () => {
  it('请 A012 号 到 3 号窗口办理: letter, digits one by one, the counter as a number', () => {
    expect(clipsForText(announcementText('A012', 3))).toEqual(['qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'chuangkou']);
    expect(callClips('b105', 12)).toEqual(['qing', 'B', '1', '0', '5', 'hao', 'dao', 'shi', '2', 'chuangkou']);
  });

  it('says counters 1–999 as Chinese numbers', () => {
    const said = (n: number) => counterClips(n).join(' ');
    expect(said(7)).toBe('7');
    expect(said(10)).toBe('shi');
    expect(said(12)).toBe('shi 2');
    expect(said(20)).toBe('2 shi');
    expect(said(99)).toBe('9 shi 9');
    expect(said(100)).toBe('1 bai');
    expect(said(105)).toBe('1 bai 0 5');
    expect(said(110)).toBe('1 bai 1 shi');
    expect(said(999)).toBe('9 bai 9 shi 9');
    expect(counterClips(0)).toEqual([]);
    expect(counterClips(1000)).toEqual([]);
  });

  it('says nothing it has no clip for (the text is still shown)', () => {
    expect(callClips('甲001', 3)).toBeNull();
    expect(clipsForText('请到服务台咨询')).toBeNull();
  });

  it('every clip is a small 16-bit mono PCM WAV in renderer/public/voice, and there are no others', () => {
    const files = fs.readdirSync(voiceDir).filter((f) => f.endsWith('.wav'));
    expect(files.sort()).toEqual(CLIP_IDS.map((id) => `${id}.wav`).sort());
    for (const file of files) {
      const b = fs.readFileSync(path.join(voiceDir, file));
      expect(b.toString('ascii', 0, 4) + b.toString('ascii', 8, 12), file).toBe('RIFFWAVE');
      expect([b.readUInt16LE(20), b.readUInt16LE(22), b.readUInt16LE(34)], file).toEqual([1, 1, 16]);
      // Longer than 0.1 s (a word), shorter than 2.5 s at 16 kHz.
      expect(b.length, file).toBeGreaterThan(3_200);
      expect(b.length, file).toBeLessThan(80_000);
    }
  });
});
