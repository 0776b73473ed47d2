import { buildSearchIndex, searchCatalog, type SearchIndex } from '../../../shared/catalog/search';
import { compareItem } from '../../../shared/catalog/compare';
import type { CatalogItem, CatalogSource } from '../../../shared/catalog/types';
import type {
  CatalogComparison,
  CatalogItemDetail,
  CatalogListItem,
  CatalogSearchHit,
  CatalogSourceSummary,
  CatalogStatus,
} from '../../../shared/contract/catalog';
import { AppError } from '../errors';
import type { Logger } from '../logging/logger';
import { loadCatalogDir, type CatalogLoadFailure } from './load';
import { catalogMessages } from '../../../shared/messages/zh-CN';

export const DEFAULT_SOURCE_ID = 'national-2020';

export interface CatalogService {
  status(): CatalogStatus;
  listSources(): CatalogSourceSummary[];
  /** Items of one source (default: the active one) in document order, with the 主项 to group by. */
  listItems(sourceId?: string): { sourceId: string; items: CatalogListItem[] };
  /** Ranked search over all sources, or one. */
  search(query: string, opts?: { sourceId?: string; limit?: number }): CatalogSearchHit[];
  /** One item by key, code, name as printed or alias; NOT_FOUND when the source has none. */
  getItem(ref: string, sourceId?: string): CatalogItemDetail;
  /** One item (by key, code, name or alias in any source) across every source. */
  compare(ref: string, baseSourceId?: string): CatalogComparison;
  /** The source in force: settings.catalog.sourceId when it loaded, else the national list. */
  activeSourceId(): string;
  /** For settings validation: a Chinese reason when `id` is not a loaded source, else undefined. */
  checkSourceId(id: string): string | undefined;
}

export interface CatalogServiceOptions {
  dir: string;
  logger: Logger;
  /** Reads settings.catalog.sourceId each time, so a settings change applies at once. */
  configuredSourceId: () => string;
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Loads every source once, refusing broken files one by one, and builds the search index once. */
export function createCatalogService(options: CatalogServiceOptions): CatalogService {
  const { dir, logger } = options;
  let sources: CatalogSource[] = [];
  let failed: CatalogLoadFailure[] = [];
  try {
    ({ sources, failed } = loadCatalogDir(dir));
  } catch (error) {
    failed = [{ file: dir, error: `catalog folder unreadable: ${(error as Error).message}` }];
  }
  for (const f of failed) logger.error({ file: f.file, reason: f.error }, 'catalog source refused');
  const index: SearchIndex = buildSearchIndex(sources);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const national = sources.find((s) => s.kind === 'nationalList');
  logger.info({ dir, sources: sources.map((s) => `${s.id}:${s.items.length}`), failed: failed.length }, 'catalog loaded');

  const knownIds = () => sources.map((s) => s.id).join('、');
  const activeSourceId = () => {
    const configured = options.configuredSourceId();
    if (byId.has(configured)) return configured;
    return byId.has(DEFAULT_SOURCE_ID) ? DEFAULT_SOURCE_ID : (sources[0]?.id ?? DEFAULT_SOURCE_ID);
  };
  // `active` is passed in by callers summarising several sources: activeSourceId() reads settings.
  const summary = (s: CatalogSource, active = activeSourceId()): CatalogSourceSummary => ({
    id: s.id,
    title: s.title,
    region: s.region,
    year: s.year,
    kind: s.kind,
    ...(s.documentTitle ? { documentTitle: s.documentTitle } : {}),
    itemCount: s.items.length,
    active: s.id === active,
  });
  const sourceOrThrow = (id: string | undefined): CatalogSource => {
    const s = byId.get(id ?? activeSourceId());
    if (!s) throw new AppError('NOT_FOUND', `catalog source "${id}" is not loaded (loaded: ${knownIds()})`, catalogMessages.sourceNotLoaded(String(id), knownIds()));
    return s;
  };
  const groupOf = (it: CatalogItem): { group: string; groupInferred: boolean } => {
    if (it.mainItem) return { group: it.mainItem.name, groupInferred: false };
    const fromNational = national?.items.find((n) => n.key === it.key)?.mainItem?.name;
    return fromNational ? { group: fromNational, groupInferred: true } : { group: '其他事项', groupInferred: true };
  };
  const findIn = (s: CatalogSource, ref: string): CatalogItem | undefined => {
    const q = squash(ref);
    return (
      s.items.find((i) => i.key === ref.trim() || i.code === ref.trim()) ??
      s.items.find((i) => squash(i.name) === q || (i.heading !== undefined && squash(i.heading) === q)) ??
      s.items.find((i) => i.aliases.some((a) => squash(a) === q))
    );
  };
  const notFound = (ref: string, where: string): AppError =>
    new AppError('NOT_FOUND', `no catalog item "${ref}" in ${where}`, catalogMessages.itemNotFound(ref, where === 'any source' ? null : where));

  return {
    status: () => {
      const active = activeSourceId();
      return { dir, activeSourceId: active, sources: sources.map((s) => summary(s, active)), failed };
    },
    listSources: () => {
      const active = activeSourceId();
      return sources.map((s) => summary(s, active));
    },
    listItems(sourceId) {
      const s = sourceOrThrow(sourceId);
      return {
        sourceId: s.id,
        items: s.items.map((it) => ({
          key: it.key,
          seq: it.seq,
          ...(it.code ? { code: it.code } : {}),
          name: it.name,
          ...(it.mainItem ? { mainItem: it.mainItem } : {}),
          ...groupOf(it),
          ...(it.handlingType ? { handlingType: it.handlingType } : {}),
          timeLimitText: it.timeLimit.text,
        })),
      };
    },
    search(query, opts = {}) {
      if (opts.sourceId) sourceOrThrow(opts.sourceId);
      return searchCatalog(index, query, opts).map((h) => {
        const item = byId.get(h.sourceId)?.items.find((i) => i.seq === h.seq);
        return { ...h, code: h.code, group: item ? groupOf(item).group : '' };
      });
    },
    getItem(ref, sourceId) {
      const active = activeSourceId();
      const s = sourceOrThrow(sourceId ?? active);
      const item = findIn(s, ref);
      if (!item) throw notFound(ref, s.title);
      const named = [...(item.sampleForms ?? []), ...(item.outputSamples ?? [])].flatMap((f) => /表(\d+)/.exec(f)?.[1] ?? []);
      const forms = (s.forms ?? []).filter((f) => named.includes(String(f.number)));
      return { source: { ...summary(s, active), ...(s.levelLegend ? { levelLegend: s.levelLegend } : {}) }, item, forms };
    },
    compare(ref, baseSourceId) {
      const preferred = byId.get(baseSourceId ?? activeSourceId());
      const ordered = preferred ? [preferred, ...sources.filter((s) => s !== preferred)] : sources;
      const key = ordered.map((s) => findIn(s, ref)?.key).find((k) => k !== undefined);
      if (!key) throw notFound(ref, 'any source');
      const comparison = compareItem(sources, key, preferred?.id);
      const base = preferred && comparison.presence[preferred.id] ? preferred.id : (comparison.presentIn[0] ?? '');
      return { sources: sources.map((s) => ({ id: s.id, title: s.title, region: s.region, year: s.year })), baseSourceId: base, comparison };
    },
    activeSourceId,
    checkSourceId: (id) => (byId.has(id) ? undefined : `未知的事项目录来源“${id}”，可选：${knownIds() || '（无可用目录）'}`),
  };
}
