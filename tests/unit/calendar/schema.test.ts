import { describe, expect, it } from 'vitest';
import { CalendarDataError, parseCalendarData, parseCalendarJson } from '../../../shared/calendar';

const good = {
  years: {
    '2030': {
      published: true,
      notice: 'test',
      holidays: [{ date: '2030-01-01', name: '元旦' }],
      makeupWorkdays: [{ date: '2030-01-05', name: '元旦' }],
    },
  },
};

function issuesOf(input: unknown): string[] {
  try {
    parseCalendarData(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CalendarDataError);
    return [...(error as CalendarDataError).issues];
  }
  throw new Error('expected CalendarDataError');
}

const withYear = (patch: Record<string, unknown>) => ({ years: { '2030': { ...good.years['2030'], ...patch } } });

describe('calendar data schema', () => {
  it('accepts a well-formed file', () => {
    expect(parseCalendarData(good)).toEqual(good);
    expect(parseCalendarJson(JSON.stringify({ years: {} }))).toEqual({ years: {} });
  });

  it('gives a clear Chinese error for each kind of breakage', () => {
    expect(issuesOf({})[0]).toContain('years');
    expect(issuesOf({ years: { '30': good.years['2030'] } }).join()).toContain('应为4位数字');
    expect(issuesOf(withYear({ published: false })).join()).toContain('published 必须为 true');
    expect(issuesOf(withYear({ holidays: [{ date: '2030-02-30', name: '春节' }] })).join()).toContain(
      'years.2030.holidays[0].date：日期“2030-02-30”无效',
    );
    expect(issuesOf(withYear({ holidays: [{ date: '2031-01-01', name: '元旦' }] })).join()).toContain('不在 2030 年内');
    expect(issuesOf(withYear({ holidays: [{ date: '2030-01-01', name: '' }] })).join()).toContain('名称不能为空');
    expect(issuesOf(withYear({ makeupWorkdays: [{ date: '2030-01-01', name: '元旦' }] })).join()).toContain('重复');
    expect(issuesOf(withYear({ makeupWorkdays: [{ date: '2030-01-07', name: '元旦' }] })).join()).toContain('不是周六或周日');
    expect(issuesOf(withYear({ extra: 1 })).join()).toMatch(/extra/);
    expect(issuesOf({ years: {}, version: 2 }).join()).toMatch(/version/);
  });

  it('reports text that is not JSON', () => {
    expect(() => parseCalendarJson('{"years": ')).toThrow(/日历数据文件格式错误[\s\S]*不是有效的 JSON/);
  });
});
