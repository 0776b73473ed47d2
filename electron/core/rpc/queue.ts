import { p } from './base';

/** 取号 / 叫号: the clerk's counter defaults to this workstation's counter number. */
export const queue = {
  snapshot: p.queue.snapshot.handler(({ context }) => context.services.queue.snapshot()),
  watch: p.queue.watch.handler(async function* ({ context, signal }) {
    yield* context.services.queue.watch(signal);
  }),
  take: p.queue.take.handler(({ context, input }) => context.services.queue.take(context.actor, input.categoryId, input.priorityKind, context.session?.kind === 'device' ? 'kiosk' : 'counter', input.holder)),
  callNext: p.queue.callNext.handler(({ context, input }) => context.services.queue.callNext(context.actor, input.counter ?? context.services.settings.get().counter.number)),
  call: p.queue.call.handler(({ context, input }) => context.services.queue.call(context.actor, input.ticketId, input.counter ?? context.services.settings.get().counter.number)),
  recall: p.queue.recall.handler(({ context, input }) => context.services.queue.recall(context.actor, input.ticketId)),
  start: p.queue.start.handler(({ context, input }) => context.services.queue.start(context.actor, input.ticketId)),
  noShow: p.queue.noShow.handler(({ context, input }) => context.services.queue.noShow(context.actor, input.ticketId)),
  transfer: p.queue.transfer.handler(({ context, input }) => context.services.queue.transfer(context.actor, input.ticketId, { category: input.toCategory, counter: input.toCounter })),
  finish: p.queue.finish.handler(({ context, input }) => context.services.queue.finish(context.actor, input.ticketId)),
  holder: p.queue.holder.handler(({ context, input }) => context.services.queue.holder(context.actor, input.ticketId, context.services.settings.get().counter.number)),
  pause: p.queue.pause.handler(async ({ context, input }) => {
    await context.services.queue.pause(context.actor, input.counter ?? context.services.settings.get().counter.number, input.reason);
    return { ok: true as const };
  }),
  resume: p.queue.resume.handler(async ({ context, input }) => {
    await context.services.queue.resume(context.actor, input.counter ?? context.services.settings.get().counter.number);
    return { ok: true as const };
  }),
  openCounter: p.queue.openCounter.handler(async ({ context, input }) => {
    await context.services.queue.setOpen(context.actor, input.counter, true);
    return { ok: true as const };
  }),
  closeCounter: p.queue.closeCounter.handler(async ({ context, input }) => {
    await context.services.queue.setOpen(context.actor, input.counter, false);
    return { ok: true as const };
  }),
  move: p.queue.move.handler(({ context, input }) => context.services.queue.manage(context.actor, input.ticketId, { category: input.toCategory })),
  prioritise: p.queue.prioritise.handler(({ context, input }) => context.services.queue.manage(context.actor, input.ticketId, { priorityKind: input.priorityKind })),
  cancel: p.queue.cancel.handler(({ context, input }) => context.services.queue.manage(context.actor, input.ticketId, { cancelReason: input.reason })),
  saveCategory: p.queue.saveCategory.handler(({ context, input }) => context.services.queue.saveCategory(context.actor, input)),
  saveCounter: p.queue.saveCounter.handler(({ context, input }) => context.services.queue.saveCounter(context.actor, input)),
  periods: p.queue.periods.handler(({ context, input }) => context.services.queue.periods(input.ticketId)),
};
