import { z } from 'zod';
import { settingsSchema } from '../settings/schema';

export const publicSettingsSchema = settingsSchema.omit({ webHost: true, upstream: true }).extend({
  webHost: z.object({ host: z.string(), port: z.number(), accessTokenSet: z.boolean() }),
  upstream: settingsSchema.shape.upstream.unwrap().omit({ keySecret: true }).extend({ keySecretSet: z.boolean() }),
});

export const systemStatusSchema = z.object({
  appName: z.string(),
  appVersion: z.string(),
  /** Where core runs: inside Electron's utility process, or the web host / CLI under plain Node. */
  runtime: z.enum(['electron', 'web-host', 'cli', 'test']),
  nodeVersion: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  db: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    file: z.string(),
    schemaVersion: z.int(),
    latestSchemaVersion: z.int(),
    journalMode: z.string(),
  }),
  settings: publicSettingsSchema,
  startedAt: z.iso.datetime({ offset: true }),
  installId: z.string(),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

export const clockTickSchema = z.object({
  /** ISO 8601 with the hall's UTC offset, e.g. 2026-11-22T09:30:00.000+08:00 */
  now: z.iso.datetime({ offset: true }),
  /** The hall's zone (setting hall.timeZone): screens show hall time, not the browser's. */
  timeZone: z.string(),
  seq: z.int().nonnegative(),
  /** Whether core reaches its database: the hall's PostgreSQL can go away; SQLite is always 'ok'. */
  database: z.enum(['ok', 'unavailable']),
});
export type ClockTick = z.infer<typeof clockTickSchema>;

export const clockInputSchema = z
  .object({ intervalMs: z.int().min(100).max(60_000).default(1000) })
  .prefault({});
