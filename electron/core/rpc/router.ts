import { os, p } from './base';
import { cases } from './cases';
import { queue } from './queue';
import { appointments } from './appointments';
import { audit, auth, board, devices, setup, users } from './auth';
import { catalog } from './catalog';
import { readers } from './readers';
import { calendar } from './calendar';
import { sync } from './sync';
import { kiosk } from './kiosk';
import { evaluation, stats } from './stats';
import { printing } from './printing';
import { attachments, scanning } from './scanning';

export type { RpcContext } from './base';

/**
 * The implementation of shared/contract. Each feature keeps its handlers in a file of its own
 * in this folder (e.g. catalog.ts) and is mounted here.
 */
const system = {
  status: p.system.status.handler(({ context }) => context.services.system.status()),
  clock: p.system.clock.handler(async function* ({ context, input, signal }) {
    yield* context.services.system.clock(input.intervalMs, signal);
  }),
  ping: p.system.ping.handler(({ input }) => ({ echo: input.echo, at: new Date().toISOString() })),
};

const settings = {
  get: p.settings.get.handler(({ context }) => context.services.publicSettings()),
  update: p.settings.update.handler(async ({ context, input }) => {
    context.services.settings.update(input);
    await context.services.audit.record(context.actor, 'settings.update', null, input);
    return context.services.publicSettings();
  }),
};

export const router = os.router({ system, settings, catalog, calendar, setup, auth, users, devices, audit, board, readers, cases, queue, appointments, stats, evaluation, sync, kiosk, printing, scanning, attachments });

export type CoreRouter = typeof router;
