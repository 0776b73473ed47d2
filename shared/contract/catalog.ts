import { z } from 'zod';
import { publicProc, userProc } from './base';

const anyUser = userProc();
import { catalogItemSchema, formSchema, timeRuleSchema } from '../catalog/schema';

/** Procedures of the service-item catalog (事项目录): five official documents, one source each. */

const sourceId = z.string().max(40).regex(/^[a-z]+-\d{4}$/, '事项目录来源编号格式应为“地区-年份”，如 national-2020');
/** An item by key, 12-digit code, name as printed or an alias. */
const itemRef = z.string().trim().min(1, '请输入事项名称、编码或别名').max(100);

export const catalogSourceSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  region: z.string(),
  year: z.int(),
  kind: z.enum(['nationalList', 'provincialList', 'provincialGuide']),
  documentTitle: z.string().optional(),
  itemCount: z.int(),
  /** the hall's active source (settings.catalog.sourceId) */
  active: z.boolean(),
});
export type CatalogSourceSummary = z.infer<typeof catalogSourceSummarySchema>;

export const catalogStatusSchema = z.object({
  dir: z.string(),
  activeSourceId: z.string(),
  sources: z.array(catalogSourceSummarySchema),
  /** files refused at load, each with the reason naming file, item and field */
  failed: z.array(z.object({ file: z.string(), error: z.string() })),
});
export type CatalogStatus = z.infer<typeof catalogStatusSchema>;

export const catalogListItemSchema = z.object({
  key: z.string(),
  seq: z.int(),
  code: z.string().optional(),
  name: z.string(),
  mainItem: z.object({ name: z.string(), code: z.string().optional() }).optional(),
  /** the 主项 the list groups under; when the source prints none, the national list's 主项 for the same key */
  group: z.string(),
  groupInferred: z.boolean(),
  handlingType: z.string().optional(),
  timeLimitText: z.string(),
});
export type CatalogListItem = z.infer<typeof catalogListItemSchema>;

export const catalogItemListSchema = z.object({ sourceId: z.string(), items: z.array(catalogListItemSchema) });

export const catalogSearchInputSchema = z.object({
  query: z.string().max(100),
  sourceId: sourceId.optional(),
  limit: z.int().min(1).max(500).default(20),
});
export const catalogSearchHitSchema = z.object({
  sourceId: z.string(),
  key: z.string(),
  seq: z.int(),
  name: z.string(),
  code: z.string().optional(),
  score: z.number(),
  group: z.string(),
});
export type CatalogSearchHit = z.infer<typeof catalogSearchHitSchema>;

export const catalogItemInputSchema = z.object({ ref: itemRef, sourceId: sourceId.optional() });
export const catalogItemDetailSchema = z.object({
  source: catalogSourceSummarySchema.extend({ levelLegend: z.record(z.string(), z.string()).optional() }),
  item: catalogItemSchema,
  /** the source's forms (表N) this item names as 样表 / 出件样本, with their field lists */
  forms: z.array(formSchema),
});
export type CatalogItemDetail = z.infer<typeof catalogItemDetailSchema>;

const bySource = <T extends z.ZodType>(t: T) => z.record(z.string(), t);
export const itemComparisonSchema = z.object({
  key: z.string(),
  names: bySource(z.string()),
  presence: bySource(z.boolean()),
  presentIn: z.array(z.string()),
  absentFrom: z.array(z.string()),
  timeLimit: z.object({ bySource: bySource(z.object({ text: z.string(), rules: z.array(timeRuleSchema) })), same: z.boolean() }),
  handlingType: z.object({ bySource: bySource(z.string().optional()), same: z.boolean() }),
  process: z.object({ bySource: bySource(z.object({ text: z.string().optional(), steps: z.array(z.string()) })), sameSteps: z.boolean() }),
  materials: z.object({
    bySource: bySource(z.array(z.string())),
    diffs: z.array(z.object({ sourceId: z.string(), added: z.array(z.string()), removed: z.array(z.string()), countBase: z.int(), count: z.int() })),
  }),
  codes: bySource(z.string().optional()),
});
export const catalogCompareInputSchema = z.object({ ref: itemRef, baseSourceId: sourceId.optional() });
export const catalogComparisonSchema = z.object({
  /** every loaded source, in listing order */
  sources: z.array(z.object({ id: z.string(), title: z.string(), region: z.string(), year: z.int() })),
  /** the reference for material differences: the requested one if it holds the item, else the first that does */
  baseSourceId: z.string(),
  comparison: itemComparisonSchema,
});
export type CatalogComparison = z.infer<typeof catalogComparisonSchema>;

export const catalogContract = {
  status: anyUser.output(catalogStatusSchema),
  // Public: the first-run screen lists the region profiles before anyone can sign in.
  sources: publicProc.output(z.array(catalogSourceSummarySchema)),
  items: anyUser.input(z.object({ sourceId: sourceId.optional() }).prefault({})).output(catalogItemListSchema),
  search: anyUser.input(catalogSearchInputSchema).output(z.array(catalogSearchHitSchema)),
  item: anyUser.input(catalogItemInputSchema).output(catalogItemDetailSchema),
  compare: anyUser.input(catalogCompareInputSchema).output(catalogComparisonSchema),
};
