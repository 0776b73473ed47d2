// Draft extraction of 004 (江苏 2022 办事指南) → jiangsu-2022.
import { readSeed, norm, cnNum, parseTimeLimit, splitNumbered, splitNotes, parseBasis, guessCondition, cond, collectConditions } from './lib.mjs';
import { keyFor } from './keys.mjs';

const FILE = '004_775b2fb82dd3fafc.txt';
const lines = readSeed(FILE);

const starts = [];
lines.forEach((l, i) => {
  const m = l.match(/^\s*([一二三四五六七八九十]+)、(\S.*)$/);
  if (m && lines.slice(i + 1, i + 8).join('').includes('◆事项名称')) starts.push(i);
});
if (starts.length !== 30) throw new Error(`jiangsu: ${starts.length}`);
const closing = lines.findIndex((l, i) => i > starts[29] && /^\s*注[：:]/.test(l));

const stripEnd = (s) => s.replace(/[；;。，,\s]+$/, '').trim();

export const items = starts.map((start, idx) => {
  const end = idx + 1 < starts.length ? starts[idx + 1] : closing > 0 ? closing : lines.length;
  const secs = {};
  let cur = null;
  for (let i = start + 1; i < end; i++) {
    const m = lines[i].trim().match(/^◆([^\s：:]+)[：:]?$/) ?? lines[i].trim().match(/^(流程图)$/);
    if (m) {
      cur = m[1];
      secs[cur] = [];
      continue;
    }
    if (cur) secs[cur].push(lines[i]);
  }
  const raw = (t) => secs[t]?.join('\n');
  const text = (t) => (secs[t] ? norm(raw(t)) : undefined);
  const nameText = text('事项名称');
  const nm = nameText.match(/主项名称：(.*?)子项名称：(.*)$/);
  const name = nm[2];
  const item = { key: keyFor(name), seq: idx + 1, line: start + 1, mainItem: { name: nm[1] }, name, aliases: [] };
  const heading = norm(lines.slice(start, lines.findIndex((l, k) => k > start && l.includes('◆事项名称'))).join('\n')).replace(/^[一二三四五六七八九十]+、/, '');
  if (heading !== name) item.heading = heading;
  item.serviceObjects = [text('服务对象')];
  item.levels = text('办理层级').split(/、(?![^（]*）)/);
  item.legalBasis = parseBasis(raw('设定依据'), 'cn');
  item.channels = splitNumbered(raw('办理方式'), 'cn').map((x) => x.text);
  // materials: list, then optional 备注
  const matRaw = raw('申请材料明细') ?? raw('办理材料明细');
  const [listRaw, ...noteParts] = matRaw.split(/备注[:：]\s*/);
  const notesRaw = noteParts.join('');
  const entries = splitNumbered(listRaw, /（一）/.test(listRaw) ? 'cn' : 'dot');
  item.materials = [];
  for (const e of entries) {
    const body = stripEnd(e.text);
    if (!body) continue;
    const seq = e.n ? (/^\d+$/.test(e.n) ? e.n : String(cnNum(e.n))) : String(item.materials.length + 1);
    const am = body.match(/^(单位申请|个人申请)[：:](.*)$/);
    if (am) {
      item.materials.push({ seq, name: am[2], condition: cond('applicant', am[1] === '单位申请' ? 'unit' : 'person') });
      continue;
    }
    const m = { seq, name: body };
    const c = guessCondition(body);
    if (c) m.condition = c;
    if (/个人承诺书/.test(body)) m.promiseAllowed = true;
    item.materials.push(m);
  }
  if (notesRaw.trim()) item.materialsNotes = splitNotes(notesRaw.replace(/(?<=[；;。])\s*(\d+)、/g, '\n$1.').replace(/^\s*1、/, '1.'));
  const procRaw = raw('办理流程');
  item.process = { steps: [], detail: norm(procRaw) };
  const tl = text('办理时限');
  item.timeLimit = { text: tl, rules: parseTimeLimit(tl) };
  item.fee = text('是否收费');
  const tips = raw('温馨提示') ?? raw('备注');
  if (tips) item.notes = splitNumbered(tips, 'cn').map((x) => stripEnd(x.text)).filter(Boolean);
  collectConditions(item);
  return item;
});

// item 1: 窗口（网上）办理 vs 联办建立登记
{
  const it = items[0];
  const raw = lines.slice(it.line, starts[1]).join('\n');
  const matRaw = raw.split('◆申请材料明细')[1].split('◆办理流程')[0];
  const win = matRaw.split('（二）联办建立登记')[0].split('（一）窗口（网上）办理')[1].split(/备注[:：]/)[0];
  it.materials = splitNumbered(win).filter((x) => x.n).map((x) => ({ seq: `窗口${x.n}`, name: stripEnd(x.text), condition: cond('jointRegistration', 'window') }));
  it.materials.push({ seq: '联办1', name: '法定代表人或负责人身份证', condition: cond('jointRegistration', 'joint') });
  it.materialsNotes = ['单位首次新参保需提供单位开户银行账户信息'];
  delete it.conditions;
  collectConditions(it);
  it.process.detail = norm(raw.split('◆办理流程')[1].split('◆办理时限')[0]);
}
for (const it of items) {
  it.process.steps = it.process.detail
    .split(/（[一二三四五六七八九十]）|(?<![\d])\d、/)
    .map((x) => stripEnd(x))
    .filter(Boolean);
}

export function extractJiangsu() {
  return {
    id: 'jiangsu-2022',
    title: '江苏省医疗保障经办政务服务事项办事指南（2022版）',
    region: '江苏省',
    year: 2022,
    documentTitle: '全省医疗保障经办政务服务事项办事指南（2022版）',
    kind: 'provincialGuide',
    seedFile: FILE,
    notes: closing > 0 ? [norm(lines.slice(closing).join('\n')).replace(/^注[：:]/, '')] : [],
    items,
  };
}
