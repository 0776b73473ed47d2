// Draft extraction of 002 (四川省 2020 办事指南) → sichuan-2020. Only L1–2888 (the second, truncated
// table-form extraction from L2889 is a duplicate and ignored).
import { readSeed, norm, cnNum, parseTimeLimit, splitMaterials, splitNotes, splitNumbered, collectConditions } from './lib.mjs';
import { keyFor } from './keys.mjs';

const FILE = '002_3a36e1d376e74001.txt';
const all = readSeed(FILE);
const END = all.findIndex((l) => l.includes('抄送：'));
const lines = all.slice(0, END);

const starts = [];
lines.forEach((l, i) => {
  const m = l.match(/^\s*([一二三四五六七八九十]+)、(\S.*)$/);
  if (m && cnNum(m[1]) === starts.length + 1 && /（一）事项名称/.test(lines.slice(i + 1, i + 6).join(''))) starts.push(i);
});
if (starts.length !== 40) throw new Error(`sichuan: ${starts.length} items`);

const TITLES = ['事项名称', '服务对象', '办理渠道', '申请办理材料', '办理时限', '办理流程', '办理进度查询', '办理查询', '服务评价渠道', '备注'];
export const items = starts.map((start, idx) => {
  const end = idx + 1 < starts.length ? starts[idx + 1] : lines.length;
  const secs = {};
  let cur = null;
  for (let i = start + 1; i < end; i++) {
    const l = lines[i].trim();
    const m = l.match(/^（([一二三四五六七八九十]+)）(\S+)$/);
    if (m && TITLES.includes(m[2])) {
      cur = m[2];
      secs[cur] = [];
      continue;
    }
    if (/^（以下内容以各经办机构公布的为准）/.test(l)) cur = '__trailer';
    if (/^－\s*\d+\s*－$/.test(l)) continue;
    if (cur) (secs[cur] ??= []).push(lines[i]);
  }
  const raw = (t) => secs[t]?.join('\n');
  const text = (t) => (secs[t] ? norm(raw(t)) : undefined);
  const name = text('事项名称').replace(/。$/, '');
  const item = { key: keyFor(name), seq: idx + 1, line: start + 1, name, aliases: [] };
  item.serviceObjects = [text('服务对象').replace(/。$/, '')];
  item.channels = [text('办理渠道').replace(/。$/, '')];
  item.materials = splitMaterials(raw('申请办理材料'));
  const tl = text('办理时限');
  item.timeLimit = { text: tl, rules: parseTimeLimit(tl.replace(/。$/, '')) };
  const procRaw = raw('办理流程');
  const steps = splitNumbered(procRaw).filter((s) => s.n).map((s) => s.text.split('：')[0]);
  item.process = { steps, detail: norm(procRaw) };
  if (secs['办理进度查询']) item.progressQuery = text('办理进度查询');
  if (secs['办理查询']) item.progressQuery = text('办理查询');
  item.evaluationChannel = text('服务评价渠道');
  if (secs['备注']) item.notes = splitNotes(raw('备注'));
  const trailer = norm((secs.__trailer ?? []).join('\n'));
  item.contactFields = [...trailer.matchAll(/(办理地点|办理时间|咨询电话|办理（咨询）电话|投诉电话|网办渠道)：/g)].map((m) => m[1]);
  collectConditions(item);
  return item;
});

export function extractSichuan() {
  return {
    id: 'sichuan-2020',
    title: '四川省医疗保障经办政务服务办事指南（2020）',
    region: '四川省',
    year: 2020,
    documentTitle: '医疗保障经办政务服务办事指南',
    kind: 'provincialGuide',
    seedFile: FILE,
    notes: ['四川省医疗保障局办公室 2020年8月27日印发', '每个事项后列出的办理地点、办理时间、咨询电话、投诉电话（部分事项另有网办渠道）以各经办机构公布的为准，文中为空白'],
    items,
  };
}
