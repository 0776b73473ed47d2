/**
 * Decisions the Electron shell makes about URLs, kept free of `electron` so they are tested
 * under plain Node (tests/unit/main/policy.test.ts).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'counter';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Pages of our own renderer: the only thing a window may show or navigate to. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Links a clerk may open in the system browser: https only (the province's portal, help
 * pages). Anything else — file:, javascript:, custom schemes, plain http — stays closed.
 */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Maps app://counter/<path> to a file inside the renderer folder, refusing path escapes. */
export function appUrlToRelativePath(raw: string): string | null {
  if (!isAppUrl(raw)) return null;
  const pathname = decodeURIComponent(new URL(raw).pathname);
  const segments = pathname.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes('\\') || s.includes('\0'))) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/**
 * Permissions a page may get: only the camera, for our own pages (拍照 with a UVC 高拍仪).
 * A request that names its media types must ask for video alone: the microphone stays closed.
 */
export function isPermissionAllowed(permission: string, url: string, mediaTypes?: readonly string[]): boolean {
  if (permission !== 'media' || !isAppUrl(url)) return false;
  return mediaTypes === undefined || (mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video'));
}
