// zod 4 schema of a catalog source file (resources/catalog/<id>.json). Pure: no Node/DOM APIs.
import { z } from 'zod';

/** Catalog texts run to a few hundred characters; the bound keeps a request's copy of one (calendar.dueDate) sane. */
const text = z.string().min(1).max(10_000);

export const timeRuleSchema = z.strictObject({
  kind: z.enum(['instant', 'workdays', 'calendarDays', 'months']),
  amount: z.number().int().positive().optional(),
  upTo: z.boolean().optional(),
  condition: text.max(200).optional(),
});

export const timeLimitSchema = z.strictObject({
  text,
  rules: z.array(timeRuleSchema).min(1),
  rows: z.array(z.strictObject({ category: text, dateType: text, text })).optional(),
});

export const conditionRefSchema = z.strictObject({ conditionId: text, optionIds: z.array(text).min(1), label: text });

export const materialSchema = z.strictObject({
  seq: text,
  name: text,
  condition: conditionRefSchema.optional(),
  notes: z.array(text).optional(),
  dataSharing: z.boolean().nullable().optional(),
  retainPaper: z.boolean().nullable().optional(),
  archiveElectronic: z.boolean().nullable().optional(),
  promiseAllowed: z.boolean().optional(),
});

export const itemConditionSchema = z.strictObject({
  id: text,
  question: text,
  options: z.array(z.strictObject({ id: text, label: text })).min(2),
});

export const legalBasisSchema = z.strictObject({ title: text, docNo: text.optional(), articles: text.optional() });

export const catalogItemSchema = z
  .strictObject({
    key: z.string().regex(/^(\d{12}|[a-z][a-z0-9-]+)$/),
    seq: z.number().int().positive(),
    line: z.number().int().positive(),
    code: z.string().regex(/^002036\d{6}$/).optional(),
    mainItem: z.strictObject({ name: text, code: z.string().regex(/^002036\d{3}(00Y|000)$/).optional() }).optional(),
    name: text,
    heading: text.optional(),
    aliases: z.array(text),
    itemType: text.optional(),
    description: text.optional(),
    serviceObjects: z.array(text).optional(),
    handlingMode: text.optional(),
    conditionsText: z.array(text).optional(),
    levels: z.array(text).optional(),
    levelsNote: text.optional(),
    departments: z.strictObject({ lead: text, joint: text.optional() }).optional(),
    channels: z.array(text).optional(),
    handlingType: z.enum(['承诺件', '即办件', '承诺件/即办件']).optional(),
    timeLimit: timeLimitSchema,
    process: z.strictObject({ text: text.optional(), steps: z.array(text), detail: text.optional() }),
    conditions: z.array(itemConditionSchema).optional(),
    materials: z.array(materialSchema),
    materialsText: text.optional(),
    materialsNotes: z.array(text).optional(),
    intakeFields: z.array(text).optional(),
    sampleForms: z.array(text).optional(),
    outputSamples: z.array(text).optional(),
    messageTemplates: z.strictObject({ success: text, failure: text }).optional(),
    riskLevel: z.enum(['低风险', '较低风险', '较高风险', '高风险']).optional(),
    riskPoints: z.array(z.strictObject({ point: text, description: text })).optional(),
    legalBasis: z.array(legalBasisSchema).optional(),
    notes: z.array(text).optional(),
    progressQuery: text.optional(),
    evaluationChannel: text.optional(),
    contactFields: z.array(text).optional(),
    fee: text.optional(),
    yesColumn: text.optional(),
  })
  .superRefine((item, ctx) => {
    const ids = new Set((item.conditions ?? []).map((c) => c.id));
    item.materials.forEach((m, i) => {
      if (!m.condition) return;
      const c = item.conditions?.find((x) => x.id === m.condition?.conditionId);
      if (!c) ctx.addIssue({ code: 'custom', path: ['materials', i, 'condition', 'conditionId'], message: `unknown condition "${m.condition.conditionId}"` });
      else for (const o of m.condition.optionIds) if (!c.options.some((x) => x.id === o)) ctx.addIssue({ code: 'custom', path: ['materials', i, 'condition', 'optionIds'], message: `unknown option "${o}"` });
    });
    void ids;
    if (item.materials.length === 0 && !item.materialsText) ctx.addIssue({ code: 'custom', path: ['materials'], message: 'no materials and no materialsText' });
  });

export const formSchema = z.strictObject({
  id: z.string().regex(/^表\d+$/),
  number: z.number().int().positive(),
  title: text,
  line: z.number().int().positive(),
  fields: z.array(text).min(1),
  notes: z.array(text).optional(),
});

export const catalogSourceSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+-\d{4}$/),
  title: text,
  region: text,
  year: z.number().int().min(2000).max(2100),
  documentTitle: text.optional(),
  kind: z.enum(['nationalList', 'provincialList', 'provincialGuide']),
  seedFile: text.optional(),
  levelLegend: z.record(z.string(), text).optional(),
  notes: z.array(text).optional(),
  forms: z.array(formSchema).optional(),
  items: z.array(catalogItemSchema).min(1),
});

export const correctionSchema = z.strictObject({
  source: text,
  item: z.union([z.number().int().positive(), text]),
  itemName: text.optional(),
  field: text,
  from: text,
  to: text,
  line: z.number().int().positive(),
  reason: text.optional(),
});
export const correctionsSchema = z.array(correctionSchema);

/**
 * Validate a parsed JSON source file. Throws an Error naming the file, the item (index + name)
 * and the field path of the first problem.
 */
export function parseCatalogSource(json: unknown, fileName: string): z.infer<typeof catalogSourceSchema> {
  const r = catalogSourceSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (!issue) throw new Error(`${fileName}: invalid catalog source`);
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (path[0] === 'items' && typeof path[1] === 'number') {
    const idx = path[1];
    const raw = (json as { items?: Array<{ name?: unknown }> }).items?.[idx];
    const name = typeof raw?.name === 'string' ? raw.name : '?';
    const field = path.slice(2).map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
    throw new Error(`${fileName}: item ${idx + 1} (${name}): field ${field || '(item)'}: ${issue.message}`);
  }
  const field = path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
  throw new Error(`${fileName}: field ${field || '(root)'}: ${issue.message}`);
}
