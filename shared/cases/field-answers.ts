/**
 * Rules that spare the clerk answers the visit already gives: which 受理信息 apply to this person
 * at all, and which choice the item itself names. Core applies them to the requirements it sends
 * and to the intake it checks, so the screen and core never disagree.
 */

/** Answers that say the person has no employer (灵活就业人员 register themselves). */
const NO_EMPLOYER_ANSWERS: readonly string[] = ['灵活就业人员'];

/** Whether a field is asked of a person whose condition answers have these labels. */
export function fieldApplies(fieldName: string, answerLabels: readonly string[]): boolean {
  // 统一社会信用代码/单位编码, 单位名称…: nothing to fill in for someone without an employer.
  if (/单位/.test(fieldName) && answerLabels.some((l) => NO_EMPLOYER_ANSWERS.includes(l))) return false;
  return true;
}

/**
 * The option of a choice field the item's own name already states: 参保险种 of 职工参保登记 is
 * 职工基本医疗保险, of 城乡居民参保登记 城乡居民基本医疗保险. Only an unambiguous match counts.
 */
export function optionNamedByItem(options: readonly string[], itemName: string): string | undefined {
  const core = (o: string) => o.replace(/(基本医疗保险|医疗保险|医保|保险)$/, '');
  const named = options.filter((o) => {
    const key = core(o);
    return key.length >= 2 && key !== o ? itemName.includes(key) : itemName.includes(o);
  });
  return named.length === 1 ? named[0] : undefined;
}
