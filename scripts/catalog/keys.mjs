// Cross-source item keys. National items use the 12-character national code (even in the
// sources that do not print it); province-only items use a slug. Mapping: resources/catalog/sources/README.md and the aliases in the catalog JSON.
export const KEYS = [
  ['002036001001', ['单位参保登记']],
  ['002036001002', ['职工参保登记']],
  ['002036001003', ['城乡居民参保登记']],
  ['002036001004', ['单位参保信息变更登记']],
  ['002036001005', ['职工参保信息变更登记']],
  ['002036001006', ['城乡居民参保信息变更登记']],
  ['phone-number-change', ['参保人员电话号码新增和更改']],
  ['flexible-employment-contribution', ['灵活就业人员缴纳职工医疗保险费']],
  ['contribution-base-declaration', ['参保单位缴费基数申报']],
  ['lump-sum-contribution', ['职工基本医疗保险费趸缴']],
  ['002036002001', ['参保单位参保信息查询']],
  ['002036002002', ['参保人员参保信息查询']],
  ['002036002003', ['参保人员个人账户一次性支取', '基本医疗保险参保个人账户一次性支取', '参保人员个人账户资金一次性支取']],
  ['cross-province-account-transfer', ['跨省异地长期备案人员个人账户资金划转']],
  ['002036003001', ['出具《参保凭证》']],
  ['002036003002', ['转移接续手续办理']],
  ['002036004001', ['异地安置退休人员备案']],
  ['002036004002', ['异地长期居住人员备案']],
  ['002036004003', ['常驻异地工作人员备案']],
  ['002036004004', ['异地转诊人员备案']],
  ['002036004005', ['其他临时外出就医人员备案']],
  ['remote-emergency-registration', ['异地急诊、抢救住院登记备案']],
  ['002036005000', ['基本医疗保险参保人员享受门诊慢特病病种待遇认定']],
  ['hypertension-diabetes-recognition', ['城乡居民医保参保人员高血压、糖尿病病种待遇认定']],
  ['special-drug-disease-recognition', ['单行支付药品、高值药品支付管理病种待遇认定']],
  ['dual-channel-drug-recognition', ['国谈药“双通道”管理及单独支付药品待遇认定']],
  ['002036006001', ['门诊费用报销', '门(急)诊费用报销']],
  ['002036006002', ['住院费用报销']],
  ['002036007001', ['产前检查费支付']],
  ['002036007002', ['生育医疗费支付']],
  ['002036007003', ['计划生育医疗费支付', '计划生育医疗费用支付']],
  ['002036007004', ['生育津贴支付']],
  ['one-time-nutrition-subsidy', ['一次性营养补助支付']],
  ['002036008001', ['符合资助条件的救助对象参加城乡居民基本医疗保险个人缴费补贴']],
  ['002036008002', ['医疗救助对象手工（零星）报销', '医疗救助对象手工(零星)报销']],
  ['002036009001', ['医疗机构申请定点协议管理', '医疗机构申报定点协议管理']],
  ['002036009002', ['零售药店申请定点协议管理', '零售药店申报定点协议管理']],
  ['designated-institution-info-change', ['定点医药机构信息变更', '定点医药机构基础信息变更']],
  ['designated-agreement-suspension', ['定点医药机构申请暂停（终止）协议管理']],
  ['designated-agreement-resumption', ['定点医药机构申请恢复协议管理']],
  ['designated-remote-settlement', ['定点医药机构开通异地就医直接结算业务']],
  ['002036010001', ['基本医疗保险定点医疗机构费用结算', '医疗保障定点医疗机构费用结算']],
  ['002036010002', ['基本医疗保险定点零售药店费用结算', '医疗保障定点零售药店费用结算']],
];

export function keyFor(name) {
  for (const [key, names] of KEYS) if (names.includes(name)) return key;
  throw new Error(`no key for item name "${name}"`);
}

/** Fill item.aliases with the names other sources use for the same key. */
export function fillAliases(sources) {
  const names = new Map();
  for (const s of sources) for (const it of s.items) {
    const set = names.get(it.key) ?? new Set();
    set.add(it.name);
    names.set(it.key, set);
  }
  for (const s of sources) for (const it of s.items) {
    it.aliases = [...(names.get(it.key) ?? [])].filter((n) => n !== it.name);
  }
}
