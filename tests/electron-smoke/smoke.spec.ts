import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * Smoke test of a packaged build (playwright.electron.config.ts; run by
 * .github/workflows/release.yml and by hand per docs/operations.md § Packaging). It needs the
 * Electron app itself, so it cannot run on machines without the Electron download.
 * MEDINS_APP_EXECUTABLE: the unpacked app's executable, e.g. out/linux-unpacked/medins-counter
 * or out/win-unpacked/medins-counter.exe (built with the nodeCliInspect fuse on, which
 * Playwright's Electron launcher needs; the installers keep it off).
 */
const executablePath = process.env.MEDINS_APP_EXECUTABLE;

const walOf = (dir: string) => path.join(dir, 'medins.sqlite-wal');
const walBytes = (dir: string) => (fs.existsSync(walOf(dir)) ? fs.statSync(walOf(dir)).size : 0);

test('the packaged app starts, core answers from its utility process, login and counter screens are in Chinese, it quits with the database checkpointed', async () => {
  if (!executablePath || !fs.existsSync(executablePath)) throw new Error(`MEDINS_APP_EXECUTABLE must name the packaged app's executable (got ${executablePath ?? 'nothing'})`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-smoke-'));
  const app = await electron.launch({ executablePath, env: { ...process.env, MEDINS_DATA_DIR: dataDir, MEDINS_LOG_LEVEL: 'debug' }, timeout: 60_000 });
  const window = await app.firstWindow();

  // Core runs in an Electron utility process, not in the main process.
  await expect.poll(() => app.evaluate(({ app: a }) => a.getAppMetrics().map((m) => m.type))).toContain('Utility');

  // First start: 首次设置, answered by core (the screen asks core whether setup is done).
  await expect(window.getByText('首次使用 · 系统设置')).toBeVisible({ timeout: 30_000 });
  await window.screenshot({ path: 'test-results/screens/electron-setup.png' });

  // Training mode: the login screen with its sample accounts, then the counter screen.
  await window.getByRole('button', { name: '进入培训模式' }).click();
  await window.getByRole('button', { name: /^进\s*入$/ }).click();
  await expect(window.getByText('培训账号（仅培训模式可用）')).toBeVisible({ timeout: 30_000 });
  await expect(window.getByText('医保经办窗口 · 登录')).toBeVisible();
  await window.screenshot({ path: 'test-results/screens/electron-login.png' });
  await window.getByRole('cell', { name: 'clerk', exact: true }).click();
  await window.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(window.locator('.shell-header')).toContainText('培训演示大厅（培训模式）');
  await expect(window.getByText('窗口受理').first()).toBeVisible();
  await window.screenshot({ path: 'test-results/screens/electron-counter.png' });

  // Quit as a user would: core checkpoints the WAL and closes the databases before the app exits.
  const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
  await app.close();
  expect(await exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'medins.sqlite'))).toBe(true);
  expect(walBytes(dataDir)).toBe(0);
  expect(walBytes(path.join(dataDir, 'training'))).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
