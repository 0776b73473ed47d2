import { oc } from '@orpc/contract';
import { appErrorDataSchema, errorStatus } from './errors';
import type { Role } from '../auth/roles';

/**
 * Who may call a procedure. Core checks it on every call, over every transport
 * (electron/core/rpc/access.ts); every procedure must declare one (a test enforces it).
 * - public:  anyone, also before first-run setup (login, setup status, the clock)
 * - setup:   only until first-run setup is done
 * - session: any signed-in user, also while the screen is locked (unlock, logout)
 * - user:    a signed-in, unlocked user holding one of `roles` (any role when omitted);
 *            `devices` also admits board / kiosk / evaluator (好差评 tablet) device tokens
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'setup' }
  | { kind: 'session' }
  | { kind: 'user'; roles?: readonly Role[]; devices?: readonly DeviceScope[] };

export type DeviceScope = 'board' | 'kiosk' | 'evaluator';
export interface ProcedureMeta {
  access?: Access;
}

const err = (code: keyof typeof errorStatus) => ({ status: errorStatus[code], data: appErrorDataSchema });

/**
 * The builder every procedure starts from: it declares the typed errors any procedure may
 * throw, all with the same data shape (code, Chinese message, English detail, field reasons).
 */
const builder = oc.$meta<ProcedureMeta>({}).errors({
  BAD_REQUEST: err('BAD_REQUEST'),
  UNAUTHORIZED: err('UNAUTHORIZED'),
  FORBIDDEN: err('FORBIDDEN'),
  NOT_FOUND: err('NOT_FOUND'),
  CONFLICT: err('CONFLICT'),
  SETTINGS_INVALID: err('SETTINGS_INVALID'),
  DB_UNAVAILABLE: err('DB_UNAVAILABLE'),
  INTERNAL: err('INTERNAL'),
  SETUP_REQUIRED: err('SETUP_REQUIRED'),
  LOGIN_FAILED: err('LOGIN_FAILED'),
  ACCOUNT_LOCKED: err('ACCOUNT_LOCKED'),
  ACCOUNT_DISABLED: err('ACCOUNT_DISABLED'),
  SESSION_LOCKED: err('SESSION_LOCKED'),
  SESSION_EXPIRED: err('SESSION_EXPIRED'),
  PASSWORD_WEAK: err('PASSWORD_WEAK'),
  TRAINING_ONLY: err('TRAINING_ONLY'),
  CALENDAR_NOT_PUBLISHED: err('CALENDAR_NOT_PUBLISHED'),
  CALENDAR_DATA_INVALID: err('CALENDAR_DATA_INVALID'),
  DEVICE_ERROR: err('DEVICE_ERROR'),
  PASSWORD_CHANGE_REQUIRED: err('PASSWORD_CHANGE_REQUIRED'),
  TOO_MANY_REQUESTS: err('TOO_MANY_REQUESTS'),
  PAYLOAD_TOO_LARGE: err('PAYLOAD_TOO_LARGE'),
});

/** Starting points with the access rule filled in. */
export const publicProc = builder.meta({ access: { kind: 'public' } });
export const setupProc = builder.meta({ access: { kind: 'setup' } });
export const sessionProc = builder.meta({ access: { kind: 'session' } });
export const userProc = (roles?: readonly Role[], devices?: readonly DeviceScope[]) =>
  builder.meta({ access: { kind: 'user', ...(roles ? { roles } : {}), ...(devices ? { devices } : {}) } });
