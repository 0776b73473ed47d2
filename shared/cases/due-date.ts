import type { WorkCalendar } from '../calendar/work-calendar';
import { parseDate } from '../calendar/dates';
import { CalendarNotPublishedError } from '../calendar/errors';
import type { ItemCondition, TimeRule } from '../catalog/types';

/**
 * 办理时限 → due date. Pure (no Node, no DOM): core computes it for cases and the renderer can
 * preview it with the same code.
 *
 * Counting follows the usual rule for statutory periods (民法典 第二百零一条): the acceptance
 * day is not counted, the period starts the next day.
 * - instant (即时办结): the acceptance day itself;
 * - workdays N (N个工作日): the N-th working day after acceptance, by the working-day calendar
 *   (法定节假日 and 调休 make-up days); a year whose arrangement is not loaded throws
 *   CalendarNotPublishedError (日历未发布), unless a provisional date (暂定) is asked for;
 * - calendarDays N (N个自然日 / N日): acceptance + N days;
 * - months N (N个月): the same day of the month N months later, clamped to the month's end.
 */

export interface DueDateInput {
  /** Acceptance (受理) date, YYYY-MM-DD, hall time. */
  acceptedOn: string;
  timeLimit: { text: string; rules: readonly TimeRule[] };
  /** The item's questions; used to turn `answers` (option ids) into the labels rules name. */
  conditions?: readonly ItemCondition[];
  /** The case's answers: condition id → chosen option id(s). Unknown values count as labels. */
  answers?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Labels that decide a time-limit rule no question covers, e.g. 特殊情况, 线下·村,
   * 需要考察确认 — exactly as the rule's `condition` reads.
   */
  flags?: readonly string[];
}

export type RuleChoice =
  /** the only rule there is */
  | 'only'
  /** a rule whose condition the answers meet */
  | 'matched'
  /** the rule without a condition (the normal limit), no special condition being answered */
  | 'default';

export interface DueDateResult {
  dueDate: string;
  /** The rule applied, as in the catalog. */
  rule: TimeRule;
  ruleIndex: number;
  choice: RuleChoice;
  /** The item's time-limit text as printed, e.g. 在职职工不超过5个工作日；灵活就业人员即时办结 */
  text: string;
  /** Chinese summary of the applied rule, e.g. 5个工作日（在职职工） */
  ruleText: string;
  /**
   * 暂定办结日期: the date needed a year whose arrangement is not loaded and was counted on
   * Monday–Friday there; recomputed when that year is imported. Absent for a firm date.
   */
  provisional?: true;
}

export interface DueDateOptions {
  /** Count an unloaded year Monday–Friday and mark the result provisional instead of throwing. */
  provisional?: boolean;
}

/** The time limit has several conditional rules and the answers pick none of them. */
export class TimeLimitUndecidedError extends Error {
  override name = 'TimeLimitUndecidedError';
  constructor(readonly choices: readonly string[]) {
    super(`办理时限取决于办理情形，请先选择：${choices.join(' / ')}`);
  }
}

/** The time limit carries no usable rule (e.g. a workdays rule without an amount). */
export class TimeLimitInvalidError extends Error {
  override name = 'TimeLimitInvalidError';
  constructor(readonly text: string, reason: string) {
    super(`办理时限“${text}”无法计算：${reason}`);
  }
}

const UNIT_LABEL: Record<Exclude<TimeRule['kind'], 'instant'>, string> = { workdays: '个工作日', calendarDays: '个自然日', months: '个月' };

export function describeRule(rule: TimeRule): string {
  const base = rule.kind === 'instant' ? '即时办结' : `${rule.upTo ? '不超过' : ''}${rule.amount ?? '?'}${UNIT_LABEL[rule.kind]}`;
  return rule.condition ? `${base}（${rule.condition}）` : base;
}

/** The labels the case's answers and flags stand for (option labels, raw values, flags). */
export function answerLabels(input: Pick<DueDateInput, 'conditions' | 'answers' | 'flags'>): string[] {
  const labels = new Set<string>();
  for (const [conditionId, value] of Object.entries(input.answers ?? {})) {
    const condition = input.conditions?.find((c) => c.id === conditionId);
    for (const v of typeof value === 'string' ? [value] : value) {
      const option = condition?.options.find((o) => o.id === v);
      labels.add((option?.label ?? v).trim());
    }
  }
  for (const f of input.flags ?? []) labels.add(f.trim());
  labels.delete('');
  return [...labels];
}

/**
 * Does a rule's condition hold for these labels? Conditions may be compound with “·”
 * (线下·村): every part must be named by a label. A part is named by a label equal to it, or
 * by a label that contains it or is contained in it (在职职工 vs 在职职工参保登记).
 */
export function conditionMet(condition: string, labels: readonly string[]): boolean {
  const parts = condition.split('·').map((p) => p.trim()).filter(Boolean);
  return parts.length > 0 && parts.every((part) => labels.some((l) => l === part || l.includes(part) || part.includes(l)));
}

/**
 * Picks the rule for a case: a conditional rule the answers meet (the most specific — most
 * “·” parts — when several do, then the first listed); else the rule without a condition
 * (“10个工作日，特殊情况不超过20个工作日” → 10 unless 特殊情况 is answered); else, when
 * every rule is conditional and none is met, TimeLimitUndecidedError listing the choices.
 */
export function selectTimeRule(input: Omit<DueDateInput, 'acceptedOn'>): { rule: TimeRule; ruleIndex: number; choice: RuleChoice } {
  const { rules, text } = input.timeLimit;
  if (rules.length === 0) throw new TimeLimitInvalidError(text, '没有时限规则');
  if (rules.length === 1) return { rule: rules[0]!, ruleIndex: 0, choice: 'only' };
  const labels = answerLabels(input);
  let best: { rule: TimeRule; ruleIndex: number; parts: number } | undefined;
  rules.forEach((rule, ruleIndex) => {
    if (!rule.condition || !conditionMet(rule.condition, labels)) return;
    const parts = rule.condition.split('·').length;
    if (!best || parts > best.parts) best = { rule, ruleIndex, parts };
  });
  if (best) return { rule: best.rule, ruleIndex: best.ruleIndex, choice: 'matched' };
  const plain = rules.findIndex((r) => !r.condition);
  if (plain >= 0) return { rule: rules[plain]!, ruleIndex: plain, choice: 'default' };
  throw new TimeLimitUndecidedError(rules.map((r) => r.condition!));
}

/** Adds one rule's period to the acceptance day (the acceptance day itself not counted). */
export function applyTimeRule(calendar: WorkCalendar, acceptedOn: string, rule: TimeRule): string {
  parseDate(acceptedOn);
  if (rule.kind === 'instant') return acceptedOn;
  const n = rule.amount;
  if (n === undefined || !Number.isSafeInteger(n) || n < 1) throw new TimeLimitInvalidError(describeRule(rule), '缺少正整数的期限数');
  switch (rule.kind) {
    case 'workdays':
      return calendar.addWorkdays(acceptedOn, n);
    case 'calendarDays':
      return calendar.addCalendarDays(acceptedOn, n);
    case 'months':
      return calendar.addMonths(acceptedOn, n);
  }
}

/**
 * The due date of a case. Throws CalendarNotPublishedError (naming the year) when a working
 * day must be looked up in a year whose arrangement is not loaded — unless `provisional` is
 * asked for: then that year counts Monday–Friday and the result carries `provisional: true`.
 * Throws TimeLimitUndecidedError when the answers do not pick one of several conditional
 * rules, InvalidDateError for a bad date.
 */
export function computeDueDate(calendar: WorkCalendar, input: DueDateInput, options: DueDateOptions = {}): DueDateResult {
  const { rule, ruleIndex, choice } = selectTimeRule(input);
  const result = { rule, ruleIndex, choice, text: input.timeLimit.text, ruleText: describeRule(rule) };
  try {
    return { dueDate: applyTimeRule(calendar, input.acceptedOn, rule), ...result };
  } catch (error) {
    if (!(error instanceof CalendarNotPublishedError) || !options.provisional) throw error;
    return { dueDate: applyTimeRule(calendar.provisional(), input.acceptedOn, rule), ...result, provisional: true };
  }
}
