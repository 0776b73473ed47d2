import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { publicProc, userProc } from './base';
import { casesContract } from './cases';
import { queueContract } from './queue';
import { auditContract, authContract, boardContract, devicesContract, setupContract, usersContract } from './auth';
import { clockInputSchema, clockTickSchema, publicSettingsSchema, systemStatusSchema } from './system';
import { settingsPatchSchema } from '../settings/schema';
import { catalogContract } from './catalog';
import { readersContract } from './readers';
import { calendarContract } from './calendar';
import { syncContract } from './sync';
import { kioskContract } from './kiosk';
import { evaluationContract, statsContract } from './stats';
import { printingContract } from './printing';
import { attachmentsContract, scanningContract } from './scanning';
import { appointmentsContract } from './appointments';

/**
 * The one definition of every procedure and event between the renderer (or any web client)
 * and core. Core implements it once (electron/core/rpc); two transports carry it. Each
 * feature keeps its procedures in a file of its own here and is mounted below.
 */
export const contract = {
  system: {
    status: userProc().output(systemStatusSchema),
    /** A live clock streamed from core: proves subscriptions end to end and drives the header clock. */
    clock: publicProc.input(clockInputSchema).output(eventIterator(clockTickSchema)),
    ping: publicProc.input(z.object({ echo: z.string().max(200) })).output(z.object({ echo: z.string(), at: z.string() })),
  },
  settings: {
    get: userProc().output(publicSettingsSchema),
    update: userProc(['admin']).input(settingsPatchSchema).output(publicSettingsSchema),
  },
  catalog: catalogContract,
  calendar: calendarContract,
  setup: setupContract,
  auth: authContract,
  users: usersContract,
  devices: devicesContract,
  audit: auditContract,
  board: boardContract,
  readers: readersContract,
  cases: casesContract,
  queue: queueContract,
  appointments: appointmentsContract,
  sync: syncContract,
  kiosk: kioskContract,
  stats: statsContract,
  evaluation: evaluationContract,
  printing: printingContract,
  scanning: scanningContract,
  attachments: attachmentsContract,
};

export type Contract = typeof contract;
export * from './system';
export * from './errors';
export * from './catalog';
export * from './calendar';
export * from './auth';
export * from './readers';
export * from './cases';
export * from './queue';
export * from './sync';
export * from './kiosk';
export * from './stats';
export * from './printing';
export * from './scanning';
