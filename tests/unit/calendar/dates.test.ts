import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidDateError, addCalendarDays, addMonths, calendarDaysBetween, parseDate, weekdayOf } from '../../../shared/calendar';

describe('plain-date arithmetic', () => {
  it('addMonths clamps to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2025-12-15', 2)).toBe('2026-02-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-02-28', 1)).toBe('2026-03-28');
    expect(addMonths('2026-02-15', -14)).toBe('2024-12-15');
  });

  it('addCalendarDays crosses months, years and leap days', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(calendarDaysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('weekdayOf', () => {
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-01-04')).toBe(0);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('rejects invalid dates', () => {
    for (const bad of ['2026-02-29', '2026-2-1', '2026/02/01', '20260201', '', '2026-13-01']) {
      expect(() => parseDate(bad)).toThrow(InvalidDateError);
    }
  });

  it('property: addCalendarDays is invertible and addMonths never overflows the month', () => {
    const date = fc
      .integer({ min: Date.UTC(1950, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -120, max: 120 }), (d, n, m) => {
        expect(addCalendarDays(addCalendarDays(d, n), -n)).toBe(d);
        expect(calendarDaysBetween(d, addCalendarDays(d, n))).toBe(n);
        const shifted = parseDate(addMonths(d, m));
        const start = parseDate(d);
        expect((shifted.year - start.year) * 12 + shifted.month - start.month).toBe(m);
        expect(shifted.day).toBeLessThanOrEqual(start.day);
      }),
    );
  });
});
