import fs from 'node:fs';
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

export interface TightenResult {
  /** Paths whose mode was changed to owner-only. */
  changed: string[];
  /** Why the folder is not owner-only, when it could not be made so. */
  notDone?: string;
}

/**
 * The data folder holds settings.json (with the upstream key secret), the database and logs
 * with case data: only its owner may read it. A folder made earlier (by an installer, by hand,
 * by an older build) keeps the mode it was made with, so every start brings the folder and the
 * files in it (and in logs/) to owner-only. Below the folder, nothing is reachable by others
 * once the folder itself is 0700. On Windows the folder inherits the user profile's ACL, which
 * already keeps other users out; modes mean nothing there.
 */
export function tightenDataFolder(dataDir: string, platform: NodeJS.Platform = process.platform): TightenResult {
  if (platform === 'win32') return { changed: [], notDone: 'Windows: the folder inherits the user profile ACL; POSIX modes do not apply' };
  const changed: string[] = [];
  const tighten = (p: string, mode: number) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink() || (stat.mode & 0o777) === mode) return;
    fs.chmodSync(p, mode);
    changed.push(p);
  };
  try {
    tighten(dataDir, 0o700);
    for (const dir of [dataDir, path.join(dataDir, 'logs')]) {
      if (!fs.existsSync(dir)) continue;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) tighten(p, 0o700);
        else if (entry.isFile()) tighten(p, 0o600);
      }
    }
  } catch (error) {
    return { changed, notDone: (error as Error).message };
  }
  return { changed };
}
