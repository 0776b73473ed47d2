import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WebHostProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built web host (dist/web/main.mjs) on a free port with a fresh data folder. */
export async function startWebHostProcess(env: Record<string, string> = {}): Promise<WebHostProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-'));
  const child = spawn(process.execPath, ['dist/web/main.mjs'], {
    env: { ...process.env, MEDINS_DATA_DIR: dataDir, MEDINS_HOST_PORT: '0', MEDINS_NO_OPEN: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => reject(new Error(`web host exited with ${code}:\n${out}`)));
  });
  return {
    url,
    dataDir,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

export const test = base.extend<{ webHost: WebHostProcess }>({
  webHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },
});
export { expect } from '@playwright/test';
