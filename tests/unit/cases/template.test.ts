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

  it('fills the reason in the failure template and leaves unknown blanks visible', () => {
    const out = fillMessageTemplate(failure, { hallName: '武汉市医保中心', name: '李堃', date: '2026-11-23', reason: '材料不全' });
    expect(out).toContain('原因为：材料不全');
    expect(out).toContain('*******(电话)');
  });
});
