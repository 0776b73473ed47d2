import type { AppErrorCode } from '../../shared/messages/zh-CN';

/**
 * A domain error a service throws on purpose. The RPC layer turns it into the contract's
 * typed error with the same code; `detail` is English for the log, `userText` overrides the
 * catalog's Chinese message when the service knows better (e.g. which material is missing).
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    detail: string,
    readonly userText?: string,
    readonly fields?: Record<string, string>,
    readonly lockedUntil?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}
