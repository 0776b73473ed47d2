import fs from 'node:fs';
import path from 'node:path';
import { createCore, type Core, type CoreOptions, type Profile } from './core';
import { profileDataDir, readActiveProfile } from './profile-folder';

/**
 * Holds the running core and switches it between the real database (the data folder) and the
 * training database (<data folder>/training). The active profile survives restarts in
 * profile.json. Hosts (web host, Electron core process, CLI) serve whatever `current()` is.
 */
export interface CoreHost {
  current(): Core;
  profile(): Profile;
  switchTo(profile: Profile): Promise<void>;
  close(): Promise<void>;
}

type HostOptions = Omit<CoreOptions, 'dataDir' | 'training' | 'switchProfile'> & { dataDir: string };

export async function openCoreHost(options: HostOptions): Promise<CoreHost> {
  const rootDir = options.dataDir;
  let profile = readActiveProfile(rootDir);
  const open = (p: Profile) => createCore({ ...options, dataDir: profileDataDir(rootDir, p), training: p === 'training', switchProfile: switchTo });
  let core = await open(profile);
  const retiring: Promise<void>[] = [];

  async function switchTo(next: Profile): Promise<void> {
    if (next === profile) return;
    const opened = await open(next);
    const old = core;
    core = opened;
    profile = next;
    fs.mkdirSync(rootDir, { recursive: true });
    fs.writeFileSync(path.join(rootDir, 'profile.json'), JSON.stringify({ active: next }));
    old.services.logger.info({ to: next }, 'switched profile');
    // Let in-flight answers (the switch call's own) go out before the old database closes.
    retiring.push(new Promise((resolve) => setTimeout(() => void old.close().finally(resolve), 1000)));
  }

  return {
    current: () => core,
    profile: () => profile,
    switchTo,
    async close() {
      await Promise.all(retiring);
      await core.close();
    },
  };
}
