import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { buildSearchIndex, searchCatalog } from '../../../shared/catalog/search';
import { loadSources } from './helpers';

const sources = loadSources();
const index = buildSearchIndex(sources);
const all = sources.flatMap((s) => s.items.map((it) => ({ sourceId: s.id, it })));
const initials = (name: string) =>
  (pinyin(name.replace(/[\s《》“”"（）()、，,。：:·\-—]/g, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[])
    .map((x) => x.charAt(0))
    .join('')
    .toLowerCase();

describe('catalog search', () => {
  it('indexes all 155 items', () => {
    expect(index.entries).toHaveLength(155);
  });

  it('cbdj finds 参保登记 items first', () => {
    const hits = searchCatalog(index, 'cbdj');
    expect(hits[0]?.name).toMatch(/参保登记$/);
    expect(hits.slice(0, 5).every((h) => h.name.includes('参保'))).toBe(true);
  });

  it('every item by exact name comes first (same key)', () => {
    for (const { sourceId, it } of all) {
      const top = searchCatalog(index, it.name, { limit: 1 })[0];
      expect(top?.key, `${sourceId} ${it.name}`).toBe(it.key);
      const inSource = searchCatalog(index, it.name, { sourceId, limit: 1 })[0];
      expect(inSource?.seq, `${sourceId} ${it.name}`).toBe(it.seq);
    }
  });

  it('every coded item by its code comes first', () => {
    for (const { sourceId, it } of all.filter((x) => x.it.code)) {
      const top = searchCatalog(index, it.code ?? '', { limit: 1 })[0];
      expect(top?.key, `${sourceId} ${it.code}`).toBe(it.key);
    }
  });

  it('every item by its pinyin initials comes first (same key)', () => {
    for (const { sourceId, it } of all) {
      const q = initials(it.name);
      const top = searchCatalog(index, q, { limit: 3 });
      // items whose names share the same initials tie; the item must be among the tied top hits
      const best = top[0]?.score ?? 0;
      const tied = searchCatalog(index, q).filter((h) => h.score === best).map((h) => h.key);
      expect(tied, `${sourceId} ${it.name} ${q}`).toContain(it.key);
      expect(searchCatalog(index, q, { sourceId, limit: 1 })[0]?.seq, `${sourceId} ${q}`).toBe(it.seq);
    }
  });

  it('aliases and full pinyin find items', () => {
    expect(searchCatalog(index, '门(急)诊费用报销', { sourceId: 'national-2020', limit: 1 })[0]?.name).toBe('门诊费用报销');
    expect(searchCatalog(index, 'shengyujintie', { limit: 1 })[0]?.name).toBe('生育津贴支付');
    expect(searchCatalog(index, '')).toEqual([]);
  });

  it('is fast: p95 per keystroke under 5 ms over all items', () => {
    const queries: string[] = [];
    for (const { it } of all.slice(0, 60)) {
      const q = initials(it.name);
      for (let k = 1; k <= Math.min(q.length, 6); k++) queries.push(q.slice(0, k));
      for (let k = 1; k <= Math.min(it.name.length, 4); k++) queries.push(it.name.slice(0, k));
    }
    for (const q of queries.slice(0, 50)) searchCatalog(index, q); // warm-up
    const times = queries.map((q) => {
      const t0 = performance.now();
      searchCatalog(index, q, { limit: 20 });
      return performance.now() - t0;
    });
    times.sort((a, b) => a - b);
    const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
    expect(p95).toBeLessThan(5);
  });
});
