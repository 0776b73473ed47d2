import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../shared/contract/auth';
import type { Role } from '../../shared/auth/roles';

export interface SessionApi {
  session: SessionInfo;
  hasRole(...roles: Role[]): boolean;
  lock(): void;
  logout(): void;
  /** Sign out and show the login screen for another clerk, without closing the app. */
  switchUser(): void;
  changePassword(): void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside AuthGate');
  return s;
}
