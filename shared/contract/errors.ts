import { z } from 'zod';
import { errorMessages, type AppErrorCode } from '../messages/zh-CN';

/**
 * Data carried by every typed error that crosses the contract: a stable code, the Chinese
 * message for the user, and an English detail for the log.
 */
export const appErrorDataSchema = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  /** ACCOUNT_LOCKED: when the lock ends (ISO), for the countdown on the login screen. */
  lockedUntil: z.string().optional(),
  /** TOO_MANY_REQUESTS: seconds until the next attempt is considered. */
  retryAfterSeconds: z.int().optional(),
});
export type AppErrorData = z.infer<typeof appErrorDataSchema>;

/** HTTP-style statuses oRPC uses on the wire; the code is what callers branch on. */
export const errorStatus: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SETTINGS_INVALID: 400,
  DB_TOO_NEW: 500,
  DB_UNAVAILABLE: 503,
  INTERNAL: 500,
  SETUP_REQUIRED: 403,
  LOGIN_FAILED: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  SESSION_LOCKED: 423,
  SESSION_EXPIRED: 401,
  PASSWORD_WEAK: 400,
  TRAINING_ONLY: 409,
  CALENDAR_NOT_PUBLISHED: 409,
  CALENDAR_DATA_INVALID: 400,
  DEVICE_ERROR: 503,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
};

export function userMessage(code: string): string {
  return (errorMessages as Record<string, string>)[code] ?? errorMessages.INTERNAL;
}
