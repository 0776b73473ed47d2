import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import { appErrorDataSchema } from './errors';
import { clockInputSchema, clockTickSchema, publicSettingsSchema, systemStatusSchema } from './system';
import { settingsPatchSchema } from '../settings/schema';

/**
 * The one definition of every procedure and event between the renderer (or any web client)
 * and core. Core implements it once (electron/core/rpc); two transports carry it.
 * Every error a procedure may throw is declared here with the same data shape.
 */
const base = oc.errors({
  BAD_REQUEST: { status: 400, data: appErrorDataSchema },
  UNAUTHORIZED: { status: 401, data: appErrorDataSchema },
  FORBIDDEN: { status: 403, data: appErrorDataSchema },
  NOT_FOUND: { status: 404, data: appErrorDataSchema },
  CONFLICT: { status: 409, data: appErrorDataSchema },
  SETTINGS_INVALID: { status: 400, data: appErrorDataSchema },
  DB_UNAVAILABLE: { status: 503, data: appErrorDataSchema },
  INTERNAL: { status: 500, data: appErrorDataSchema },
});

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
};

export type Contract = typeof contract;
export * from './system';
export * from './errors';
