import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped holidays.json lives. Explicit first (the `calendarFile` core option, then
 * MEDINS_CALENDAR_FILE), else resources/calendar/holidays.json found walking up from this
 * module (electron/core/calendar/ under tsx, dist/<host>/ once bundled) — as catalog/location.ts
 * finds resources/catalog. When nothing is found, ./resources/calendar/holidays.json is
 * returned and reported as unreadable by the service (only imported years are then loaded).
 */
export function resolveBundledCalendarFile(explicit?: string, env: NodeJS.ProcessEnv = process.env, from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  if (explicit) return path.resolve(explicit);
  const override = env.MEDINS_CALENDAR_FILE?.trim();
  if (override) return path.resolve(override);
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'calendar', 'holidays.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve('resources', 'calendar', 'holidays.json');
}

/** The overlay written by `calendar import` / the admin screen, in the data folder. */
export function calendarOverlayFile(dataDir: string): string {
  return path.join(dataDir, 'calendar-overlay.json');
}
