import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, crashReporter, dialog, Menu, net, protocol, session, shell, utilityProcess, type UtilityProcess } from 'electron';
import Store from 'electron-store';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp';
import { APP_NAME, PRODUCT_NAME } from '../../shared/system/app-info';
import { APP_SCHEME, appUrlToRelativePath, decideOnCoreExit, isAppUrl, isMediaAllowed, isSafeExternalUrl, type CoreFailure } from './policy';
import { shellMessages } from '../../shared/messages/zh-CN';
import { createLogger, type Logger } from '../core/logging/logger';
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
let log: Logger | undefined;
let coreRestarts = 0;

// Crash dumps of every process stay on this PC (<data>/crash-dumps), for IT staff to hand over.
app.setPath('crashDumps', path.join(app.getPath('userData'), 'crash-dumps'));
crashReporter.start({ uploadToServer: false, compress: true });
process.on('uncaughtException', (error) => log?.error({ err: error }, 'main process uncaught exception'));
process.on('unhandledRejection', (error) => log?.error({ err: error }, 'main process unhandled rejection'));

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
    log?.error({ err: error }, 'shell failed to start');
    console.error('medins-counter failed to start', error);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // Main-process lines go to the logs folder beside core's (main.YYYY-MM-DD.N.log), scrubbed alike.
  log = (await createLogger({ logDir: path.join(app.getPath('userData'), 'logs'), name: 'main', echo: !app.isPackaged })).logger;
  log.info({ version: app.getVersion(), electron: process.versions.electron }, 'shell started');
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
    callback(isMediaAllowed(permission, contents.getURL(), { requested: 'mediaTypes' in details ? (details.mediaTypes ?? []) : [] })),
  );
  session.defaultSession.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isMediaAllowed(permission, contents?.getURL() ?? '', { checked: 'mediaType' in details ? details.mediaType : undefined }),
  );

  startCore();
  // Which windows: --board (counter + 叫号屏), --kiosk (locked 取号机), --windows=… (docs/operations.md).
  const getCore = () => core;
  for (const kind of windowsFromArgs(process.argv)) {
    if (kind === 'counter') createCounterWindow();
    else if (kind === 'board') createBoardWindow(getCore);
    else createKioskWindow(getCore);
  }
}

/**
 * Core in its utility process. When it stops on its own: one automatic restart (the windows
 * reload and get a port to the new core), with a dialog saying so; a second failure, or one a
 * restart cannot cure (DB_TOO_NEW), ends the app with the reason in a dialog (policy.ts).
 */
function startCore(): void {
  let failure: CoreFailure | undefined;
  const child = utilityProcess.fork(path.join(__dirname, 'core-host.mjs'), [], {
    serviceName: `${APP_NAME}-core`,
    env: { ...process.env, MEDINS_DATA_DIR: app.getPath('userData') },
    stdio: 'inherit',
  });
  core = child;
  child.on('message', (message: { type?: string; code?: string; message?: string }) => {
    if (message.type === 'fatal' && message.code && message.message) failure = { code: message.code, message: message.message };
  });
  child.on('exit', (code) => {
    if (quitting || core !== child) return;
    log?.error({ code, failure }, 'core process exited');
    const decision = decideOnCoreExit(failure, coreRestarts, shellMessages);
    if (decision.action === 'restart') {
      coreRestarts++;
      startCore();
      for (const win of BrowserWindow.getAllWindows()) win.webContents.reload();
      void dialog.showMessageBox({ type: 'warning', title: shellMessages.title, message: decision.message });
      return;
    }
    dialog.showErrorBox(shellMessages.title, decision.message);
    app.exit(1);
  });
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
