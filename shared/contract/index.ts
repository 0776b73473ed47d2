import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { base } from './base';
import { clockInputSchema, clockTickSchema, publicSettingsSchema, systemStatusSchema } from './system';
import { settingsPatchSchema } from '../settings/schema';
import { catalogContract } from './catalog';

/**
 * The one definition of every procedure and event between the renderer (or any web client)
 * and core. Core implements it once (electron/core/rpc); two transports carry it. Each
 * feature keeps its procedures in a file of its own here and is mounted below.
 */
export const contract = {
  system: {
    status: base.output(systemStatusSchema),
    /** A live clock streamed from core: proves subscriptions end to end and drives the header clock. */
    clock: base.input(clockInputSchema).output(eventIterator(clockTickSchema)),
    ping: base.input(z.object({ echo: z.string().max(200) })).output(z.object({ echo: z.string(), at: z.string() })),
  },
  settings: {
    get: base.output(publicSettingsSchema),
    update: base.input(settingsPatchSchema).output(publicSettingsSchema),
  },
  catalog: catalogContract,
};

export type Contract = typeof contract;
export * from './system';
export * from './errors';
export * from './catalog';
