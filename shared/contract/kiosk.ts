import { z } from 'zod';
import { userProc } from './base';

/**
 * The admin PIN that unlocks the locked 取号 kiosk window in Electron (docs/operations.md).
 * The page never unlocks anything itself: a right PIN gives a one-time grant that the main
 * process redeems with core over its own port (electron/main/windows.ts).
 */
export const kioskPinStatusSchema = z.object({ set: z.boolean(), setAt: z.string().nullable(), lockedUntil: z.string().nullable() });

export const kioskContract = {
  pinStatus: userProc(['admin']).output(kioskPinStatusSchema),
  setPin: userProc(['admin'])
    .input(z.object({ pin: z.string().max(12).regex(/^\d{6,12}$/, '解锁密码应为 6–12 位数字') }))
    .output(z.object({ ok: z.literal(true) })),
  /** Kiosk device token (or an admin): a right PIN returns the exit grant; wrong ones lock it for a while. */
  verifyPin: userProc(['admin'], ['kiosk'])
    .input(z.object({ pin: z.string().min(1).max(32) }))
    .output(z.object({ grant: z.string() })),
};
