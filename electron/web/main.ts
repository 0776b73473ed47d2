import path from 'node:path';
import { fileURLToPath } from 'node:url';
import open from 'open';
import { openCoreHost } from '../core/profiles';
import { resolveDataDir } from '../core/paths';
import { startWebHost } from './server';

/**
 * Entry of the web host process: `npm start` (when no Electron binary is available), the
 * display board / kiosk mini-PC, and a supervisor's browser all use it.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * MEDINS_CLOCK=<ISO time> starts core's clock at that instant and lets it run: for training
 * sessions and tests about dates (e.g. a case accepted just before Spring Festival). Never set
 * it on a counter in service.
 */
function clockFromEnv(): (() => number) | undefined {
  const value = process.env.MEDINS_CLOCK;
  if (!value) return undefined;
  const start = Date.parse(value);
  if (Number.isNaN(start)) {
    console.error(`MEDINS_CLOCK must be an ISO date-time such as 2026-02-12T09:00:00+08:00, got "${value}"`);
    process.exit(2);
  }
  const realStart = Date.now();
  console.log(`clock set to ${value} (MEDINS_CLOCK)`);
  return () => start + (Date.now() - realStart);
}

async function main(): Promise<void> {
  const dataDir = resolveDataDir();
  const now = clockFromEnv();
  const cores = await openCoreHost({ dataDir, runtime: 'web-host', syncWorker: true, logEcho: process.env.MEDINS_LOG_ECHO === '1', ...(now ? { now } : {}) });
  const core = cores.current();
  const configured = core.services.settings.get().webHost;
  const portEnv = process.env.MEDINS_HOST_PORT;
  const port = portEnv !== undefined && portEnv !== '' ? Number(portEnv) : configured.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`MEDINS_HOST_PORT must be a port number (0-65535), got "${portEnv}"`);
    await cores.close();
    process.exit(2);
  }
  let host;
  try {
    host = await startWebHost({
      cores,
      host: process.env.MEDINS_HOST ?? configured.host,
      port,
      accessToken: process.env.MEDINS_ACCESS_TOKEN ?? configured.accessToken,
      staticDir: process.env.MEDINS_RENDERER_DIR ?? path.join(repoRoot, 'dist', 'renderer'),
    });
  } catch (error) {
    console.error(`web host failed to start: ${(error as Error).message}`);
    await cores.close();
    process.exit(1);
  }
  console.log(`医保经办窗口（Web 方式）已启动：${host.url}`);
  console.log(`medins-counter web host listening on ${host.url} (data: ${dataDir})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    cores.current().services.logger.info({ signal }, 'stopping web host');
    await host.close();
    await cores.close();
    console.log('medins-counter web host stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (process.env.MEDINS_NO_OPEN !== '1') {
    open(host.url).catch(() => console.log(`could not open a browser; open ${host.url} yourself`));
  }
}

main().catch((error: unknown) => {
  console.error(`medins-counter web host failed: ${(error as Error).message}`);
  process.exit(1);
});
