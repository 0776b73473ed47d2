import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { z } from 'zod';
import {
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings/schema';
import { setHallTimeZone } from '../../../shared/system/hall-time';

export class SettingsValidationError extends Error {
  readonly code = 'SETTINGS_INVALID';
  constructor(
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
  }
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Problems found in the file at load time (already repaired with defaults), for the log. */
  readonly loadWarnings: readonly string[];
}

export interface SettingsStoreOptions {
  /** Checks that need other services (e.g. a known catalog source): path → Chinese reason. */
  check?: (next: Settings) => Record<string, string>;
}

/**
 * Settings in `settings.json` in the data folder through `conf` (the engine under
 * electron-store: same file format, atomic writes). Core owns the file in every runtime; the
 * Electron main process keeps only its window state in electron-store.
 */
export function openSettingsStore(file: string, options: SettingsStoreOptions = {}): SettingsStore {
  const warnings: string[] = [];
  const raw = readRawSettings(file, warnings);
  const current = repairSettings(raw, warnings);
  const conf = new Conf<Settings>({
    cwd: path.dirname(file),
    configName: path.basename(file, '.json'),
    projectName: 'medins-counter',
    clearInvalidConfig: false,
    // Holds the upstream key secret: owner-only, like the data folder (paths.ts).
    configFileMode: 0o600,
  });
  conf.store = current;
  setHallTimeZone(current.hall.timeZone);

  // Reading and validating the file on every get() cost milliseconds on hot paths (call-next,
  // intake). The parsed value is kept while the file is unchanged; an edit by hand (a new mtime
  // or size) is read at the next get(). Each caller gets its own copy, parsed from the cached
  // JSON: settings are plain JSON, and JSON.parse copies them 3–4× faster than structuredClone
  // (≈ 10 µs against 25–40 µs; an intake reads settings several times).
  let cache: { stamp: string; json: string } | undefined;
  const keep = (stampNow: string, value: Settings) => (cache = { stamp: stampNow, json: JSON.stringify(value) });
  const stamp = () => {
    try {
      const st = fs.statSync(conf.path);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return 'missing';
    }
  };
  const read = (): Settings => {
    const now = stamp();
    const kept = cache && cache.stamp === now ? cache : keep(now, settingsSchema.parse(conf.store));
    return JSON.parse(kept.json) as Settings;
  };

  return {
    loadWarnings: warnings,
    get: read,
    update(patch) {
      const parsedPatch = settingsPatchSchema.safeParse(patch);
      if (!parsedPatch.success) throw validationError(parsedPatch.error);
      const before = settingsSchema.parse(conf.store);
      const merged: Record<string, unknown> = { ...before };
      // zod fills defaults into the parsed patch; only the keys the caller sent may change.
      const sent = patch as Record<string, Record<string, unknown> | undefined>;
      for (const [section, values] of Object.entries(parsedPatch.data)) {
        if (!values || !sent[section]) continue;
        const given = Object.fromEntries(Object.entries(values).filter(([key]) => key in sent[section]!));
        merged[section] = { ...(before as Record<string, object>)[section], ...given };
      }
      const next = settingsSchema.safeParse(merged);
      if (!next.success) throw validationError(next.error);
      const fields = options.check?.(next.data) ?? {};
      if (Object.keys(fields).length) throw new SettingsValidationError(`invalid settings: ${Object.keys(fields).join(', ')}`, fields);
      conf.store = next.data;
      keep(stamp(), next.data);
      setHallTimeZone(next.data.hall.timeZone);
      return structuredClone(next.data);
    },
  };
}

function readRawSettings(file: string, warnings: string[]): unknown {
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    // Keep the unreadable file for IT staff instead of silently overwriting what was there.
    const kept = `${file}.unreadable-${Date.now()}`;
    fs.copyFileSync(file, kept);
    fs.rmSync(file);
    warnings.push(`settings file is not valid JSON (${(error as Error).message}); kept a copy at ${kept}, using defaults`);
    return {};
  }
}

/** A section that fails validation falls back to its defaults; the others are kept. */
function repairSettings(raw: unknown, warnings: string[]): Settings {
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const repaired: Record<string, unknown> = {};
  for (const [section, schema] of Object.entries(settingsSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(input[section]);
    if (parsed.success) repaired[section] = input[section];
    else warnings.push(`settings section "${section}" is invalid (${z.prettifyError(parsed.error).replace(/\n/g, ' ')}); using defaults`);
  }
  return settingsSchema.parse(repaired);
}

function validationError(error: z.ZodError): SettingsValidationError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.')] = issue.message;
  return new SettingsValidationError(`invalid settings: ${Object.keys(fields).join(', ')}`, fields);
}
