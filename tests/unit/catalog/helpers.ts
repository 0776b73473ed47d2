import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCatalogSource, correctionsSchema } from '../../../shared/catalog/schema';
import type { CatalogSource, Correction } from '../../../shared/catalog/types';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const catalogDir = path.join(repoRoot, 'resources/catalog');
/** The source documents the catalog was extracted from (resources/catalog/sources/README.md). */
export const seedsDir = path.join(catalogDir, 'sources');
export const SOURCE_IDS = ['national-2020', 'hubei-2022', 'sichuan-2020', 'henan-2024', 'jiangsu-2022'] as const;
export const SEED_FILES: Record<string, string> = {
  'national-2020': '000_287672fef65fd8fc.txt',
  'hubei-2022': '001_b69f9100ec458a7c.txt',
  'sichuan-2020': '002_3a36e1d376e74001.txt',
  'henan-2024': '003_80902c80db40ac4f.txt',
  'jiangsu-2022': '004_775b2fb82dd3fafc.txt',
};

export function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(catalogDir, file), 'utf8'));
}
export function loadSources(): CatalogSource[] {
  return SOURCE_IDS.map((id) => parseCatalogSource(readJson(`${id}.json`), `${id}.json`));
}
export function loadCorrections(): Correction[] {
  return correctionsSchema.parse(readJson('corrections.json'));
}
/** whitespace-insensitive text (bookmark/image artefacts removed) */
export const squash = (s: string) => s.replace(/\[bookmark:[^\]]*\]/g, '').replace(/\[image:[^\]]*\]/g, '').replace(/\s+/g, '');
const seedCache = new Map<string, string[]>();
export function seedLines(sourceId: string): string[] {
  let l = seedCache.get(sourceId);
  if (!l) {
    l = fs.readFileSync(path.join(seedsDir, SEED_FILES[sourceId] ?? ''), 'utf8').split('\n');
    if (sourceId === 'sichuan-2020') l = l.slice(0, l.findIndex((x) => x.includes('抄送：')));
    seedCache.set(sourceId, l);
  }
  return l;
}
/** squashed seed text between two 1-based lines (page-number lines dropped) */
export function seedRange(sourceId: string, from = 1, to?: number): string {
  const l = seedLines(sourceId);
  return squash(l.slice(from - 1, to === undefined ? l.length : to - 1).filter((x) => !/^\s*[—－-]\s*\d{1,3}\s*[—－-]\s*$/.test(x)).join('\n'));
}
/** undo the recorded corrections so a catalog string can be found in the raw seed */
export function asPrinted(s: string, corrections: Correction[], sourceId: string, item: number | string): string[] {
  let variants = [s];
  for (const c of corrections) {
    if (c.source !== sourceId || c.item !== item || !s.includes(c.to)) continue;
    const next: string[] = [];
    for (const v of variants) {
      for (let at = v.indexOf(c.to); at >= 0; at = v.indexOf(c.to, at + 1)) next.push(v.slice(0, at) + c.from + v.slice(at + c.to.length));
    }
    variants = next;
  }
  return variants;
}
