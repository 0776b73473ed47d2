import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { describeDatabase, readSchemaVersion, type DatabaseHandle } from '../db/handle';
import { readMeta } from '../db/meta';
import type { DatabaseHealth } from '../db/health';
import type { SettingsStore } from '../settings/store';
import { publicSettings } from '../../../shared/settings/schema';
import { hallTimeZone, toHallIso } from '../../../shared/system/hall-time';
import { APP_NAME } from '../../../shared/system/app-info';
import type { ClockTick, SystemStatus } from '../../../shared/contract';
import { APP_VERSION } from '../version';

export type Runtime = SystemStatus['runtime'];

export interface SystemService {
  status(): Promise<SystemStatus>;
  clock(intervalMs: number, signal?: AbortSignal): AsyncGenerator<ClockTick>;
}

export function createSystemService(deps: {
  runtime: Runtime;
  dataDir: string;
  handle: DatabaseHandle;
  settings: SettingsStore;
  startedAt: number;
  /** Whether the database answers; each clock tick carries it so every screen can say so. */
  health: Pick<DatabaseHealth, 'state'>;
  now?: () => number;
}): SystemService {
  const now = deps.now ?? Date.now;
  return {
    async status() {
      const installId = await readMeta(deps.handle.db, 'install_id');
      const where = await describeDatabase(deps.handle);
      return {
        appName: APP_NAME,
        appVersion: APP_VERSION,
        runtime: deps.runtime,
        nodeVersion: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        dataDir: deps.dataDir,
        db: {
          dialect: deps.handle.dialect,
          file: where.location,
          schemaVersion: await readSchemaVersion(deps.handle.dialect, deps.handle.db),
          latestSchemaVersion: LATEST_SCHEMA_VERSION,
          journalMode: where.mode,
        },
        settings: publicSettings(deps.settings.get()),
        startedAt: toHallIso(deps.startedAt),
        installId: installId ?? '',
      };
    },
    async *clock(intervalMs, signal) {
      let seq = 0;
      while (!signal?.aborted) {
        yield { now: toHallIso(now()), timeZone: hallTimeZone(), seq: seq++, database: deps.health.state() };
        await sleep(intervalMs, signal);
      }
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
