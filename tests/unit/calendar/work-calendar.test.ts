import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarNotPublishedError, createWorkCalendar, mergeCalendarData } from '../../../shared/calendar';
import type { CalendarData } from '../../../shared/calendar';
import { loadBundledCalendar } from './bundled';

const data = loadBundledCalendar();
const cal = createWorkCalendar(data);

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('2026 arrangement (checked against chinese-days 1.5.7 data)', () => {
  it('春节: 2/15–2/23 off, Sat 2/14 and Sat 2/28 are make-up working days', () => {
    for (let d = 15; d <= 23; d++) {
      expect(cal.dayInfo(`2026-02-${d}`)).toEqual({ workday: false, kind: 'holiday', name: '春节' });
    }
    expect(cal.dayInfo('2026-02-14')).toEqual({ workday: true, kind: 'makeup', name: '春节' });
    expect(cal.dayInfo('2026-02-28')).toEqual({ workday: true, kind: 'makeup', name: '春节' });
    expect(cal.dayInfo('2026-02-24')).toEqual({ workday: true, kind: 'workday' });
    expect(cal.dayInfo('2026-03-01')).toEqual({ workday: false, kind: 'weekend' });
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-14', 1)).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cal.workdaysBetween('2026-02-01', '2026-02-28')).toBe(16);
  });

  it('元旦 1/1–1/3 off, Sun 1/4 worked; other 2026 holidays', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => cal.isWorkday(d))).toEqual([false, false, false]);
    expect(cal.dayInfo('2026-01-04')).toEqual({ workday: true, kind: 'makeup', name: '元旦' });
    expect(cal.dayInfo('2026-04-06')).toMatchObject({ kind: 'holiday', name: '清明节' });
    expect(cal.dayInfo('2026-05-05')).toMatchObject({ kind: 'holiday', name: '劳动节' });
    expect(cal.dayInfo('2026-05-09')).toMatchObject({ kind: 'makeup', name: '劳动节' });
    expect(cal.dayInfo('2026-06-19')).toMatchObject({ kind: 'holiday', name: '端午节' });
    expect(cal.dayInfo('2026-09-25')).toMatchObject({ kind: 'holiday', name: '中秋节' });
  });

  it('国庆节 2026: 10/1–10/7 off, Sun 9/20 and Sat 10/10 worked', () => {
    expect(cal.dayInfo('2026-09-20')).toEqual({ workday: true, kind: 'makeup', name: '国庆节' });
    expect(cal.dayInfo('2026-10-10')).toEqual({ workday: true, kind: 'makeup', name: '国庆节' });
    for (let d = 1; d <= 7; d++) expect(cal.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isWorkday('2026-10-11')).toBe(false);
    // 9/25–27 中秋, 10/1–7 国庆, 10/10 make-up Saturday.
    expect(cal.addWorkdays('2026-09-24', 10)).toBe('2026-10-15');
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
  });
});

describe('2025 National Day', () => {
  it('10/1–10/8 off (10/6 中秋节), Sun 9/28 and Sat 10/11 worked', () => {
    expect(cal.dayInfo('2025-09-28')).toEqual({ workday: true, kind: 'makeup', name: '国庆节' });
    expect(cal.dayInfo('2025-10-11')).toEqual({ workday: true, kind: 'makeup', name: '国庆节' });
    expect(cal.dayInfo('2025-10-06')).toEqual({ workday: false, kind: 'holiday', name: '中秋节' });
    for (let d = 1; d <= 8; d++) expect(cal.isWorkday(`2025-10-0${d}`)).toBe(false);
    expect(cal.addWorkdays('2025-09-26', 3)).toBe('2025-09-30');
    expect(cal.addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    expect(cal.addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
    expect(cal.workdaysBetween('2025-09-30', '2025-10-12')).toBe(3);
  });
});

describe('working-day arithmetic', () => {
  it('crosses the year end: 2025-12-30 + 5 workdays skips 元旦 and counts Sun 2026-01-04', () => {
    expect(cal.addWorkdays('2025-12-30', 5)).toBe('2026-01-07');
    expect(cal.workdaysBetween('2025-12-30', '2026-01-07')).toBe(5);
    expect(cal.addWorkdays('2026-01-07', -5)).toBe('2025-12-30');
  });

  it('does not count the start day; n = 0 is the start day itself', () => {
    expect(cal.addWorkdays('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(cal.addWorkdays('2026-11-21', 1)).toBe('2026-11-23'); // accepted on a Saturday
    expect(cal.addWorkdays('2026-11-21', 0)).toBe('2026-11-21');
    expect(cal.workdaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(cal.workdaysBetween('2026-11-27', '2026-11-23')).toBe(-4);
  });

  it('throws CalendarNotPublishedError for a year that is not loaded, never assuming Monday–Friday', () => {
    expect(cal.addWorkdays('2026-12-28', 3)).toBe('2026-12-31');
    const error = catchError(() => cal.addWorkdays('2026-12-28', 5));
    expect(error).toBeInstanceOf(CalendarNotPublishedError);
    expect(error).toMatchObject({ year: 2027, name: 'CalendarNotPublishedError' });
    expect((error as Error).message).toContain('2027年节假日安排（日历）未发布');
    expect((error as Error).message).toContain('日历未发布');
    expect(() => cal.isWorkday('2027-03-01')).toThrow(CalendarNotPublishedError);
    expect(() => cal.dayInfo('2003-05-01')).toThrow(/2003年/);
    expect(() => cal.workdaysBetween('2026-12-01', '2027-01-10')).toThrow(CalendarNotPublishedError);
    expect(cal.isPublished(2027)).toBe(false);
  });

  it('calendar-day and month arithmetic do not need the calendar', () => {
    expect(cal.addCalendarDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(cal.addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(cal.addMonths('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('rejects non-integer counts and invalid dates', () => {
    expect(() => cal.addWorkdays('2026-01-05', 1.5)).toThrow(RangeError);
    expect(() => cal.isWorkday('2026-02-30')).toThrow(/日期无效/);
  });

  it('property: workdaysBetween(a, addWorkdays(a, n)) = n, the result is a working day, and going back returns', () => {
    const day = fc.integer({ min: Date.UTC(2004, 0, 1) / 86_400_000, max: Date.UTC(2026, 7, 31) / 86_400_000 });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), (dayNumber, n) => {
        const a = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        const b = cal.addWorkdays(a, n);
        expect(cal.workdaysBetween(a, b)).toBe(n);
        if (n > 0) expect(cal.isWorkday(b)).toBe(true);
        if (cal.isWorkday(a)) expect(cal.addWorkdays(b, -n)).toBe(a);
      }),
      { numRuns: 500 },
    );
  });
});

describe('mergeCalendarData (run-time update)', () => {
  // Made-up arrangement, only to exercise the merge; not the real 2027 notice.
  const overlay: CalendarData = {
    years: {
      '2027': {
        published: true,
        holidays: [{ date: '2027-01-01', name: '元旦' }],
        makeupWorkdays: [{ date: '2027-01-02', name: '元旦' }],
      },
      '2026': { published: true, holidays: [], makeupWorkdays: [] },
    },
  };

  it('adds new years and replaces whole years', () => {
    const merged = createWorkCalendar(mergeCalendarData(data, overlay));
    expect(merged.addWorkdays('2026-12-28', 5)).toBe('2027-01-04');
    expect(merged.dayInfo('2027-01-02')).toMatchObject({ kind: 'makeup' });
    // 2026 replaced by an empty arrangement: 春节 is gone, not mixed with the old one.
    expect(merged.dayInfo('2026-02-16')).toEqual({ workday: true, kind: 'workday' });
    expect(merged.dayInfo('2025-10-01')).toMatchObject({ kind: 'holiday' });
    expect(merged.publishedYears.at(-1)).toBe(2027);
    // The inputs are untouched.
    expect(createWorkCalendar(data).isPublished(2027)).toBe(false);
  });
});
