import { p } from './base';

/** 预约办理: the 引导台's plans and telephone bookings, and check-in at the kiosk. */
export const appointments = {
  plans: p.appointments.plans.handler(({ context }) => context.services.appointments.plans()),
  savePlan: p.appointments.savePlan.handler(({ context, input }) => context.services.appointments.savePlan(context.actor, input)),
  slots: p.appointments.slots.handler(({ context, input }) => context.services.appointments.slots(input.day, input.categoryId)),
  closeDay: p.appointments.closeDay.handler(async ({ context, input }) => {
    await context.services.appointments.closeDay(context.actor, input);
    return { ok: true as const };
  }),
  reopenDay: p.appointments.reopenDay.handler(async ({ context, input }) => {
    await context.services.appointments.reopenDay(context.actor, input);
    return { ok: true as const };
  }),
  book: p.appointments.book.handler(({ context, input }) => context.services.appointments.book(context.actor, input)),
  cancel: p.appointments.cancel.handler(({ context, input }) => context.services.appointments.cancel(context.actor, input.id, input.reason)),
  list: p.appointments.list.handler(({ context, input }) => context.services.appointments.list(input.day)),
  forTicket: p.appointments.forTicket.handler(({ context, input }) => context.services.appointments.forTicket(input.ticketId)),
  checkIn: p.appointments.checkIn.handler(({ context, input }) => context.services.appointments.checkIn(context.actor, input)),
  exchangeStatus: p.appointments.exchangeStatus.handler(({ context }) => context.services.appointments.exchangeStatus()),
  resendResult: p.appointments.resendResult.handler(async ({ context, input }) => {
    await context.services.appointments.resendResult(context.actor, input.id);
    return { ok: true as const };
  }),
};
