// Shared helpers for the catalog extraction scripts (scripts/catalog/extract-*.mjs).
// The scripts produce a first draft of resources/catalog/<id>.json; the committed JSON is
// the product and was checked by hand against the seed text.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const outDir = path.resolve(repoRoot, 'resources/catalog');
/** The source documents, kept in the repository with their provenance (sources/README.md). */
export const seedsDir = path.join(outDir, 'sources');

export function readSeed(file) {
  return fs.readFileSync(path.join(seedsDir, file), 'utf8').split('\n');
}

// CJK ideographs, CJK punctuation, full-width forms, curly quotes, dashes, circled numbers.
const WIDE = '\\u2014\\u2018\\u2019\\u201c\\u201d\\u2026\\u2460-\\u24ff\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const reSpaceWide = new RegExp(`(?<=[${WIDE}])\\s+|\\s+(?=[${WIDE}])`, 'g');

/** Join extracted lines and drop layout whitespace (see resources/catalog/README.md §Normalisation). */
export function norm(s) {
  return s
    .split('\n')
    .filter((l) => !/^\s*[—－-]\s*\d{1,3}\s*[—－-]\s*$/.test(l))
    .join('\n')
    .replace(/\[bookmark:[^\]]*\]/g, '')
    .replace(/\[image:[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(reSpaceWide, '')
    .trim();
}

/** Remove all whitespace (used for whitespace-insensitive comparison). */
export const squash = (s) => s.replace(/\[bookmark:[^\]]*\]/g, '').replace(/\[image:[^\]]*\]/g, '').replace(/\s+/g, '');

const CN = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
export function cnNum(s) {
  if (s.length === 1) return CN[s];
  if (s.startsWith('十')) return 10 + (s.length > 1 ? CN[s[1]] : 0);
  if (s.length === 2 && s[1] === '十') return CN[s[0]] * 10;
  return CN[s[0]] * 10 + CN[s[2]];
}

/** Parse a time-limit text into rules. */
export function parseTimeLimit(text, extraCondition) {
  const rules = [];
  const parts = [];
  let depth = 0;
  let buf = '';
  for (const ch of text) {
    if (ch === '(' || ch === '（') depth++;
    if (ch === ')' || ch === '）') depth--;
    if (depth === 0 && '；;、，,'.includes(ch)) {
      parts.push(buf.trim());
      buf = '';
    } else buf += ch;
  }
  parts.push(buf.trim());
  for (let part of parts.filter(Boolean)) {
    let condition;
    const paren = part.match(/[（(]([^）)]+)[）)]$/);
    if (paren) {
      condition = paren[1];
      part = part.slice(0, paren.index);
    }
    const pre = part.match(/^(在职职工(?:参保登记)?|灵活就业人员(?:参保登记)?|特殊情况|一般变更|需要考察确认的)/);
    if (pre) {
      const label = pre[1].replace('参保登记', '').replace('需要考察确认的', '需要考察确认');
      condition = condition ? `${label}·${condition}` : label;
      part = part.slice(pre[1].length);
    }
    if (extraCondition) condition = condition ? `${extraCondition}·${condition}` : extraCondition;
    const rule = {};
    let m;
    if (/即时(办结|办理)/.test(part)) rule.kind = 'instant';
    else if ((m = part.match(/(不超过)?(\d+)个工作日/))) Object.assign(rule, { kind: 'workdays', amount: Number(m[2]), ...(m[1] ? { upTo: true } : {}) });
    else if ((m = part.match(/(不超过)?(\d+)个自然日/))) Object.assign(rule, { kind: 'calendarDays', amount: Number(m[2]), ...(m[1] ? { upTo: true } : {}) });
    else if ((m = part.match(/(不超过)?(\d+)个月/))) Object.assign(rule, { kind: 'months', amount: Number(m[2]), ...(m[1] ? { upTo: true } : {}) });
    else throw new Error(`cannot parse time limit part "${part}" of "${text}"`);
    if (condition) rule.condition = condition;
    rules.push(rule);
  }
  return rules;
}

/** Split an 环节 string like 申请—受理—审核—办结 into steps. */
export function processSteps(text) {
  return text.split(/[—–-]+/).map((s) => s.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------
// Conditions: reusable questions for conditional materials.
export const CONDITIONS = {
  personType: { id: 'personType', question: '参保人员类别？', options: [{ id: 'employed', label: '在职职工' }, { id: 'flexible', label: '灵活就业人员' }] },
  specialGroup: {
    id: 'specialGroup',
    question: '是否属于特殊人群？',
    options: [
      { id: 'hkmt', label: '港澳台人员' },
      { id: 'foreigner', label: '外国人' },
      { id: 'emigrant', label: '出国(境)定居' },
      { id: 'retire', label: '在职转退休' },
      { id: 'none', label: '均不属于' },
    ],
  },
  withdrawReason: {
    id: 'withdrawReason',
    question: '个人账户一次性支取原因？',
    options: [
      { id: 'death', label: '死亡' },
      { id: 'emigrate', label: '出国(境)定居' },
      { id: 'giveUp', label: '主动放弃' },
      { id: 'crossSystem', label: '跨制度转移或不具备转移接续条件' },
      { id: 'pensionRefund', label: '一次性领取养老金人员清退' },
      { id: 'other', label: '其他' },
    ],
  },
  proof: { id: 'proof', question: '提交证明材料还是个人承诺书？', options: [{ id: 'proof', label: '提交证明材料' }, { id: 'promise', label: '提交个人承诺书' }] },
  accident: { id: 'accident', question: '是否因意外伤害就医？', options: [{ id: 'yes', label: '意外伤害' }, { id: 'no', label: '否' }] },
  emergency: { id: 'emergency', question: '是否急诊（抢救）？', options: [{ id: 'yes', label: '急诊' }, { id: 'no', label: '否' }] },
  recognized: { id: 'recognized', question: '救助对象是否已经认定？', options: [{ id: 'yes', label: '已认定' }, { id: 'no', label: '符合救助条件但未经认定' }] },
  keyInfo: { id: 'keyInfo', question: '变更的是否为关键信息？', options: [{ id: 'key', label: '关键信息' }, { id: 'nonKey', label: '非关键信息' }] },
  applicant: { id: 'applicant', question: '由谁申请？', options: [{ id: 'unit', label: '单位申请' }, { id: 'person', label: '个人申请' }] },
  jointRegistration: { id: 'jointRegistration', question: '办理方式？', options: [{ id: 'window', label: '窗口（网上）办理' }, { id: 'joint', label: '联办建立登记' }] },
  agent: { id: 'agent', question: '是否委托他人办理？', options: [{ id: 'yes', label: '委托办理' }, { id: 'no', label: '本人办理' }] },
  institution: { id: 'institution', question: '申请机构类型？', options: [{ id: 'hospital', label: '医疗机构' }, { id: 'pharmacy', label: '零售药店' }] },
};

export function cond(conditionId, ...optionIds) {
  const c = CONDITIONS[conditionId];
  if (!c) throw new Error(`unknown condition ${conditionId}`);
  const labels = optionIds.map((o) => {
    const opt = c.options.find((x) => x.id === o);
    if (!opt) throw new Error(`unknown option ${conditionId}.${o}`);
    return opt.label;
  });
  return { conditionId, optionIds, label: labels.join('或') };
}

/** Attach item.conditions from the materials' conditions. */
export function collectConditions(item) {
  const ids = [];
  for (const m of item.materials) if (m.condition && !ids.includes(m.condition.conditionId)) ids.push(m.condition.conditionId);
  if (ids.length) item.conditions = ids.map((id) => structuredClone(CONDITIONS[id]));
  return item;
}

/** Heuristic conditions for a material name; every result is checked by hand. */
export function guessCondition(name) {
  if (/^在职职工[：:]/.test(name)) return cond('personType', 'employed');
  if (/^灵活就业人员[：:]|^灵活就业人员提供/.test(name)) return cond('personType', 'flexible');
  if (/^港澳台/.test(name)) return cond('specialGroup', 'hkmt');
  if (/^外国人/.test(name)) return cond('specialGroup', 'foreigner');
  if (/^出国/.test(name)) return cond('specialGroup', 'emigrant');
  if (/^在职转退休/.test(name)) return cond('specialGroup', 'retire');
  if (/^因死亡|死亡的/.test(name)) return cond('withdrawReason', 'death');
  if (/^主动放弃/.test(name)) return cond('withdrawReason', 'giveUp');
  if (/意外伤害/.test(name)) return cond('accident', 'yes');
  if (/^急诊|^因急诊/.test(name)) return cond('emergency', 'yes');
  if (/未经认定|未认定/.test(name)) return cond('recognized', 'no');
  if (/^变更.*关键信息/.test(name)) return cond('keyInfo', 'key');
  if (/委托/.test(name)) return cond('agent', 'yes');
  return undefined;
}

/** Split a RAW (not yet normalised) numbered list "1.xxx\n2.yyy" / "（一）xxx"; pieces are normalised. */
export function splitNumbered(raw, style = 'dot') {
  const re =
    style === 'dot'
      ? /(?:(?<=^|\n)\s*(\d{1,2})(?:[.．、]+|(?=《))|(?<=[。；;）)》]\s*|\s)(\d{1,2})[.．、]+)(?!\d)/g
      : /(?<=^|\n|[。；;]\s*)\s*[（(]([一二三四五六七八九十]+)[）)]/g;
  const idx = [];
  let m;
  while ((m = re.exec(raw))) idx.push({ at: m.index, len: m[0].length, n: m[1] ?? m[2] });
  if (!idx.length) return [{ n: null, text: norm(raw) }];
  const out = [];
  const head = norm(raw.slice(0, idx[0].at));
  if (head) out.push({ n: null, text: head });
  idx.forEach((x, i) => {
    const end = i + 1 < idx.length ? idx[i + 1].at : raw.length;
    out.push({ n: x.n, text: norm(raw.slice(x.at + x.len, end)) });
  });
  return out;
}

/** Strip a trailing list separator. */
export const stripSep = (s) => s.replace(/[；;，,]\s*$/, '').trim();

export function writeSource(id, obj) {
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${id}.json`), JSON.stringify(obj, null, 2) + '\n');
}

export function lineOf(lines, needle, from = 0) {
  for (let i = from; i < lines.length; i++) if (lines[i].includes(needle)) return i + 1;
  return undefined;
}

/** Apply the corrections of resources/catalog/corrections.json that concern `source`. */
export function applyCorrections(source, corrections) {
  for (const c of corrections.filter((x) => x.source === source.id)) {
    const target = typeof c.item === 'number' ? source.items.find((i) => i.seq === c.item) : source.forms?.find((f) => f.id === c.item);
    if (!target) throw new Error(`correction: no item ${c.item} in ${source.id}`);
    const pathParts = c.field.match(/[^.[\]]+/g);
    let obj = target;
    for (const p of pathParts.slice(0, -1)) obj = obj[p];
    const last = pathParts.at(-1);
    if (typeof obj[last] === 'string' && !obj[last].includes(c.from) && obj[last].includes(c.to)) continue; // hand-transcribed, already fixed
    if (typeof obj[last] !== 'string' || !obj[last].includes(c.from)) throw new Error(`correction: "${c.from}" not in ${source.id} ${c.item} ${c.field}: ${obj[last]}`);
    obj[last] = obj[last].replace(c.from, c.to);
  }
}

const stripEnd = (s) => s.replace(/[；;。，,\s]+$/, '').trim();

/** Numbered material list → materials; ①② sub-items of 在职职工/灵活就业人员 become separate conditional materials. */
export function splitMaterials(text, style = 'dot') {
  const out = [];
  for (const { n, text: t } of splitNumbered(text, style)) {
    const body = stripEnd(t);
    const pm = body.match(/^(在职职工|灵活就业人员)[：:](.*)$/);
    if (pm && /①/.test(pm[2])) {
      const subs = pm[2].split(/(?=[①②③④⑤])/).map((x) => stripEnd(x)).filter(Boolean);
      for (const sub of subs) {
        out.push({ seq: `${n ?? ''}${sub[0]}`, name: sub.slice(1).trim(), condition: cond('personType', pm[1] === '在职职工' ? 'employed' : 'flexible') });
      }
      continue;
    }
    const m = { seq: n ?? '1', name: body };
    const c = guessCondition(body);
    if (c) m.condition = c;
    if (/个人承诺书/.test(body)) m.promiseAllowed = true;
    out.push(m);
  }
  return out;
}

/** One 设定依据 entry → {title, docNo?, articles?}. */
export function parseBasisEntry(raw) {
  const t = stripEnd(raw.replace(/^[（(][一二三四五六七八九十]+[）)]/, '').replace(/^\d+[.．、]?(?=[《\u4e00-\u9fff])/, ''));
  const parens = [...t.matchAll(/[（(]([^（）()]*(?:令|号)[^（）()]*)[）)]/g)];
  const p = parens.at(-1);
  if (p) {
    const title = t.slice(0, p.index).trim();
    const articles = t.slice(p.index + p[0].length).trim();
    return { title, docNo: p[1].trim(), ...(articles ? { articles } : {}) };
  }
  const k = t.lastIndexOf('》');
  if (k >= 0 && k < t.length - 1) return { title: t.slice(0, k + 1), articles: t.slice(k + 1).trim() };
  return { title: t };
}

export function parseBasis(text, style = 'dot') {
  return splitNumbered(text, style).map((x) => parseBasisEntry(x.text)).filter((b) => b.title);
}

/** Numbered notes → array of strings (trailing separators dropped). */
export function splitNotes(text) {
  if (!text) return undefined;
  const parts = splitNumbered(text).map((x) => stripEnd(x.text)).filter(Boolean);
  return parts.length ? parts : undefined;
}
