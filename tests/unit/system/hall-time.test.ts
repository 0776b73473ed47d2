import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HALL_TIME_ZONE, hallDate, hallDateTime, hallDayStartUtc, hallHour, hallOffsetMinutes, isTimeZone, setHallTimeZone, toHallIso } from '../../../shared/system/hall-time';
import { defaultSettings, settingsSchema } from '../../../shared/settings/schema';

afterEach(() => setHallTimeZone(DEFAULT_HALL_TIME_ZONE));

describe('hall time', () => {
  it('defaults to Asia/Shanghai whatever the process zone is', () => {
    const ms = Date.parse('2026-12-04T16:30:00Z');
    expect(toHallIso(ms)).toBe('2026-12-05T00:30:00.000+08:00');
    expect(hallDate(ms)).toBe('2026-12-05');
    expect(hallHour(ms)).toBe(0);
    expect(hallDateTime(ms, true)).toBe('2026-12-05 00:30:00');
    expect(hallDayStartUtc('2026-12-05')).toBe('2026-12-04T16:00:00.000Z');
    expect(hallDayStartUtc('2026-12-31', 1)).toBe('2026-12-31T16:00:00.000Z');
  });

  it('follows another zone, daylight saving included', () => {
    setHallTimeZone('America/New_York');
    expect(hallOffsetMinutes(Date.parse('2026-07-01T12:00:00Z'))).toBe(-240);
    expect(hallOffsetMinutes(Date.parse('2026-12-01T12:00:00Z'))).toBe(-300);
    expect(toHallIso(Date.parse('2026-12-04T03:00:00Z'))).toBe('2026-12-03T22:00:00.000-05:00');
    expect(hallDayStartUtc('2026-03-08')).toBe('2026-03-08T05:00:00.000Z');
    // the day DST starts is 23 hours long
    expect(Date.parse(hallDayStartUtc('2026-03-08', 1)) - Date.parse(hallDayStartUtc('2026-03-08'))).toBe(23 * 3_600_000);
    setHallTimeZone('Asia/Kolkata');
    expect(toHallIso(Date.parse('2026-12-04T00:00:00Z'))).toBe('2026-12-04T05:30:00.000+05:30');
  });

  it('refuses names that are not IANA zones, in settings too', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+08:00')).toBe(false);
    expect(() => setHallTimeZone('Mars/Olympus')).toThrow(RangeError);
    expect(defaultSettings().hall.timeZone).toBe('Asia/Shanghai');
    const bad = settingsSchema.safeParse({ hall: { timeZone: 'UTC+8' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('时区无效');
  });
});
