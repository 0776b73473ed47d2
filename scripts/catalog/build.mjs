// Assemble resources/catalog/*.json from the draft extractors + hand overrides + corrections.
// Usage: node scripts/catalog/build.mjs   (reads resources/catalog/sources/)
import fs from 'node:fs';
import path from 'node:path';
import { outDir, writeSource, applyCorrections, cond, collectConditions } from './lib.mjs';
import { fillAliases } from './keys.mjs';
import { extractNational } from './extract-national.mjs';
import { extractHubei } from './extract-hubei.mjs';
import { extractSichuan } from './extract-sichuan.mjs';
import { extractHenan } from './extract-henan.mjs';
import { extractJiangsu } from './extract-jiangsu.mjs';
import { hubeiForms } from './hubei-forms.mjs';

const corrections = JSON.parse(fs.readFileSync(path.join(outDir, 'corrections.json'), 'utf8'));
const sources = [extractNational(), extractHubei(), extractSichuan(), extractHenan(), extractJiangsu()];
const byId = Object.fromEntries(sources.map((s) => [s.id, s]));
const item = (id, seq) => byId[id].items.find((i) => i.seq === seq);

// ---- hand overrides (checked against the text) ----
byId['hubei-2022'].forms = hubeiForms();
byId['hubei-2022'].notes = [
  '受理层级、服务受理及反馈渠道、受理材料的 □/口 勾选状态在文本中无法恢复（原文注：口标识表示各地可根据实际情况有选择的设置），因此 levels 未给出，dataSharing/retainPaper/archiveElectronic 为 null（未知）',
];
// 河南 个人账户返还申请表 applies to 跨制度转移 / 不具备转移接续条件 (备注 3)
{
  const it = item('henan-2024', 9);
  it.materials[2].condition = cond('withdrawReason', 'crossSystem');
  delete it.conditions;
  collectConditions(it);
}
// 四川 item 30 process: OCR "5办结" (corrected below) is a 5th step
{
  const it = item('sichuan-2020', 30);
  if (!it.process.steps.includes('办结')) it.process.steps.push('办结');
}
fillAliases(sources);
for (const s of sources) applyCorrections(s, corrections);
for (const s of sources) writeSource(s.id, s);
console.log(sources.map((s) => `${s.id}: ${s.items.length}`).join('\n'));
