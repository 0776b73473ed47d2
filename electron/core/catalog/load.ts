import fs from 'node:fs';
import path from 'node:path';
import { parseCatalogSource } from '../../../shared/catalog/schema';
import type { CatalogSource } from '../../../shared/catalog/types';

export interface CatalogLoadFailure {
  file: string;
  /** English, names the file, the item (number and name) and the field. */
  error: string;
}

export interface CatalogLoadResult {
  sources: CatalogSource[];
  failed: CatalogLoadFailure[];
}

/** Files in the catalog folder that are not sources. */
const NOT_SOURCES = new Set(['corrections.json']);

/**
 * Reads and validates every `<id>.json` source in the folder. A broken file is refused on its
 * own (bad JSON, schema error, id not matching the file name, duplicate id); the others load.
 * National list first, then by id, so listings are stable whatever the folder order.
 */
export function loadCatalogDir(dir: string): CatalogLoadResult {
  const sources: CatalogSource[] = [];
  const failed: CatalogLoadFailure[] = [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !NOT_SOURCES.has(f))
    .sort();
  for (const file of files) {
    try {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new Error(`${file}: not valid JSON: ${(error as Error).message}`, { cause: error });
      }
      const source = parseCatalogSource(json, file);
      if (`${source.id}.json` !== file) throw new Error(`${file}: field id: "${source.id}" does not match the file name`);
      if (sources.some((s) => s.id === source.id)) throw new Error(`${file}: field id: duplicate source id "${source.id}"`);
      sources.push(source);
    } catch (error) {
      failed.push({ file, error: (error as Error).message });
    }
  }
  sources.sort((a, b) => Number(b.kind === 'nationalList') - Number(a.kind === 'nationalList') || a.id.localeCompare(b.id));
  return { sources, failed };
}
