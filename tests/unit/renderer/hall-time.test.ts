import { afterEach, describe, expect, it } from 'vitest';
import { hallDayjs, hallNow, hallToday, noteHallClock } from '../../../renderer/app/hallTime';
import { DEFAULT_HALL_TIME_ZONE, setHallTimeZone } from '../../../shared/system/hall-time';

afterEach(() => setHallTimeZone(DEFAULT_HALL_TIME_ZONE));

describe('screens in hall time', () => {
  it("show the hall's wall clock and today from core's tick, whatever the browser's zone", () => {
    noteHallClock({ now: '2026-12-05T00:30:00.000+08:00', timeZone: 'Asia/Shanghai' });
    expect(Math.abs(hallNow() - Date.parse('2026-12-04T16:30:00Z'))).toBeLessThan(5_000);
    expect(hallToday().format('YYYY-MM-DD')).toBe('2026-12-05');
    expect(hallDayjs('2026-12-04T16:01:00Z').format('M月D日 HH:mm')).toBe('12月5日 00:01');
    expect(hallDayjs(null).isValid()).toBe(false);
  });

  it('follow the zone core names in its tick', () => {
    noteHallClock({ now: '2026-12-04T11:30:00.000-05:00', timeZone: 'America/New_York' });
    expect(hallToday().format('YYYY-MM-DD')).toBe('2026-12-04');
    expect(hallDayjs('2026-12-04T16:01:00Z').format('HH:mm')).toBe('11:01');
    noteHallClock({ now: '2026-12-04T11:30:00.000-05:00', timeZone: 'Not/AZone' });
    expect(hallDayjs('2026-12-04T16:01:00Z').format('HH:mm')).toBe('11:01');
  });
});
