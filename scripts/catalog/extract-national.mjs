// Draft extraction of 000 (national list, table broken across lines) → national-2020.
// Row layout: 子项名称 · 子项编码 (0020360 + 01001) · 公共服务 · 办理材料 · 办理时限 · 环节 · 备注 · 是 · 设定依据.
import { readSeed, norm, parseTimeLimit, processSteps, splitMaterials, splitNotes, parseBasis, collectConditions, squash } from './lib.mjs';
import { keyFor, KEYS } from './keys.mjs';

const FILE = '000_287672fef65fd8fc.txt';
const lines = readSeed(FILE);
const text = lines.join('\n');

// sub-item codes: "0020360" followed (after blank lines) by 5 chars "0dd0d" (sub) or "0dd0Y" (main)
const codes = [];
const reCode = /0020360\s*\n\s*\n?\s*(\d{4}[\dY])/g;
let m;
while ((m = reCode.exec(text))) codes.push({ at: m.index, end: m.index + m[0].length, code: '0020360' + m[1] });
const subCodes = codes.filter((c) => !c.code.endsWith('Y') && c.code !== '002036005000' || (c.code === '002036005000' && codes.filter((x) => x.code === c.code).indexOf(c) === 1));
if (subCodes.length !== 28) throw new Error(`national: ${subCodes.length} sub codes`);

const MAINS = [
  ['00203600100Y', '基本医疗保险参保和变更登记'],
  ['00203600200Y', '基本医疗保险参保信息查询和个人账户一次性支取'],
  ['00203600300Y', '基本医疗保险关系转移接续'],
  ['00203600400Y', '基本医疗保险参保人员异地就医备案'],
  ['002036005000', '基本医疗保险参保人员享受门诊慢特病病种待遇认定'],
  ['00203600600Y', '基本医疗保险参保人员医疗费用手工（零星）报销'],
  ['00203600700Y', '生育保险待遇核准支付'],
  ['00203600800Y', '医疗救助对象待遇核准支付'],
  ['00203600900Y', '医药机构申请定点协议管理'],
  ['00203601000Y', '定点医药机构费用结算'],
];
const lineAt = (pos) => text.slice(0, pos).split('\n').length;
const reTime = /(在职职工不\s*超过\s*5\s*个工\s*作日；灵活\s*就业人员即\s*时办结|即时办结|不超过\s*\d+\s*个\s*工作日|\d+个工作日)/;
const reProc = /申请\s*[—-]+\s*受理[\s\S]*?办结/;

export const items = subCodes.map((c, idx) => {
  const seq = idx + 1;
  // 子项名称 as printed (the broken table puts it before the code; names equal the national names)
  const name = KEYS.find(([k]) => k === c.code)[1][0];
  const before = squash(text.slice(idx === 0 ? 0 : subCodes[idx - 1].end, c.at));
  if (!before.includes(squash(name))) throw new Error(`national ${seq}: name ${name} not before code`);
  const next = subCodes[idx + 1]?.at ?? text.length;
  const body = text.slice(c.end, next);
  const afterType = body.replace(/^[\s\S]*?公共服\s*\n?\s*务/, '');
  const tm = afterType.match(reTime);
  const materialsRaw = afterType.slice(0, tm.index);
  const rest = afterType.slice(tm.index + tm[0].length);
  const pm = rest.match(reProc);
  const procText = norm(pm[0]);
  const rest2 = rest.slice(pm.index + pm[0].length);
  const yes = rest2.search(/(?:^|\n)\s*是\s*(?=\n|\s|1\.|《)/);
  const notesRaw = yes >= 0 ? rest2.slice(0, yes) : rest2;
  let basisRaw = yes >= 0 ? rest2.slice(yes).replace(/^\s*是/, '') : '';
  basisRaw = basisRaw.replace(/[一二三四五六七八九十]+、[\s\S]*$/, '').replace(/附件1[\s\S]*$/, '');
  const item = { key: keyFor(name), seq, line: lineAt(c.at) - 1, code: c.code, mainItem: null, name, aliases: [], itemType: '公共服务' };
  const main = MAINS.find(([mc]) => mc.slice(6, 9) === c.code.slice(6, 9));
  item.mainItem = { name: main[1], code: main[0] };
  const matText = norm(materialsRaw);
  if (/^(办理材料、|按照|根据)/.test(matText)) {
    item.materials = [];
    item.materialsText = matText;
  } else item.materials = splitMaterials(materialsRaw);
  const tl = norm(tm[0]);
  item.timeLimit = { text: tl, rules: parseTimeLimit(tl) };
  item.process = { text: procText, steps: processSteps(procText) };
  const notes = splitNotes(notesRaw.replace(/\d{1,2}\s*$/, ''));
  if (notes) item.notes = notes;
  const nextName = subCodes[idx + 1] ? KEYS.find(([k]) => k === subCodes[idx + 1].code)[1][0] : null;
  if (nextName) {
    const re = new RegExp(`\\s*${seq + 1}\\s*${[...nextName.slice(0, 3)].join('\\s*')}[\\s\\S]*$`);
    basisRaw = basisRaw.replace(re, '');
  }
  basisRaw = basisRaw.replace(/\s*0020360\s*\d{4}Y[\s\S]*$/, '');
  const basis = norm(basisRaw);
  if (basis) item.legalBasis = parseBasis(basisRaw.replace(/\n\s*\d{1,2}\s*$/, ''));
  item.yesColumn = '是';
  collectConditions(item);
  return item;
});

export function extractNational() {
  return {
    id: 'national-2020',
    title: '全国医疗保障经办政务服务事项清单',
    region: '全国',
    year: 2020,
    kind: 'nationalList',
    seedFile: FILE,
    notes: [
      '文本无标题行；年份据所引文件推定：本清单由《国家医疗保障局关于印发全国医疗保障经办政务服务事项清单的通知》（医保发〔2020〕18号）印发（湖北2022年版引用）',
      '表格中有一列在全部28行中取值均为“是”，其表头未出现在文本中，此处以 yesColumn 原样保留',
      '备注与设定依据为合并单元格，每组（或每页）只印一次，某行缺少备注/设定依据并不表示该规则不适用',
    ],
    items,
  };
}
