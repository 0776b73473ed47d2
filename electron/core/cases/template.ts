/**
 * Fills the sources' 消息推送模板, which mark blanks with asterisks:
 * 【经办机构落款】尊敬的***,您于****年**月**日办理的…未完成。原因为：***。如有疑问，请咨询******(电话)
 * A blank nothing fills is never printed: the clause that holds it is left out (no phone set:
 * no 如有疑问 sentence; no amount known: no 报销金额 clause).
 */
export function fillMessageTemplate(template: string, values: { hallName: string; name: string; date: string | null; reason?: string | null; phone?: string }): string {
  const [y, m, d] = (values.date ?? '').split('-');
  let out = template.replace('【经办机构落款】', `【${values.hallName}】`);
  out = out.replace(/尊敬的\*+/, `尊敬的${values.name}`);
  if (y && m && d) out = out.replace(/\*{4}年\*{2}月\*{2}日/, `${y}年${Number(m)}月${Number(d)}日`);
  if (values.reason) out = out.replace(/原因为：\*+/, `原因为：${values.reason}`);
  if (values.phone) out = out.replace(/\*+\s*\(电话\)/, `${values.phone}`);
  return dropBlanks(out);
}

/**
 * Removes every clause (between ，,) that still holds a blank; a sentence whose last clause holds
 * one goes whole (如有疑问，请咨询***: without the number the sentence says nothing).
 */
export function dropBlanks(text: string): string {
  if (!text.includes('*')) return text;
  const sentences = text.match(/[^。！!；;]+[。！!；;]?/g) ?? [];
  return sentences
    .map((sentence) => {
      const end = /[。！!；;]$/.test(sentence) ? sentence.slice(-1) : '';
      const clauses = (end ? sentence.slice(0, -1) : sentence).split(/(?<=[，,])/);
      const kept = clauses.filter((c) => !c.includes('*'));
      if (kept.length === 0 || clauses[clauses.length - 1]!.includes('*')) return '';
      return kept.join('').replace(/[，,]$/, '') + end;
    })
    .join('')
    .replace(/\s+$/, '');
}
