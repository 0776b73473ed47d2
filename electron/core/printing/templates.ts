import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTemplateSchema, type PrintTemplate } from '../../../shared/print/template';
import type { PrintKind } from '../../../shared/print/model';
import { AppError } from '../errors';
import { printingMessages } from '../../../shared/messages/zh-CN';

/**
 * The receipt templates (resources/templates/<kind>.json). Found like the catalog: explicit
 * folder, then MEDINS_TEMPLATES_DIR, then the first resources/templates walking up from here
 * (electron/core/printing under tsx, dist/<host> once bundled).
 */
export function resolveTemplatesDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (explicit) return path.resolve(explicit);
  const override = env.MEDINS_TEMPLATES_DIR?.trim();
  if (override) return path.resolve(override);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'templates');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve('resources', 'templates');
}

export type TemplateSource = (kind: PrintKind) => PrintTemplate;

/** Reads each template once; a missing or malformed file is a clear error, not a garbled receipt. */
export function templateLoader(dir: string): TemplateSource {
  const cache = new Map<PrintKind, PrintTemplate>();
  return (kind) => {
    const hit = cache.get(kind);
    if (hit) return hit;
    const file = path.join(dir, `${kind}.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new AppError('INTERNAL', `receipt template ${file} unreadable: ${(e as Error).message}`, printingMessages.templateUnreadable(kind));
    }
    const parsed = printTemplateSchema.safeParse(raw);
    if (!parsed.success || parsed.data.kind !== kind) {
      throw new AppError('INTERNAL', `receipt template ${file} invalid: ${parsed.success ? `kind is ${parsed.data.kind}` : parsed.error.message}`, printingMessages.templateInvalid(kind));
    }
    cache.set(kind, parsed.data);
    return parsed.data;
  };
}
