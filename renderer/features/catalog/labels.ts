import type { TimeRule } from '../../../shared/catalog/types';

/** Wording a clerk uses for the sources and structured fields of the catalog. */

interface SourceLike {
  region: string;
  year: number;
}

/** 全国清单（2020） / 湖北省（2022） */
export function sourceLabel(s: SourceLike): string {
  return `${s.region === '全国' ? '全国清单' : s.region}（${s.year}）`;
}

/** 全国 2020 / 湖北 2022: column headings where space is short */
export function sourceShort(s: SourceLike): string {
  return `${s.region.replace(/省$/, '')} ${s.year}`;
}

const unit: Record<Exclude<TimeRule['kind'], 'instant'>, string> = { workdays: '个工作日', calendarDays: '个自然日', months: '个月' };

/** 在职职工：不超过5个工作日 */
export function ruleText(r: TimeRule): string {
  const limit = r.kind === 'instant' ? '即时办结' : `${r.upTo ? '不超过' : ''}${r.amount ?? ''}${unit[r.kind]}`;
  return r.condition ? `${r.condition}：${limit}` : limit;
}

export const ruleKey = (r: TimeRule) => `${r.kind}:${r.amount ?? ''}:${r.condition ?? ''}`;

export const riskColor: Record<string, string> = { 低风险: 'green', 较低风险: 'cyan', 较高风险: 'orange', 高风险: 'red' };

export const kindLabel: Record<string, string> = { nationalList: '全国清单', provincialList: '省级清单', provincialGuide: '省级办事指南' };

export const flagText = (v: boolean | null | undefined): string => (v === true ? '是' : v === false ? '否' : '原文未注明');
