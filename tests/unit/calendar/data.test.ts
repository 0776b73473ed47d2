import { describe, expect, it } from 'vitest';
import { createWorkCalendar, weekdayOf } from '../../../shared/calendar';
import { loadBundledCalendar } from './bundled';

const data = loadBundledCalendar();

describe('resources/calendar/holidays.json', () => {
  it('covers 2004–2026 without gaps', () => {
    const years = Object.keys(data.years).map(Number);
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  it('has the main festivals in Chinese every year', () => {
    for (const [year, arrangement] of Object.entries(data.years)) {
      const names = new Set(arrangement.holidays.map((h) => h.name));
      const expected = Number(year) >= 2008 ? ['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节'] : ['元旦', '春节', '劳动节', '国庆节'];
      for (const name of expected) expect(names, `${year} ${name}`).toContain(name);
      for (const entry of [...arrangement.holidays, ...arrangement.makeupWorkdays]) expect(entry.name).toMatch(/^[\u4e00-\u9fff0-9]+$/);
    }
  });

  it('keeps the known special cases: 2020 春节 extension, 2015 抗战胜利纪念日', () => {
    const cal = createWorkCalendar(data);
    expect(cal.dayInfo('2020-02-02')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(cal.isWorkday('2020-02-03')).toBe(true);
    expect(cal.dayInfo('2015-09-03')).toMatchObject({ kind: 'holiday' });
    expect(cal.dayInfo('2015-09-06')).toMatchObject({ kind: 'makeup' });
    // 2008 元旦 arrangement reached back into 2007.
    expect(cal.dayInfo('2007-12-29')).toMatchObject({ kind: 'makeup', name: '元旦' });
    expect(cal.dayInfo('2007-12-31')).toMatchObject({ kind: 'holiday', name: '元旦' });
  });

  it('has make-up working days only on weekends and counts about 250 working days a year', () => {
    const cal = createWorkCalendar(data);
    for (const [year, arrangement] of Object.entries(data.years)) {
      for (const { date } of arrangement.makeupWorkdays) expect([0, 6]).toContain(weekdayOf(date));
      if (year === '2004') continue; // counting needs the day before 1 January
      const workdays = cal.workdaysBetween(`${Number(year) - 1}-12-31`, `${year}-12-31`);
      expect(workdays, year).toBeGreaterThanOrEqual(244);
      expect(workdays, year).toBeLessThanOrEqual(252);
    }
  });
});
