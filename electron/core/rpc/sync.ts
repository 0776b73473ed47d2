import { p } from './base';

/** 上传同步: status, items and manual resend (electron/core/sync/worker.ts). */
export const sync = {
  status: p.sync.status.handler(({ context }) => context.services.sync.status()),
  watch: p.sync.watch.handler(async function* ({ context, signal }) {
    yield* context.services.sync.watch(signal);
  }),
  list: p.sync.list.handler(({ context, input }) => context.services.sync.list(input)),
  attempts: p.sync.attempts.handler(({ context, input }) => context.services.sync.attempts(input.id)),
  resend: p.sync.resend.handler(({ context, input }) => context.services.sync.resend(context.actor, input.id)),
  runNow: p.sync.runNow.handler(({ context }) => context.services.sync.runOnce()),
};
