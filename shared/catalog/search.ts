// Pure, precomputed search over the items of all sources: Chinese name, alias, code, full pinyin
// and pinyin initials (cbdj → 参保登记). Build once with buildSearchIndex, then call search per keystroke.
import { pinyin } from 'pinyin-pro';
import type { CatalogItem, CatalogSource } from './types';

export interface SearchEntry {
  sourceId: string;
  key: string;
  seq: number;
  name: string;
  code: string | undefined;
  /** lower-case searchable forms */
  names: string[];
  pinyinFull: string[];
  pinyinInitials: string[];
}

export interface SearchHit {
  sourceId: string;
  key: string;
  seq: number;
  name: string;
  code: string | undefined;
  score: number;
}

export interface SearchIndex {
  entries: SearchEntry[];
}

const cleanName = (s: string) => s.replace(/[\s《》“”"（）()、，,。：:·\-—]/g, '').toLowerCase();

function toPinyin(s: string): { full: string; initials: string } {
  const c = cleanName(s);
  const syl = pinyin(c, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[];
  return { full: syl.join('').toLowerCase(), initials: syl.map((x) => x.charAt(0)).join('').toLowerCase() };
}

export function buildSearchIndex(sources: readonly CatalogSource[]): SearchIndex {
  const entries: SearchEntry[] = [];
  for (const s of sources) {
    for (const it of s.items as CatalogItem[]) {
      const names = [it.name, ...it.aliases];
      const py = names.map(toPinyin);
      entries.push({
        sourceId: s.id,
        key: it.key,
        seq: it.seq,
        name: it.name,
        code: it.code,
        names: names.map(cleanName),
        pinyinFull: py.map((p) => p.full),
        pinyinInitials: py.map((p) => p.initials),
      });
    }
  }
  return { entries };
}

function scoreEntry(e: SearchEntry, q: string): number {
  let best = 0;
  const own = e.names[0] ?? '';
  if (e.code && e.code === q) best = Math.max(best, 1000);
  if (e.code && q.length >= 3 && e.code.startsWith(q)) best = Math.max(best, 600 - (e.code.length - q.length));
  if (own === q) best = Math.max(best, 950);
  if (e.pinyinInitials[0] === q) best = Math.max(best, 900);
  if (e.pinyinFull[0] === q) best = Math.max(best, 900);
  e.names.forEach((n, i) => {
    const aliasPenalty = i === 0 ? 0 : 100;
    if (n === q) best = Math.max(best, 850 - aliasPenalty);
    else if (n.startsWith(q)) best = Math.max(best, 700 - aliasPenalty - (n.length - q.length));
    else if (n.includes(q)) best = Math.max(best, 500 - aliasPenalty - (n.length - q.length));
  });
  e.pinyinInitials.forEach((p, i) => {
    const aliasPenalty = i === 0 ? 0 : 100;
    if (p === q) best = Math.max(best, 800 - aliasPenalty);
    else if (p.startsWith(q)) best = Math.max(best, 650 - aliasPenalty - (p.length - q.length));
    else if (q.length >= 2 && p.includes(q)) best = Math.max(best, 450 - aliasPenalty - (p.length - q.length));
  });
  e.pinyinFull.forEach((p, i) => {
    const aliasPenalty = i === 0 ? 0 : 100;
    if (p.startsWith(q)) best = Math.max(best, 640 - aliasPenalty - (p.length - q.length) / 4);
    else if (q.length >= 3 && p.includes(q)) best = Math.max(best, 440 - aliasPenalty - (p.length - q.length) / 4);
  });
  return best;
}

export interface SearchOptions {
  limit?: number;
  sourceId?: string;
}

/** Ranked search; exact name, exact code and exact pinyin initials rank first. */
export function searchCatalog(index: SearchIndex, query: string, opts: SearchOptions = {}): SearchHit[] {
  const q = cleanName(query.trim());
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const e of index.entries) {
    if (opts.sourceId && e.sourceId !== opts.sourceId) continue;
    const score = scoreEntry(e, q);
    if (score > 0) hits.push({ sourceId: e.sourceId, key: e.key, seq: e.seq, name: e.name, code: e.code, score });
  }
  hits.sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.sourceId.localeCompare(b.sourceId) || a.seq - b.seq);
  return opts.limit ? hits.slice(0, opts.limit) : hits;
}
