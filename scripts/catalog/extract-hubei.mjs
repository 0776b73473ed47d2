// Draft extraction of 001 (湖北省 2022) → resources/catalog/hubei-2022.json (items only; forms are
// merged from scripts/catalog/hubei-forms.mjs). Output was checked by hand.
import { readSeed, norm, cnNum, parseTimeLimit, guessCondition, cond, collectConditions } from './lib.mjs';
import { keyFor } from './keys.mjs';

const FILE = '001_b69f9100ec458a7c.txt';
const lines = readSeed(FILE);
const FORMS_START = lines.findIndex((l) => l.includes('操作规范表'));

const SECTION_TITLES = ['事项名称', '事项描述', '事项属性', '办理依据', '事项办理条件', '受理层级', '办理部门', '服务受理及反馈渠道', '服务渠道及反馈渠道', '办件类型', '办理时限', '受理材料', '样表', '受理信息必填项', '办理流程', '消息推送模板', '办理流程图', '风险级别', '业务风险点识别', '出件样本'];
const reSection = /^\s*(?:\[bookmark:[^\]]*\])?\s*\(\s*([一二三四五六七八九十]+)\s*\)\s*(\S+)\s*$/;
const reItem = /^\s*(?:\[bookmark:[^\]]*\])?\s*([一二三四五六七八九十]+)\s*、\s*(\S.*)$/;

// item boundaries
const starts = [];
for (let i = 0; i < FORMS_START; i++) {
  const m = lines[i].match(reItem);
  if (m && cnNum(m[1]) === starts.length + 1) starts.push(i);
}
if (starts.length !== 29) throw new Error(`expected 29 items, found ${starts.length}`);

/** Table cells: a cell starts at a line beginning with a tab and runs to the next such line. */
function cells(sectionLines) {
  const out = [];
  let cur = null;
  for (const raw of sectionLines) {
    if (/^\s*注：/.test(raw)) break;
    if (raw.startsWith('\t') || /^ \t/.test(raw)) {
      if (cur !== null) out.push(norm(cur));
      cur = raw.replace(/^ ?\t/, '');
    } else if (cur !== null) cur += '\n' + raw;
  }
  if (cur !== null) out.push(norm(cur));
  return out;
}
const rows = (cs, n, header) => {
  const body = cs.slice(header);
  const out = [];
  for (let i = 0; i < body.length; i += n) out.push(body.slice(i, i + n));
  return out;
};

export const items = starts.map((start, idx) => {
  const end = idx + 1 < starts.length ? starts[idx + 1] : FORMS_START;
  const secs = {};
  let curTitle = null;
  for (let i = start + 1; i < end; i++) {
    const m = lines[i].match(reSection);
    if (m && SECTION_TITLES.includes(m[2])) {
      curTitle = m[2];
      secs[curTitle] = { line: i + 1, lines: [] };
      continue;
    }
    if (curTitle) secs[curTitle].lines.push(lines[i]);
  }
  const text = (t) => (secs[t] ? norm(secs[t].lines.join('\n')) : undefined);

  const nameText = text('事项名称');
  const nm = nameText.match(/主项名称：(.*?)子项名称：(.*)$/);
  const mainName = nm[1];
  const name = nm[2];
  const item = { key: keyFor(name), seq: idx + 1, line: start + 1, mainItem: { name: mainName }, name, aliases: [] };

  item.description = text('事项描述');
  const attr = cells(secs['事项属性'].lines);
  item.serviceObjects = attr[3].split('、');
  item.handlingMode = attr[4];

  const basis = rows(cells(secs['办理依据'].lines), 4, 4);
  item.legalBasis = basis.map(([, title, docNo, articles]) => ({ title, ...(docNo ? { docNo } : {}), ...(articles ? { articles } : {}) }));

  const condCells = cells(secs['事项办理条件'].lines);
  item.conditionsText = rows(condCells, 2, 2).map((r) => r[1]).filter(Boolean);

  const lv = secs['受理层级'];
  const lvNote = lv.lines.map((l) => l.trim()).find((l) => /^注[:：]/.test(l) || /级受理权|县域通办|审批权/.test(l));
  const lvExtra = norm(lv.lines.filter((l) => /受理权|审批权|通办|权限/.test(l)).join('\n'));
  if (lvExtra) item.levelsNote = lvExtra;
  void lvNote;

  const dept = text('办理部门');
  const dm = dept.match(/主办部门：(.*?)(?:2\.建议联办部门：(.*))?$/);
  item.departments = { lead: dm[1].replace(/^1\./, '').trim(), ...(dm[2] ? { joint: dm[2] } : {}) };
  item.departments.lead = item.departments.lead.replace(/2\.$/, '');

  const ch = rows(cells((secs['服务受理及反馈渠道'] ?? secs['服务渠道及反馈渠道']).lines), 5, 5);
  const channels = [];
  let cat = '';
  for (const r of ch) {
    if (r[1]) cat = r[1];
    channels.push({ category: cat, channel: r[2] });
  }
  item.channels = channels.map((c) => `${c.category}：${c.channel}`);

  item.handlingType = text('办件类型');

  const tl = rows(cells(secs['办理时限'].lines), 3, 3).filter((r) => r[0]);
  item.timeLimit = {
    text: tl.map((r) => r[2]).join('；'),
    rules: tl.flatMap((r) => {
      const ch = r[0].match(/[（(](线上|线下)[)）]/);
      return parseTimeLimit(r[2], ch ? ch[1] : undefined);
    }),
    rows: tl.map(([category, dateType, t]) => ({ category, dateType, text: t })),
  };

  const mats = rows(cells(secs['受理材料'].lines), 5, 5);
  item.materials = mats.map(([seq, name]) => {
    const m = { seq, name, dataSharing: null, retainPaper: null, archiveElectronic: null };
    const c = guessCondition(name);
    if (c) m.condition = c;
    if (/个人承诺书/.test(name)) m.promiseAllowed = true;
    return m;
  });

  const sample = text('样表');
  if (sample) item.sampleForms = [...sample.matchAll(/表(\d+)-([^，。、以及]+?)(?=，|。|以及|$)/g)].map((m) => `附件表${m[1]}-${m[2]}`);
  const out = text('出件样本');
  if (out) item.outputSamples = [...out.matchAll(/表(\d+)-([^，。、以及]+?)(?=，|。|以及|$)/g)].map((m) => `附件表${m[1]}-${m[2]}`);

  if (secs['受理信息必填项']) item.intakeFields = rows(cells(secs['受理信息必填项'].lines), 2, 2).map((r) => r[1]);

  const detail = text('办理流程');
  const steps = [];
  for (const m of detail.matchAll(/(网上预审|业务申请|业务受理|业务审核|业务流转|组织评估|业务办结及反馈|业务办结|结果反馈)[。.]/g)) if (!steps.includes(m[1])) steps.push(m[1]);
  item.process = { steps, detail };
  const notes = [];
  for (const t of ['办理时限', '受理材料', '办理流程图']) {
    const sl = secs[t]?.lines ?? [];
    for (let k = 0; k < sl.length; k++) {
      if (!/^\s*注：/.test(sl[k])) continue;
      let buf = sl[k];
      for (let j = k + 1; t !== '办理流程图' && j < sl.length && sl[j].trim() && !sl[j].startsWith('\t') && !reSection.test(sl[j]); j++) buf += '\n' + sl[j];
      const n = norm(buf)
        .replace(/^注：/, '')
        .replace(/[口□]标识表示各地可根据实际情况有选择的?设(置|立服务受理和反馈渠道)。?/, '')
        .replace(/[口□]表示可由地方根据实际情况决定是否可以办理。?/, '')
        .trim();
      if (n) notes.push(n);
    }
  }
  if (notes.length) item.notes = notes;
  if (secs['消息推送模板']) {
    const mt = rows(cells(secs['消息推送模板'].lines), 2, 2).map((r) => r[1]);
    item.messageTemplates = { success: mt[0], failure: mt[1] };
  }
  item.riskLevel = text('风险级别');
  item.riskPoints = [];
  for (const [point, description] of rows(cells(secs['业务风险点识别'].lines), 2, 2)) {
    const prev = item.riskPoints.at(-1);
    if (!point && prev && description) prev.description += description;
    else if (point && description) item.riskPoints.push({ point, description });
  }
  return item;
});

for (const it of items) collectConditions(it);
void cond;

export function extractHubei() {
  return {
    id: 'hubei-2022',
    title: '湖北省医疗保障经办政务服务事项操作规范（2022年版）',
    region: '湖北省',
    year: 2022,
    documentTitle: '湖北省医疗保障经办政务服务事项 操作规范表 (2022年版)',
    kind: 'provincialGuide',
    seedFile: FILE,
    items,
  };
}
