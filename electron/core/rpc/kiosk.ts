import { p } from './base';

/** 取号机 lock: the admin PIN and its check (auth/kiosk-pin.ts). */
export const kiosk = {
  pinStatus: p.kiosk.pinStatus.handler(({ context }) => context.services.kioskPin.status()),
  setPin: p.kiosk.setPin.handler(async ({ context, input }) => {
    await context.services.kioskPin.setPin(context.actor, input.pin);
    return { ok: true as const };
  }),
  verifyPin: p.kiosk.verifyPin.handler(({ context, input }) => context.services.kioskPin.verify(context.actor, input.pin)),
};
