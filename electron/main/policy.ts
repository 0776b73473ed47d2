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

/** Hash routes whose screens hold 拍照 (CameraCapture): 窗口受理 and 办件查询's case drawer. */
const CAMERA_ROUTES = ['/counter', '/cases'];

/** True for an app page showing a screen that takes photos with the 高拍仪 / camera. */
export function isCameraPage(raw: string): boolean {
  if (!isAppUrl(raw)) return false;
  const route = new URL(raw).hash.replace(/^#/, '').split('?')[0]!;
  return CAMERA_ROUTES.some((r) => route === r || route.startsWith(`${r}/`));
}

/**
 * Permissions a page may get: only the camera's video, only on the screens that take photos.
 * A request must name its media types and ask for video alone; a check (no request) must be
 * for video. The microphone, and every other page (board, kiosk, settings…), stay closed.
 */
export function isMediaAllowed(permission: string, url: string, media: { requested?: readonly string[]; checked?: string }): boolean {
  if (permission !== 'media' || !isCameraPage(url)) return false;
  if (media.requested !== undefined) return media.requested.length > 0 && media.requested.every((t) => t === 'video');
  return media.checked === 'video';
}

/** Why core stopped, as core-host reports it before exiting (absent after a crash). */
export interface CoreFailure {
  code: string;
  /** Chinese, for the clerk */
  message: string;
}

export type CoreExitDecision = { action: 'restart'; message: string } | { action: 'quit'; message: string };

/** Failures a restart cannot cure: the clerk must be told, not made to wait for a loop. */
const PERMANENT = new Set(['DB_TOO_NEW', 'SETTINGS_INVALID']);

/**
 * What the shell does when core exits on its own: restart it once (a crash, a lost database
 * connection at start); a second failure, or one a restart cannot cure (a database written by
 * a newer version), ends the app with the reason in a dialog.
 */
export function decideOnCoreExit(failure: CoreFailure | undefined, restartsSoFar: number, texts: { coreRestarted: string; coreFailedAgain: string; coreCannotStart: string }): CoreExitDecision {
  if (failure && PERMANENT.has(failure.code)) return { action: 'quit', message: `${texts.coreCannotStart}\n${failure.message}` };
  const reason = failure ? `\n${failure.message}` : '';
  if (restartsSoFar < 1) return { action: 'restart', message: texts.coreRestarted + reason };
  return { action: 'quit', message: texts.coreFailedAgain + reason };
}
