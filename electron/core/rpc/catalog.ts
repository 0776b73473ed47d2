import { p } from './base';

/** 事项目录: thin handlers over the catalog service (electron/core/catalog). */
export const catalog = {
  status: p.catalog.status.handler(({ context }) => context.services.catalog.status()),
  sources: p.catalog.sources.handler(({ context }) => context.services.catalog.listSources()),
  items: p.catalog.items.handler(({ context, input }) => context.services.catalog.listItems(input.sourceId)),
  search: p.catalog.search.handler(({ context, input }) => context.services.catalog.search(input.query, { sourceId: input.sourceId, limit: input.limit })),
  item: p.catalog.item.handler(({ context, input }) => context.services.catalog.getItem(input.ref, input.sourceId)),
  compare: p.catalog.compare.handler(({ context, input }) => context.services.catalog.compare(input.ref, input.baseSourceId)),
};
