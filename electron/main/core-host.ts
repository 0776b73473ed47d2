import { RPCHandler } from '@orpc/server/message-port';
import { openCoreHost } from '../core/profiles';
import { router } from '../core/rpc/router';
import { rpcHandlerOptions } from '../core/rpc/handler-options';
import { userMessage } from '../../shared/contract/errors';

/**
 * Entry of the Electron utility process that runs core, so a slow query or a device driver
 * never freezes a window. It imports no `electron` module: the parent port is a global here.
 */
interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: MessagePortLike[] }) => void): void;
  postMessage(message: unknown): void;
}
interface MessagePortLike {
  on(event: string, listener: (e?: { data: unknown }) => void): void;
  postMessage(data: unknown): void;
  start(): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core-host must run in an Electron utility process');

const dataDir = process.env.MEDINS_DATA_DIR;
if (!dataDir) throw new Error('MEDINS_DATA_DIR is not set by the main process');

/** Tells main why core is about to stop, so the clerk sees the reason (e.g. DB_TOO_NEW) in a dialog. */
function reportFatal(error: unknown): void {
  const code = (error as { code?: unknown }).code;
  const known = typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'INTERNAL';
  parentPort!.postMessage({ type: 'fatal', code: known, message: userMessage(known), detail: (error as Error).message });
}
process.on('uncaughtException', (error) => {
  reportFatal(error);
  console.error('core crashed', error);
  process.exit(1);
});

let cores: Awaited<ReturnType<typeof openCoreHost>>;
try {
  cores = await openCoreHost({ dataDir, runtime: 'electron', syncWorker: true });
} catch (error) {
  reportFatal(error);
  console.error(`core failed to start: ${(error as Error).message}`);
  process.exit(1);
}
const handler = new RPCHandler(router, rpcHandlerOptions);

parentPort.on('message', (event) => {
  const message = event.data as { type?: string };
  if (message.type === 'connect' && event.ports[0]) {
    const port = event.ports[0];
    handler.upgrade(port, { context: { get services() { return cores.current().services; }, transport: 'message-port' } });
    port.start();
  } else if (message.type === 'kiosk-exit' && typeof (message as { grant?: unknown }).grant === 'string') {
    // Main asks core itself whether the kiosk page really passed the admin PIN (windows.ts).
    const { grant, requestId } = message as { grant: string; requestId?: unknown };
    const ok = cores.current().services.kioskPin.redeemExitGrant(grant);
    parentPort.postMessage({ type: 'kiosk-exit-result', requestId, ok });
  } else if (message.type === 'shutdown') {
    void cores.close().then(() => {
      parentPort.postMessage({ type: 'stopped' });
      process.exit(0);
    });
  }
});
parentPort.postMessage({ type: 'ready' });
