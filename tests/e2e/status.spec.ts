import fs from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { test, expect, signIn, startWebHostProcess } from './fixtures';

test('status screen shows core facts and the streamed clock updates it', async ({ page, webHost }) => {
  await signIn(page, webHost);
  await expect(page).toHaveURL(/#\/status$/);
  await expect(page.getByText('系统状态').first()).toBeVisible();
  await expect(page.getByTestId('data-dir')).toHaveText(webHost.dataDir);
  await expect(page.getByTestId('schema-version')).toHaveText(String(LATEST_SCHEMA_VERSION));

  // The clock comes from core over the WebSocket event stream: its sequence number must advance.
  const clock = page.getByTestId('live-clock');
  await expect(clock).not.toHaveAttribute('data-seq', '-1');
  const first = Number(await clock.getAttribute('data-seq'));
  await expect.poll(async () => Number(await clock.getAttribute('data-seq')), { timeout: 5000 }).toBeGreaterThan(first);
  await expect(page.getByText('推送正常')).toBeVisible();
  await expect(page.getByText('已连接')).toBeVisible();

  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: path.join('test-results/screens', 'status.png'), fullPage: true });
});

test('keyboard: Alt+5 opens settings, a bad region code is refused at the field, a good one is saved', async ({ page, webHost }) => {
  await signIn(page, webHost);
  await expect(page.getByTestId('live-clock')).not.toHaveAttribute('data-seq', '-1');
  await page.keyboard.press('Alt+5');
  await expect(page).toHaveURL(/#\/settings$/);

  const hallName = page.getByLabel('大厅名称');
  await hallName.fill('郑州市医疗保障服务中心');
  await page.getByLabel('医保区划代码').fill('41a');
  await page.keyboard.press('Enter');
  await expect(page.getByText('医保区划代码应为6位数字')).toBeVisible();

  await page.getByLabel('医保区划代码').fill('410100');
  await page.keyboard.press('Enter');
  await expect(page.getByText('设置已保存')).toBeVisible();
  await expect(page.locator('.shell-header')).toContainText('郑州市医疗保障服务中心');
  await page.screenshot({ path: 'test-results/screens/settings.png' });

  // Saved in core, not just on screen: the status screen reads it back.
  await page.keyboard.press('Alt+6');
  await expect(page.getByText('410100')).toBeVisible();

  await page.keyboard.press('F1');
  await expect(page.getByRole('dialog', { name: '快捷键' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/shortcuts.png' });
});

test('web host stops cleanly on SIGTERM: database closed and WAL checkpointed', async () => {
  const host = await startWebHostProcess();
  const res = await fetch(new URL('/healthz', host.url));
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });
  expect(await host.stop()).toBe(0);
  const wal = path.join(host.dataDir, 'medins.sqlite-wal');
  expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
  expect(host.output()).toContain('web host stopped');
});
