import crypto from 'node:crypto';
import path from 'node:path';
import { app, BrowserWindow, MessageChannelMain, screen, type UtilityProcess, type WebPreferences } from 'electron';
import { PRODUCT_NAME } from '../../shared/system/app-info';
import { isAppUrl } from './policy';
import { boardDisplay, exitGrantFromUrl, isBlockedKioskKey, isUnlockGesture, windowUrl } from './kiosk-policy';

/**
 * The counter, display-board and kiosk windows. Thin on purpose: every decision (which
 * display, which keys, whether a navigation asks to leave the kiosk) is in kiosk-policy.ts.
 */
export type CoreGetter = () => UtilityProcess | undefined;

/** One set of web preferences for every window: sandboxed, isolated, no Node, no DevTools when packaged. */
export function secureWebPreferences(): WebPreferences {
  return {
    preload: path.join(__dirname, 'preload.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    devTools: !app.isPackaged,
    spellcheck: false,
  };
}

/** Every (re)load of our own page gets a fresh port to core; the old one closes with the page. */
export function handOverCorePort(win: BrowserWindow, core: CoreGetter): void {
  win.webContents.on('did-finish-load', () => {
    const host = core();
    if (!host || !isAppUrl(win.webContents.getURL())) return;
    const { port1, port2 } = new MessageChannelMain();
    host.postMessage({ type: 'connect' }, [port1]);
    win.webContents.postMessage('medins:core-port', null, [port2]);
  });
}

/** 叫号屏: frameless and full screen on the first non-primary display; a plain window when there is only one. */
export function createBoardWindow(core: CoreGetter): BrowserWindow {
  const { display, fullscreen } = boardDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay());
  const { x, y, width, height } = display.bounds;
  const win = new BrowserWindow({
    title: `${PRODUCT_NAME} · 叫号屏`,
    ...(fullscreen ? { x, y, width, height, frame: false, fullscreen: true } : { width: Math.min(1280, width), height: Math.min(800, height) }),
    autoHideMenuBar: true,
    backgroundColor: '#0b1f3a',
    show: false,
    webPreferences: secureWebPreferences(),
  });
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  handOverCorePort(win, core);
  void win.loadURL(windowUrl('board'));
  return win;
}

/**
 * 取号机: a locked kiosk-mode window. It refuses to close, swallows escape keys and takes the
 * focus back; only a one-time grant that core issued for the admin PIN, and that main redeems
 * with core itself, unlocks it.
 */
export function createKioskWindow(core: CoreGetter): BrowserWindow {
  let locked = true;
  const win = new BrowserWindow({
    title: `${PRODUCT_NAME} · 取号`,
    kiosk: true,
    fullscreen: true,
    alwaysOnTop: true,
    closable: false,
    minimizable: false,
    autoHideMenuBar: true,
    show: false,
    webPreferences: secureWebPreferences(),
  });
  win.removeMenu();
  win.setAlwaysOnTop(true, 'screen-saver');
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (locked) event.preventDefault();
  });
  win.on('blur', () => {
    // Another of our windows (a counter on the same PC) may have the focus; anything else may not.
    if (locked && BrowserWindow.getFocusedWindow() === null) setTimeout(() => !win.isDestroyed() && locked && win.focus(), 200);
  });
  win.on('leave-full-screen', () => {
    if (locked) win.setKiosk(true);
  });
  win.webContents.on('before-input-event', (event, input) => {
    if (!locked || isUnlockGesture(input)) return;
    if (isBlockedKioskKey(input)) event.preventDefault();
  });
  win.webContents.on('did-navigate-in-page', (_event, url) => {
    const grant = locked ? exitGrantFromUrl(url) : null;
    if (!grant) return;
    void redeemExitGrant(core, grant).then((ok) => {
      if (!ok || win.isDestroyed()) return;
      locked = false;
      win.setKiosk(false);
      win.setAlwaysOnTop(false);
      win.setFullScreen(false);
      win.setClosable(true);
      win.setMinimizable(true);
    });
  });
  handOverCorePort(win, core);
  void win.loadURL(windowUrl('kiosk'));
  return win;
}

/** Asks core (over the utility process's own channel, not the page's) whether the grant is real. */
function redeemExitGrant(core: CoreGetter, grant: string): Promise<boolean> {
  const host = core();
  if (!host) return Promise.resolve(false);
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      host.off('message', onMessage);
      resolve(ok);
    };
    const onMessage = (message: unknown) => {
      const m = message as { type?: string; requestId?: string; ok?: boolean };
      if (m.type === 'kiosk-exit-result' && m.requestId === requestId) done(m.ok === true);
    };
    const timer = setTimeout(() => done(false), 5000);
    host.on('message', onMessage);
    host.postMessage({ type: 'kiosk-exit', grant, requestId });
  });
}
