import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, net, protocol, session, shell, utilityProcess, type UtilityProcess } from 'electron';
import Store from 'electron-store';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { APP_NAME, PRODUCT_NAME } from '../../shared/system/app-info';
import { APP_SCHEME, appUrlToRelativePath, isAppUrl, isPermissionAllowed, isSafeExternalUrl } from './policy';
import { windowsFromArgs, windowUrl } from './kiosk-policy';
import { createBoardWindow, createKioskWindow, handOverCorePort, secureWebPreferences } from './windows';

/**
 * The thin Electron shell: one instance, core in a utility process, sandboxed windows that
 * load our renderer from app://counter and talk to core only through a MessagePort.
 */
app.setName(APP_NAME);
if (process.env.MEDINS_DATA_DIR) app.setPath('userData', path.resolve(process.env.MEDINS_DATA_DIR));

const rendererDir = path.join(__dirname, '..', 'renderer');
const windowState = new Store<{ bounds?: Electron.Rectangle }>({ name: 'window-state' });
let core: UtilityProcess | undefined;

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();
// stream: <audio> plays from app:// only with it (the board's built-in voice clips).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.whenReady().then(start).catch((error: unknown) => {
    console.error('medins-counter failed to start', error);
    app.exit(1);
  });
}

function start(): void {
  // Clerks get no DevTools or reload menu in the installed app: the console would let a
  // signed-in user call any procedure their role allows outside the screens.
  if (app.isPackaged) Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, async (request) => {
    const relative = appUrlToRelativePath(request.url);
    if (!relative) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path.join(rendererDir, relative)).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    return new Response(response.body, { status: response.status, headers });
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, contents.getURL(), 'mediaTypes' in details ? details.mediaTypes : undefined)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => isPermissionAllowed(permission, origin));

  core = utilityProcess.fork(path.join(__dirname, 'core-host.mjs'), [], {
    serviceName: `${APP_NAME}-core`,
    env: { ...process.env, MEDINS_DATA_DIR: app.getPath('userData') },
    stdio: 'inherit',
  });
  core.on('exit', (code) => {
    if (!quitting) {
      console.error(`core process exited with code ${code}`);
      app.exit(1);
    }
  });
  // Which windows: --board (counter + 叫号屏), --kiosk (locked 取号机), --windows=… (docs/operations.md).
  const getCore = () => core;
  for (const kind of windowsFromArgs(process.argv)) {
    if (kind === 'counter') createCounterWindow();
    else if (kind === 'board') createBoardWindow(getCore);
    else createKioskWindow(getCore);
  }
}

function createCounterWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1366,
    height: 860,
    ...windowState.get('bounds'),
    show: false,
    webPreferences: secureWebPreferences(),
  });
  win.once('ready-to-show', () => win.show());
  win.on('close', () => windowState.set('bounds', win.getBounds()));
  // Only our own page gets a line to core (windows.ts).
  handOverCorePort(win, () => core);
  void win.loadURL(windowUrl('counter'));
  return win;
}

// Checklist items 12–14 of Electron's security guide: no navigation away, no new windows,
// no <webview>; links to https pages open in the system browser.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  // Let core checkpoint the WAL and close the database before the process goes.
  event.preventDefault();
  quitting = true;
  const timer = setTimeout(() => app.exit(0), 5000);
  core.once('exit', () => {
    clearTimeout(timer);
    app.exit(0);
  });
  core.postMessage({ type: 'shutdown' });
});

app.on('window-all-closed', () => app.quit());
