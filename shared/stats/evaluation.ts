/**
 * 好差评: the five national levels (政务服务“好差评”), 5 = 非常满意 … 1 = 非常不满意. Levels 3–5 are
 * 好评 (satisfied); 1–2 are 差评, need a reason and go to a follow-up a supervisor closes.
 */
export const EVALUATION_LEVELS = [
  { level: 5, label: '非常满意' },
  { level: 4, label: '满意' },
  { level: 3, label: '基本满意' },
  { level: 2, label: '不满意' },
  { level: 1, label: '非常不满意' },
] as const;

export const LOW_RATING_MAX = 2;

export function levelLabel(level: number): string {
  return EVALUATION_LEVELS.find((l) => l.level === level)?.label ?? String(level);
}

/** Share of ratings at 基本满意 or better; null with no ratings. */
export function satisfactionRate(levels: readonly number[]): number | null {
  const total = levels.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  return (levels[2]! + levels[3]! + levels[4]!) / total;
}

/** Reasons offered on the evaluation screen for a low rating (the citizen may also type one). */
export const LOW_RATING_REASONS = ['等候时间过长', '服务态度不好', '业务不熟练', '材料要求不清楚', '办理时间过长', '其他'] as const;
