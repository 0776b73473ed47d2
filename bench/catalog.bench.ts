import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCatalogService, type CatalogService } from '../electron/core/catalog/service';
import { silentLogger } from '../electron/core/logging/logger';
import type { BenchSuite } from './types';

const catalogDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'catalog');
const files = fs.readdirSync(catalogDir).filter((f) => f.endsWith('.json') && f !== 'corrections.json');
const open = (): CatalogService => createCatalogService({ dir: catalogDir, logger: silentLogger(), configuredSourceId: () => 'national-2020' });

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? 0;
}

/** What a clerk types, one keystroke at a time: pinyin initials, full pinyin, Chinese, codes. */
const queries = ['cbdj', 'zgcbdj', 'ydjy', 'shengyujintie', 'menzhen', '参保登记', '异地就医备案', '门诊慢特病', '生育津贴', '002036001002', '002036004', 'mtb', 'zyfybx', '个人账户一次性支取'];
const keystrokes = queries.flatMap((q) => Array.from(q, (_, i) => q.slice(0, i + 1)));

let service: CatalogService | undefined;
let names: string[] = [];

export const suite: BenchSuite = {
  name: 'catalog',
  cases: [
    {
      name: 'load + validate + index all five sources',
      unit: 'ms',
      runs: 9,
      baseline: {
        name: 'read + JSON.parse the same files (no validation)',
        measure: () => timed(() => files.map((f) => JSON.parse(fs.readFileSync(path.join(catalogDir, f), 'utf8')) as unknown)),
      },
      subject: { name: 'createCatalogService() (zod + pinyin index)', measure: () => timed(open) },
    },
    {
      name: `search per keystroke over all sources, p95 of ${keystrokes.length} keystrokes`,
      unit: 'ms',
      runs: 9,
      target: '< 5 ms p95',
      setup: () => {
        service = open();
        names = service.listSources().flatMap((s) => service!.listItems(s.id).items.map((i) => i.name));
      },
      baseline: {
        name: 'substring scan of the item names (no pinyin, no ranking)',
        measure: () => p95(keystrokes.map((k) => timed(() => names.filter((n) => n.includes(k)).slice(0, 20)))),
      },
      subject: {
        name: 'catalog.search(query, { limit: 20 })',
        measure: () => p95(keystrokes.map((k) => timed(() => service!.search(k, { limit: 20 })))),
      },
    },
  ],
};
