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

/**
 * Device pages (#/board, #/kiosk, #/evaluate) run without a user: they carry a device token, kept in
 * localStorage per page kind so it survives restarts of the device (and a machine that shows
 * both keeps both).
 */
export type DevicePage = 'board' | 'kiosk' | 'evaluate';
const deviceKey = (page: DevicePage) => `medins.device.${page}`;

export function currentDevicePage(hash: string = window.location.hash): DevicePage | null {
  const m = /^#\/(board|kiosk|evaluate)(?:[/?]|$)/.exec(hash);
  return m ? (m[1] as DevicePage) : null;
}

export function getDeviceToken(page: DevicePage | null = currentDevicePage()): string | null {
  return page ? window.localStorage.getItem(deviceKey(page)) : null;
}

export function setDeviceToken(page: DevicePage, token: string | null): void {
  if (token) window.localStorage.setItem(deviceKey(page), token);
  else window.localStorage.removeItem(deviceKey(page));
}

/** The user's session when signed in, else (on a device page) the device token. */
export function sessionHeaders(): Record<string, string> {
  const token = getSessionToken() ?? getDeviceToken();
  return token ? { [SESSION_HEADER]: token } : {};
}
