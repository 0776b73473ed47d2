import { oc } from '@orpc/contract';
import { appErrorDataSchema } from './errors';

/**
 * The builder every procedure starts from: it declares the typed errors any procedure may
 * throw, all with the same data shape (code, Chinese message, English detail, field reasons).
 */
export const base = oc.errors({
  BAD_REQUEST: { status: 400, data: appErrorDataSchema },
  UNAUTHORIZED: { status: 401, data: appErrorDataSchema },
  FORBIDDEN: { status: 403, data: appErrorDataSchema },
  NOT_FOUND: { status: 404, data: appErrorDataSchema },
  CONFLICT: { status: 409, data: appErrorDataSchema },
  SETTINGS_INVALID: { status: 400, data: appErrorDataSchema },
  DB_UNAVAILABLE: { status: 503, data: appErrorDataSchema },
  INTERNAL: { status: 500, data: appErrorDataSchema },
});
