import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from '../../shared/system/app-info';

/**
 * The per-user data folder, the same one Electron's app.getPath('userData') gives for our app
 * name, so the web host, the CLI and the Electron app share one database. MEDINS_DATA_DIR wins.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.MEDINS_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}

export interface DataPaths {
  dataDir: string;
  dbFile: string;
  settingsFile: string;
  logDir: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    dataDir,
    dbFile: path.join(dataDir, 'medins.sqlite'),
    settingsFile: path.join(dataDir, 'settings.json'),
    logDir: path.join(dataDir, 'logs'),
  };
}
