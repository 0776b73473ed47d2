import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped catalog lives. Explicit first (the `catalogDir` core option, then
 * MEDINS_CATALOG_DIR), else the first `resources/catalog` found walking up from this module:
 * electron/core/catalog/ under tsx, dist/<host>/ once bundled. A packaged Electron app that
 * keeps resources elsewhere passes the folder in through the option.
 * When nothing is found, ./resources/catalog is returned and reported as unreadable by the service.
 */
export function resolveCatalogDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (explicit) return path.resolve(explicit);
  const override = env.MEDINS_CATALOG_DIR?.trim();
  if (override) return path.resolve(override);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'catalog');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  // Not found: the service reports the unreadable folder in its status instead of stopping core.
  return path.resolve('resources', 'catalog');
}
