import { describe, expect, it } from 'vitest';
import { festivalsOf, formatMonthDay, monthGrid } from '../../../renderer/features/calendar/yearView';
import { loadBundledCalendar } from './bundled';

describe('工作日历 screen helpers', () => {
  it('monthGrid starts weeks on Monday: February 2026 begins on a Sunday', () => {
    const cells = monthGrid(2026, 2);
    expect(cells.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(cells[6]).toEqual({ date: '2026-02-01', day: 1, weekend: true });
    expect(cells.filter(Boolean)).toHaveLength(28);
  });

  it('festivalsOf summarises 2026 as the notice does', () => {
    const f = festivalsOf(loadBundledCalendar().years['2026']!);
    expect(f.map((x) => x.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(f[1]).toEqual({ name: '春节', ranges: [['2026-02-15', '2026-02-23']], days: 9, makeup: ['2026-02-14', '2026-02-28'] });
    expect(f[6]?.makeup).toEqual(['2026-09-20', '2026-10-10']);
    expect(formatMonthDay('2026-02-14')).toBe('2月14日');
  });
});
