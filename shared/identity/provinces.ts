/**
 * Province-level codes (first two digits of a GB/T 2260 division code) as they appear in
 * identity numbers. 81/82/83 are the prefixes of 港澳台居民居住证 (810000/820000/830000);
 * 71 (台湾省) is left out on purpose: no resident ID card is issued with it.
 */
export const PROVINCE_NAMES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '81': '香港',
  '82': '澳门',
  '83': '台湾',
};

const RESIDENCE_PERMIT_PREFIXES = new Set(['81', '82', '83']);

/** Province name for a mainland province code (11–65), or undefined. */
export function mainlandProvinceName(code: string): string | undefined {
  if (RESIDENCE_PERMIT_PREFIXES.has(code)) return undefined;
  return PROVINCE_NAMES[code];
}
