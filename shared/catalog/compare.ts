// Pure cross-source comparison of one item (by key).
import type { CatalogItem, CatalogSource, TimeRule } from './types';

export interface ItemVersion {
  sourceId: string;
  present: boolean;
  item?: CatalogItem;
}

export interface ItemComparison {
  key: string;
  names: Record<string, string>;
  presence: Record<string, boolean>;
  presentIn: string[];
  absentFrom: string[];
  timeLimit: { bySource: Record<string, { text: string; rules: TimeRule[] }>; same: boolean };
  handlingType: { bySource: Record<string, string | undefined>; same: boolean };
  process: { bySource: Record<string, { text?: string; steps: string[] }>; sameSteps: boolean };
  materials: {
    bySource: Record<string, string[]>;
    /** relative to the base source: names only in the other source / only in the base */
    diffs: Array<{ sourceId: string; added: string[]; removed: string[]; countBase: number; count: number }>;
  };
  codes: Record<string, string | undefined>;
}

// Full-width and ASCII punctuation (（）vs ()) differ between the documents without changing the material.
const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const ruleKey = (r: TimeRule) => `${r.kind}:${r.amount ?? ''}:${r.condition ?? ''}`;

export function findItem(source: CatalogSource, key: string): CatalogItem | undefined {
  return source.items.find((i) => i.key === key);
}

/** Compare one item across sources. `baseSourceId` (default: first source holding the item) is the reference for material diffs. */
export function compareItem(sources: readonly CatalogSource[], key: string, baseSourceId?: string): ItemComparison {
  const names: Record<string, string> = {};
  const presence: Record<string, boolean> = {};
  const tl: ItemComparison['timeLimit']['bySource'] = {};
  const ht: Record<string, string | undefined> = {};
  const pr: ItemComparison['process']['bySource'] = {};
  const mats: Record<string, string[]> = {};
  const codes: Record<string, string | undefined> = {};
  for (const s of sources) {
    const it = findItem(s, key);
    presence[s.id] = !!it;
    if (!it) continue;
    names[s.id] = it.name;
    tl[s.id] = { text: it.timeLimit.text, rules: it.timeLimit.rules };
    ht[s.id] = it.handlingType;
    pr[s.id] = { ...(it.process.text ? { text: it.process.text } : {}), steps: it.process.steps };
    mats[s.id] = it.materials.map((m) => m.name);
    codes[s.id] = it.code;
  }
  const presentIn = Object.keys(presence).filter((k) => presence[k]);
  const absentFrom = Object.keys(presence).filter((k) => !presence[k]);
  const base = baseSourceId && presence[baseSourceId] ? baseSourceId : presentIn[0];
  const ruleSets = presentIn.map((id) => (tl[id]?.rules ?? []).map(ruleKey).sort().join('|'));
  const stepSets = presentIn.map((id) => (pr[id]?.steps ?? []).join('—'));
  const htVals = presentIn.map((id) => ht[id]).filter((v) => v !== undefined);
  const diffs: ItemComparison['materials']['diffs'] = [];
  if (base) {
    const baseNames = mats[base] ?? [];
    const baseSet = new Set(baseNames.map(squash));
    for (const id of presentIn) {
      if (id === base) continue;
      const other = mats[id] ?? [];
      const otherSet = new Set(other.map(squash));
      diffs.push({
        sourceId: id,
        added: other.filter((n) => !baseSet.has(squash(n))),
        removed: baseNames.filter((n) => !otherSet.has(squash(n))),
        countBase: baseNames.length,
        count: other.length,
      });
    }
  }
  return {
    key,
    names,
    presence,
    presentIn,
    absentFrom,
    timeLimit: { bySource: tl, same: new Set(ruleSets).size <= 1 },
    handlingType: { bySource: ht, same: new Set(htVals).size <= 1 },
    process: { bySource: pr, sameSteps: new Set(stepSets).size <= 1 },
    materials: { bySource: mats, diffs },
    codes,
  };
}
