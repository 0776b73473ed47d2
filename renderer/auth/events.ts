import { ORPCError } from '@orpc/client';

/**
 * Calls anywhere in the app can learn that the session is locked or gone (core refuses with
 * SESSION_LOCKED / UNAUTHORIZED / SESSION_EXPIRED); the auth gate listens and shows the lock
 * or login screen, so no feature has to handle it.
 */
type AuthEvent = 'locked' | 'signedOut';
const listeners = new Set<(e: AuthEvent) => void>();

export function onAuthEvent(listener: (e: AuthEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportCallError(error: unknown): void {
  if (!(error instanceof ORPCError)) return;
  const event: AuthEvent | null = error.code === 'SESSION_LOCKED' ? 'locked' : error.code === 'UNAUTHORIZED' || error.code === 'SESSION_EXPIRED' ? 'signedOut' : null;
  if (event) listeners.forEach((l) => l(event));
}
