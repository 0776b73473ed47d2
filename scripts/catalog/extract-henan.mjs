// Draft extraction of 003 (河南省 2024 清单) → henan-2024. Table cells start with a tab.
import { readSeed, norm, parseTimeLimit, processSteps, splitMaterials, parseBasis, splitNotes, collectConditions } from './lib.mjs';
import { keyFor } from './keys.mjs';

const FILE = '003_80902c80db40ac4f.txt';
const lines = readSeed(FILE);

// cells: {raw, line}
const cells = [];
let cur = null;
lines.forEach((l, i) => {
  if (i === 0) return;
  if (l.startsWith('\t') || /^ \[image/.test(l)) {
    if (cur) cells.push(cur);
    cur = { raw: l.replace(/^\t/, '').replace(/^ \[image: \]/, ''), line: i + 1 };
  } else if (cur) cur.raw += '\n' + l;
});
if (cur) cells.push(cur);
for (const c of cells) c.text = norm(c.raw);

const isBasis = (t) => /^(\d+\.?)?(《|中共|国家医疗保障局|国家医保局)/.test(t);
const items = [];
let mainName = null;
let mainCode = null;
for (let i = 0; i < cells.length; i++) {
  const t = cells[i].text;
  if (/^[一二三四五六七八九十]+、/.test(t)) {
    mainName = t.replace(/^[一二三四五六七八九十]+、/, '');
    continue;
  }
  if (/^002036\d{3}(00Y|000)$/.test(t) && !/^\d+$/.test(cells[i - 1]?.text ?? '')) {
    mainCode = t;
    continue;
  }
  if (!/^\d{1,2}$/.test(t) || !/^002036\d{6}$/.test(cells[i + 2]?.text ?? '')) continue;
  const seq = Number(t);
  const name = cells[i + 1].text;
  const code = cells[i + 2].text;
  const matCell = cells[i + 3];
  let j = i + 4;
  const levels = cells[j++].text;
  const time = cells[j++].text;
  const proc = cells[j++].text;
  const rest = [];
  for (; j < cells.length; j++) {
    const tt = cells[j].text;
    if (/^\d{1,2}$/.test(tt) && /^002036\d{6}$/.test(cells[j + 2]?.text ?? '')) break;
    if (/^[一二三四五六七八九十]+、/.test(tt) || /^002036\d{3}(00Y|000)$/.test(tt) || tt.startsWith('说明：')) break;
    if (tt) rest.push(cells[j]);
  }
  const item = { key: keyFor(name), seq, line: cells[i].line, code, mainItem: { name: mainName, code: mainCode }, name, aliases: [] };
  const materialsRaw = matCell.raw;
  if (/^1[.．]/.test(matCell.text) || /《|证件|证明/.test(matCell.text) && !/无需现场提供纸质材料/.test(matCell.text)) item.materials = splitMaterials(materialsRaw);
  else {
    item.materials = [];
    item.materialsText = matCell.text;
  }
  item.levels = levels.split('');
  item.timeLimit = { text: time, rules: parseTimeLimit(time) };
  item.process = { text: proc, steps: processSteps(proc) };
  const notesCell = rest.find((c) => !isBasis(c.text));
  const basisCell = rest.find((c) => isBasis(c.text));
  if (notesCell) item.notes = splitNotes(notesCell.raw);
  if (basisCell) item.legalBasis = parseBasis(basisCell.raw);
  collectConditions(item);
  items.push(item);
}

const legendStart = lines.findIndex((l) => l.includes('说明：'));
const sourceNotes = lines.slice(legendStart + 1).map((l) => norm(l)).filter(Boolean).map((l) => l.replace(/^\d+\./, '').replace(/[；。]$/, ''));

export function extractHenan() {
  return {
    id: 'henan-2024',
    title: '河南省医疗保障经办政务服务事项清单（2024年版）',
    region: '河南省',
    year: 2024,
    documentTitle: norm(lines[0]),
    kind: 'provincialList',
    seedFile: FILE,
    levelLegend: { A: '省', B: '地市', C: '县（市、区）', D: '乡镇（街道）', E: '村（社区）' },
    notes: sourceNotes,
    items,
  };
}
