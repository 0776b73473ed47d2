import { test as base, expect, type Page } from '@playwright/test';
import { httpClient } from '../fixtures/clients';
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
export async function startWebHostProcess(env: Record<string, string> = {}, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-'))): Promise<WebHostProcess> {
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

export const PASSWORD = 'Counter2026';

/**
 * First-run setup done through the API (the setup screen has its own test), plus a clerk
 * account that has already chosen its password.
 */
export async function prepareHall(url: string): Promise<void> {
  const anon = httpClient(url);
  const { token } = await anon.setup.complete({
    admin: { username: 'admin', displayName: '张管理', password: PASSWORD },
    hall: { name: '郑州市医疗保障服务中心', regionCode: '410100' },
    counter: { number: 3 },
    catalogSourceId: 'national-2020',
  });
  const admin = httpClient(url, {}, token);
  await admin.users.create({ username: 'clerk1', displayName: '王窗口', roles: ['clerk'], counters: [3], password: 'Initial2026' });
  const clerk = await anon.auth.login({ username: 'clerk1', password: 'Initial2026' });
  await httpClient(url, {}, clerk.token).auth.changePassword({ current: 'Initial2026', next: PASSWORD });
}

/** Opens the app and signs in through the login screen. */
export async function signIn(page: Page, host: WebHostProcess, username = 'admin', password = PASSWORD): Promise<void> {
  await page.goto(host.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export const test = base.extend<{ webHost: WebHostProcess; freshHost: WebHostProcess }>({
  webHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await prepareHall(host.url);
    await use(host);
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  },
  freshHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  },
});

/** Data folders of every host the suite started; the last test reads their logs. */
export const e2eDataDirs: string[] = [];
export { expect };
