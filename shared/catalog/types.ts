import type { z } from 'zod';
import type { catalogSourceSchema, catalogItemSchema, materialSchema, timeRuleSchema, timeLimitSchema, itemConditionSchema, formSchema, correctionSchema, legalBasisSchema } from './schema';

export type CatalogSource = z.infer<typeof catalogSourceSchema>;
export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type CatalogMaterial = z.infer<typeof materialSchema>;
export type TimeRule = z.infer<typeof timeRuleSchema>;
export type TimeLimit = z.infer<typeof timeLimitSchema>;
export type ItemCondition = z.infer<typeof itemConditionSchema>;
export type CatalogForm = z.infer<typeof formSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type LegalBasis = z.infer<typeof legalBasisSchema>;
