import { describe, expect, it } from 'vitest';
import { createWorkCalendar, CalendarNotPublishedError, InvalidDateError } from '../../../shared/calendar';
import { computeDueDate, selectTimeRule, TimeLimitUndecidedError, TimeLimitInvalidError, conditionMet, describeRule } from '../../../shared/cases/due-date';
import type { ItemCondition, TimeRule } from '../../../shared/catalog/types';
import { loadBundledCalendar } from '../calendar/bundled';

const calendar = createWorkCalendar(loadBundledCalendar());
const limit = (text: string, ...rules: TimeRule[]) => ({ text, rules });
const workdays = (amount: number, condition?: string): TimeRule => ({ kind: 'workdays', amount, upTo: true, ...(condition ? { condition } : {}) });
const due = (acceptedOn: string, timeLimit: { text: string; rules: TimeRule[] }, extra: { answers?: Record<string, string>; flags?: string[]; conditions?: ItemCondition[] } = {}) =>
  computeDueDate(calendar, { acceptedOn, timeLimit, ...extra });

const fiveDays = limit('不超过5个工作日', workdays(5));

describe('working-day limits against the 2026 arrangement (国办发明电〔2025〕7号)', () => {
  it('Spring Festival: 5 working days from Fri 2026-02-13 end on Fri 2026-02-27', () => {
    // 2/13 (acceptance, not counted); Sat 2/14 调休上班 = 1; 2/15–2/23 放假 (9 days);
    // Tue 2/24 = 2, Wed 2/25 = 3, Thu 2/26 = 4, Fri 2/27 = 5.
    expect(calendar.dayInfo('2026-02-14')).toEqual({ workday: true, kind: 'makeup', name: '春节' });
    expect(calendar.dayInfo('2026-02-23')).toEqual({ workday: false, kind: 'holiday', name: '春节' });
    const r = due('2026-02-13', fiveDays);
    expect(r.dueDate).toBe('2026-02-27');
    expect(r.choice).toBe('only');
    expect(r.text).toBe('不超过5个工作日');
    expect(r.ruleText).toBe('不超过5个工作日');
  });

  it('Spring Festival: 1 working day from Fri 2026-02-13 is the make-up Saturday 2/14; 2 is Tue 2/24', () => {
    expect(due('2026-02-13', limit('1个工作日', workdays(1))).dueDate).toBe('2026-02-14');
    expect(due('2026-02-13', limit('2个工作日', workdays(2))).dueDate).toBe('2026-02-24');
  });

  it('accepted on the make-up Saturday 2/14, the period still starts the next day', () => {
    // 2/15–2/23 off; 2/24 = 1 … 2/27 = 4, Sat 2/28 调休上班 = 5.
    expect(due('2026-02-14', fiveDays).dueDate).toBe('2026-02-28');
  });

  it('National Day: 5 working days from Wed 2026-09-30 end on Tue 2026-10-13 (Sat 10/10 调休上班 counts)', () => {
    // 10/1–10/7 放假; Thu 10/8 = 1, Fri 10/9 = 2, Sat 10/10 = 3, Mon 10/12 = 4, Tue 10/13 = 5.
    expect(due('2026-09-30', fiveDays).dueDate).toBe('2026-10-13');
  });

  it('National Day: Sun 2026-09-20 is a make-up working day before the break', () => {
    // Fri 9/18 accepted: Sun 9/20 = 1, Mon 9/21 = 2, Tue 9/22 = 3.
    expect(due('2026-09-18', limit('3个工作日', workdays(3))).dueDate).toBe('2026-09-22');
  });

  it('across the year end: 5 working days from Mon 2025-12-29 end on Tue 2026-01-06', () => {
    // 12/30 = 1, 12/31 = 2; 2026-01-01…03 元旦 off; Sun 1/4 调休上班 = 3; Mon 1/5 = 4; Tue 1/6 = 5.
    expect(due('2025-12-29', fiveDays).dueDate).toBe('2026-01-06');
  });

  it('into unpublished 2027: CalendarNotPublishedError naming 2027 (no Monday–Friday guess)', () => {
    const run = () => due('2026-12-28', fiveDays);
    expect(run).toThrow(CalendarNotPublishedError);
    try {
      run();
    } catch (error) {
      expect((error as CalendarNotPublishedError).year).toBe(2027);
      expect((error as Error).message).toContain('2027');
      expect((error as Error).message).toContain('日历未发布');
    }
  });

  it('ending on 2026-12-31 does not need 2027', () => {
    // Mon 12/28 accepted: 12/29 = 1, 12/30 = 2, 12/31 = 3.
    expect(due('2026-12-28', limit('3个工作日', workdays(3))).dueDate).toBe('2026-12-31');
  });
});

describe('other kinds of limit', () => {
  it('instant (即时办结): the acceptance day itself, even on a holiday and in an unpublished year', () => {
    const instant = limit('即时办结', { kind: 'instant' });
    expect(due('2026-02-13', instant).dueDate).toBe('2026-02-13');
    expect(due('2027-03-01', instant).dueDate).toBe('2027-03-01');
  });

  it('calendar days: acceptance + n, holidays count, and need no published calendar', () => {
    const thirty = limit('30日', { kind: 'calendarDays', amount: 30 });
    expect(due('2026-02-13', thirty).dueDate).toBe('2026-03-15');
    expect(due('2026-12-20', thirty).dueDate).toBe('2027-01-19');
  });

  it('months: same day n months later, clamped to the month end', () => {
    const one = limit('1个月', { kind: 'months', amount: 1 });
    expect(due('2026-01-31', one).dueDate).toBe('2026-02-28');
    expect(due('2028-01-31', one).dueDate).toBe('2028-02-29');
    expect(due('2026-03-31', one).dueDate).toBe('2026-04-30');
    expect(due('2026-11-15', limit('3个月', { kind: 'months', amount: 3 })).dueDate).toBe('2027-02-15');
  });

  it('a bad acceptance date or a rule without an amount is refused in Chinese', () => {
    expect(() => due('2026-02-30', fiveDays)).toThrow(InvalidDateError);
    expect(() => due('2026-02-13', limit('若干工作日', { kind: 'workdays' }))).toThrow(TimeLimitInvalidError);
    expect(() => due('2026-02-13', limit('若干工作日', { kind: 'workdays' }))).toThrow(/无法计算/);
  });
});

describe('compound limits pick the rule matching the answers', () => {
  // national-2020 002036001002 参保登记
  const personType: ItemCondition = { id: 'personType', question: '参保人员类别？', options: [{ id: 'employed', label: '在职职工' }, { id: 'flexible', label: '灵活就业人员' }] };
  const registration = limit('在职职工不超过5个工作日；灵活就业人员即时办结', workdays(5, '在职职工'), { kind: 'instant', condition: '灵活就业人员' });

  it('在职职工 → 5 working days; 灵活就业人员 → same day', () => {
    const employed = due('2026-02-13', registration, { conditions: [personType], answers: { personType: 'employed' } });
    expect(employed).toMatchObject({ dueDate: '2026-02-27', ruleIndex: 0, choice: 'matched', ruleText: '不超过5个工作日（在职职工）' });
    const flexible = due('2026-02-13', registration, { conditions: [personType], answers: { personType: 'flexible' } });
    expect(flexible).toMatchObject({ dueDate: '2026-02-13', ruleIndex: 1, choice: 'matched' });
  });

  it('answers may also be given as labels (flags) directly', () => {
    expect(due('2026-02-13', registration, { flags: ['灵活就业人员'] }).dueDate).toBe('2026-02-13');
  });

  it('no answer and no unconditional rule: TimeLimitUndecidedError listing the choices', () => {
    expect(() => due('2026-02-13', registration)).toThrow(TimeLimitUndecidedError);
    expect(() => due('2026-02-13', registration)).toThrow(/在职职工 \/ 灵活就业人员/);
  });

  // jiangsu-2022 002036006001
  const special = limit('10个工作日,特殊情况不超过20个工作日', { kind: 'workdays', amount: 10 }, workdays(20, '特殊情况'));

  it('“10个工作日，特殊情况不超过20个工作日”: the normal rule unless 特殊情况 is answered', () => {
    // From Mon 2026-03-02 (not counted), plain weeks: Tue 3/3 = 1 … Mon 3/16 = 10; Mon 3/30 = 20.
    expect(due('2026-03-02', special)).toMatchObject({ dueDate: '2026-03-16', ruleIndex: 0, choice: 'default' });
    expect(due('2026-03-02', special, { flags: ['特殊情况'] })).toMatchObject({ dueDate: '2026-03-30', ruleIndex: 1, choice: 'matched' });
  });

  // hubei-2022 002036004001
  const channels = limit(
    '不超过2个工作日(提交证明材料)；即时办结(提交个人承诺)；即时办结(省、市、县、镇)；不超过2个工作日(村)',
    workdays(2, '线上·提交证明材料'),
    { kind: 'instant', condition: '线上·提交个人承诺' },
    { kind: 'instant', condition: '线下·省、市、县、镇' },
    workdays(2, '线下·村'),
  );

  it('compound “·” conditions need every part answered', () => {
    expect(selectTimeRule({ timeLimit: channels, flags: ['线下', '村'] }).ruleIndex).toBe(3);
    expect(selectTimeRule({ timeLimit: channels, flags: ['线上', '提交个人承诺'] }).ruleIndex).toBe(1);
    expect(selectTimeRule({ timeLimit: channels, flags: ['线下·省、市、县、镇'] }).ruleIndex).toBe(2);
    expect(() => selectTimeRule({ timeLimit: channels, flags: ['线下'] })).toThrow(TimeLimitUndecidedError);
  });

  it('conditionMet and describeRule', () => {
    expect(conditionMet('在职职工', ['在职职工参保登记'])).toBe(true);
    expect(conditionMet('线下·村', ['线下'])).toBe(false);
    expect(conditionMet('特殊情况', [])).toBe(false);
    expect(describeRule({ kind: 'calendarDays', amount: 15 })).toBe('15个自然日');
    expect(describeRule({ kind: 'instant' })).toBe('即时办结');
  });
});
