import { describe, expect, it } from 'vitest';
import { fieldApplies, optionNamedByItem } from '../../../shared/cases/field-answers';

describe('受理信息 the visit already answers', () => {
  it('does not ask a person without an employer for the employer', () => {
    expect(fieldApplies('统一社会信用代码/单位编码', ['灵活就业人员', '均不属于'])).toBe(false);
    expect(fieldApplies('统一社会信用代码/单位编码', ['在职职工'])).toBe(true);
    expect(fieldApplies('申报工资', ['灵活就业人员'])).toBe(true);
    expect(fieldApplies('单位名称', [])).toBe(true);
  });

  it('takes the choice the item names, and only an unambiguous one', () => {
    const insurance = ['职工基本医疗保险', '城乡居民基本医疗保险', '生育保险', '职工大额医疗费用补助', '其他'];
    expect(optionNamedByItem(insurance, '职工参保登记')).toBe('职工基本医疗保险');
    expect(optionNamedByItem(insurance, '城乡居民参保登记')).toBe('城乡居民基本医疗保险');
    expect(optionNamedByItem(insurance, '异地长期居住人员备案')).toBeUndefined();
    expect(optionNamedByItem(['职工医保', '城乡居民医保', '其他'], '职工和城乡居民参保信息查询')).toBeUndefined();
  });
});
