import { z } from 'zod';
import { PRINT_KINDS } from './model';

/**
 * A receipt template (resources/templates/<kind>.json): per paper width, the lines around the
 * document's blocks and how each kind of block is set. `{name}` in a text takes the printable's
 * value of that name; a line whose placeholders are all empty is left out.
 */
const element = z.union([
  z.object({
    text: z.string().max(200),
    align: z.enum(['left', 'center', 'right']).default('left'),
    size: z.union([z.literal(1), z.literal(2)]).default(1),
    bold: z.boolean().default(false),
  }),
  z.object({ rule: z.enum(['-', '=']) }),
  z.object({ feed: z.int().min(1).max(10) }),
  z.object({ blocks: z.literal(true) }),
]);
export type TemplateElement = z.infer<typeof element>;

export const widthTemplateSchema = z.object({
  elements: z.array(element).min(1),
  /** Label column of a fields block (labels padded to it, values hang under it); 0: value follows the label. */
  labelColumns: z.int().min(0).max(24).default(0),
  /** Hanging indent of continued lines when labelColumns is 0. */
  hang: z.int().min(0).max(8).default(2),
  /** Empty lines between two blocks. */
  blockGap: z.int().min(0).max(2).default(0),
  qrModuleSize: z.int().min(2).max(10).default(5),
  /** Columns of the signature line. */
  signatureColumns: z.int().min(4).max(30).default(12),
  feedBeforeCut: z.int().min(0).max(10).default(3),
  cut: z.boolean().default(true),
});
export type WidthTemplate = z.infer<typeof widthTemplateSchema>;

export const printTemplateSchema = z.object({
  kind: z.enum(PRINT_KINDS),
  widths: z.object({ '58': widthTemplateSchema, '80': widthTemplateSchema }),
});
export type PrintTemplate = z.infer<typeof printTemplateSchema>;
