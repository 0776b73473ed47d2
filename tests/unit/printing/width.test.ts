import { describe, expect, it } from 'vitest';
import { charWidth, normalizeForPrint, padToWidth, textWidth, wrapText } from '../../../shared/print/width';

describe('width-aware receipt text', () => {
  it('counts ASCII as one column and everything a GB printer prints full-width as two', () => {
    expect(textWidth('A1 ')).toBe(3);
    expect(textWidth('王喆')).toBe(4);
    expect(textWidth('𠮷')).toBe(2);
    expect(charWidth('·')).toBe(2);
    expect(charWidth('\u0007')).toBe(0);
  });

  it('prints ¥ as the full-width ￥ and drops control characters', () => {
    expect(normalizeForPrint('¥12\t3\u001b@')).toBe('￥12 3@');
  });

  it('breaks Chinese anywhere, keeps ASCII words whole, never starts a line with a closing mark', () => {
    const lines = wrapText('办件编号：410100202611220030001，请妥善保管。', 24);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(24);
    expect(lines.join('')).toBe('办件编号：410100202611220030001，请妥善保管。');
    expect(lines.some((l) => l.includes('410100202611220030001'))).toBe(true);
    for (const l of lines) expect(l[0]).not.toMatch(/[，。）]/);
  });

  it('hangs continued lines under the indent', () => {
    const lines = wrapText('事项名称：职工基本医疗保险参保人员异地就医备案', 16, 10);
    expect(lines[1]!.startsWith(' '.repeat(10))).toBe(true);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(16);
  });

  it('breaks a word longer than the line', () => {
    const url = 'http://10.1.2.3:5780/#/progress?code=Q7K2M9XD';
    const lines = wrapText(url, 32);
    expect(lines.join('')).toBe(url);
    expect(lines.every((l) => textWidth(l) <= 32)).toBe(true);
  });

  it('pads to an exact width', () => {
    expect(padToWidth('经办人：', 10)).toBe('经办人：  ');
    expect(textWidth(padToWidth('承诺办结日期：很长', 10))).toBe(10);
  });
});
