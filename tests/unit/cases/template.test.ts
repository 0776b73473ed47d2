import { describe, expect, it } from 'vitest';
import { fillMessageTemplate } from '../../../electron/core/cases/template';

describe('消息推送模板', () => {
  const success = '【经办机构落款】尊敬的***,您于****年**月**日已完成职工参保登记。如有疑问，请咨询*******(电话)。';
  const failure = '【经办机构落款】尊敬的***,您于****年**月**日办理的职工参保登记未完成。原因为：***。如有疑问，请咨询*******(电话)。';

  it('fills hall, name, date and phone in the success template', () => {
    expect(fillMessageTemplate(success, { hallName: '武汉市医保中心', name: '王喆', date: '2026-02-05', phone: '027-12345678' })).toBe(
      '【武汉市医保中心】尊敬的王喆,您于2026年2月5日已完成职工参保登记。如有疑问，请咨询027-12345678。',
    );
  });

  it('fills the reason and leaves out the sentence whose phone is not set: no placeholder is printed', () => {
    const out = fillMessageTemplate(failure, { hallName: '武汉市医保中心', name: '李堃', date: '2026-11-23', reason: '材料不全' });
    expect(out).toBe('【武汉市医保中心】尊敬的李堃,您于2026年11月23日办理的职工参保登记未完成。原因为：材料不全。');
  });

  it('drops only the clauses with blanks nothing fills', () => {
    const paid = '【经办机构落款】尊敬的***,您于****年**月**日已完成医疗救助对象手工(零星)报销业务，报销金额***元，已划入***的***银行尾号为***的账户，请查收!如有疑问， 请咨询*******(电话)。';
    const out = fillMessageTemplate(paid, { hallName: '武汉市医保中心', name: '王喆', date: '2026-02-05' });
    expect(out).toBe('【武汉市医保中心】尊敬的王喆,您于2026年2月5日已完成医疗救助对象手工(零星)报销业务，请查收!');
    expect(out).not.toContain('*');
  });
});
