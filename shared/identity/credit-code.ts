import { CREDIT_CODE_CHARS, mod31CheckChar } from './check-digits';
import { mainlandProvinceName } from './provinces';

/**
 * GB 32100-2015 登记管理部门代码 → the 机构类别代码 each may issue. '9' (其他) is allowed for
 * every department except 工商 so that a category added later does not reject a real code.
 */
const TYPES_BY_AUTHORITY: Readonly<Record<string, string>> = {
  '1': '1239', // 机构编制：机关、事业单位、群众团体、其他
  '2': '19', // 外交：外国常驻新闻机构、其他
  '3': '1234569', // 司法行政：律师执业机构、公证处、基层法律服务所、司法鉴定机构、仲裁委员会…
  '4': '19', // 文化：外国在华文化中心、其他
  '5': '1239', // 民政：社会团体、民办非企业单位、基金会、其他
  '6': '129', // 旅游：外国及港澳台旅游部门常驻代表机构、其他
  '7': '129', // 宗教：宗教活动场所、宗教院校、其他
  '8': '19', // 工会：基层工会、其他
  '9': '123', // 工商：企业、个体工商户、农民专业合作社
  A: '19', // 中央军委改革和编制办公室：军队事业单位、其他
  N: '1239', // 农业：组级、村级、乡镇级集体经济组织、其他
  Y: '1', // 其他
};

export interface CreditCodeCheck {
  valid: boolean;
  region?: string;
  reason?: string;
}

/** Validates an already normalised (trimmed, upper-case) string as a 统一社会信用代码. */
export function validateCreditCode(code: string): CreditCodeCheck {
  if (code.length !== 18) return { valid: false, reason: `位数不对：统一社会信用代码应为18位，实际${code.length}位` };
  for (const ch of code) {
    if (!CREDIT_CODE_CHARS.includes(ch)) {
      return { valid: false, reason: `含非法字符“${ch}”：统一社会信用代码不使用字母I、O、S、V、Z` };
    }
  }
  const authority = code.charAt(0);
  const allowedTypes = TYPES_BY_AUTHORITY[authority];
  if (allowedTypes === undefined) return { valid: false, reason: `登记管理部门代码“${authority}”无效` };
  if (!allowedTypes.includes(code.charAt(1))) {
    return { valid: false, reason: `机构类别代码“${code.charAt(1)}”与登记管理部门代码“${authority}”不符` };
  }
  const division = code.slice(2, 8);
  const provinceCode = division.slice(0, 2);
  // Central bodies registered with the State use 100000.
  const region = provinceCode === '10' ? '中央' : mainlandProvinceName(provinceCode);
  if (!/^\d{6}$/.test(division) || region === undefined) {
    return { valid: false, reason: `登记管理机关行政区划码“${division}”无效` };
  }
  if (mod31CheckChar(code.slice(0, 17)) !== code.charAt(17)) return { valid: false, reason: '校验位错误' };
  return { valid: true, region };
}
