/**
 * The session token for this window. sessionStorage: it survives a reload but not closing the
 * window, and another window (board, kiosk) keeps its own.
 */
const KEY = 'medins.session';
export const SESSION_HEADER = 'x-medins-session';

export function getSessionToken(): string | null {
  return window.sessionStorage.getItem(KEY);
}

export function setSessionToken(token: string | null): void {
  if (token) window.sessionStorage.setItem(KEY, token);
  else window.sessionStorage.removeItem(KEY);
}

export function sessionHeaders(): Record<string, string> {
  const token = getSessionToken();
  return token ? { [SESSION_HEADER]: token } : {};
}
