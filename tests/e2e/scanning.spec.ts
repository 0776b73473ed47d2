import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, signIn, startWebHostProcess, prepareHall, PASSWORD, e2eDataDirs, type WebHostProcess } from './fixtures';
import { chromiumPath } from './chromium';
import { httpClient } from '../fixtures/clients';
import { applicant, sampleForm } from '../fixtures/cases';
import type { Page } from '@playwright/test';

/**
 * 材料扫描件 in the browser: pages from SANE's test device (the web host gets SANE_CONFIG_DIR),
 * thumbnails in 办件查询's case detail, keyboard rotate / reorder, and 拍照 with Chromium's fake
 * camera. Screenshots go to /tmp/scan-shots for review.
 */
const shots = '/tmp/scan-shots';
const saneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-sane-'));
fs.writeFileSync(path.join(saneDir, 'dll.conf'), 'test\n');
fs.writeFileSync(path.join(saneDir, 'test.conf'), 'test-picture "Grid"\n');

const test = base.extend<{ scanHost: WebHostProcess }>({
  scanHost: async ({}, use) => {
    const host = await startWebHostProcess({ SANE_CONFIG_DIR: saneDir });
    await prepareHall(host.url);
    await use(host);
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  },
});

test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
});
test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

/** An accepted 职工参保登记 (through the API: the intake screen has its own tests), and the scanner set to SANE test:0. */
async function acceptedCase(host: WebHostProcess): Promise<string> {
  const admin = httpClient(host.url, {}, (await httpClient(host.url).auth.login({ username: 'admin', password: PASSWORD })).token);
  const s = await admin.settings.get();
  await admin.settings.update({ devices: { ...s.devices, scanner: 'sane' }, scanning: { ...s.scanning, saneDevice: 'test:0', resolution: 150 } });
  const clerk = httpClient(host.url, {}, (await httpClient(host.url).auth.login({ username: 'clerk1', password: PASSWORD })).token);
  const req = await clerk.cases.requirements({ item: '002036001002', answers: { personType: 'employed' } });
  const c = await clerk.cases.intake({
    item: '002036001002',
    applicant: applicant(3),
    answers: { personType: 'employed' },
    materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })),
    form: sampleForm(req.fields),
    decision: 'accept',
  });
  return c.caseNo;
}

async function openCase(page: Page, caseNo: string) {
  await page.keyboard.press('Alt+0');
  await page.getByTestId('cases-table').locator('tr', { hasText: caseNo }).click();
  const drawer = page.getByRole('dialog', { name: /^办件 / });
  await expect(drawer.getByTestId('material-scans')).toBeVisible();
  return drawer;
}

test('办件查询: scan two pages from the SANE test device into a material, see, turn and reorder the thumbnails', async ({ page, scanHost }) => {
  const caseNo = await acceptedCase(scanHost);
  await signIn(page, scanHost, 'clerk1');
  const drawer = await openCase(page, caseNo);
  const first = drawer.locator('.scan-material').first();
  await expect(first.getByTestId('scan-count')).toHaveText('0 页');

  for (const n of [1, 2]) {
    await first.getByRole('button', { name: '扫描' }).click();
    await expect(drawer.getByTestId('scan-progress')).toContainText('扫描完成：1 页');
    await expect(first.getByTestId('scan-thumb')).toHaveCount(n);
  }
  await expect(first.getByTestId('scan-count')).toHaveText('2 页');
  // The materials checklist counts them too.
  await expect(drawer.locator('.ant-table-row').first()).toContainText('2 页');

  // Keyboard: R turns the focused page right; Alt+→ moves it after the next one.
  const thumbs = first.getByTestId('scan-thumb');
  await thumbs.first().focus();
  await page.keyboard.press('r');
  await expect(thumbs.first().locator('img')).toHaveAttribute('style', /rotate\(90deg\)/);
  await thumbs.first().focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(thumbs.nth(1).locator('img')).toHaveAttribute('style', /rotate\(90deg\)/);
  await expect(thumbs.first().locator('img')).toHaveAttribute('style', /rotate\(0deg\)/);

  // A device that is not there: the Chinese reason, and the two pages stay.
  const admin = httpClient(scanHost.url, {}, (await httpClient(scanHost.url).auth.login({ username: 'admin', password: PASSWORD })).token);
  const s = await admin.settings.get();
  await admin.settings.update({ scanning: { ...s.scanning, saneDevice: 'nosuch:0' } });
  await first.getByRole('button', { name: '扫描' }).click();
  await expect(drawer.getByTestId('scan-progress')).toContainText('找不到扫描仪');
  await expect(thumbs).toHaveCount(2);

  await drawer.getByTestId('material-scans').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/case-detail-scans.png` });
});

test('拍照: a frame from the camera (Chromium fake device) becomes a page of the material', async ({ page, scanHost }) => {
  const caseNo = await acceptedCase(scanHost);
  await signIn(page, scanHost, 'clerk1');
  const drawer = await openCase(page, caseNo);
  const second = drawer.locator('.scan-material').nth(1);
  await second.getByRole('button', { name: '拍照' }).click();
  const dialog = page.getByRole('dialog', { name: /^拍照：/ });
  await expect(dialog.getByTestId('camera-video')).toBeVisible();
  await expect.poll(() => dialog.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/camera.png` });
  await expect(dialog.getByTestId('camera-shoot')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dialog).toContainText('本次已拍 1 页');
  await dialog.getByRole('button', { name: /完成/ }).click();
  await expect(second.getByTestId('scan-thumb')).toHaveCount(1);
  await expect(second.getByTestId('scan-count')).toHaveText('1 页');
});

test('设置 → 扫描仪: the SANE device is picked from the detected list and saved', async ({ page, scanHost }) => {
  await signIn(page, scanHost, 'admin');
  await page.keyboard.press('Alt+5');
  const card = page.getByTestId('scanner-settings');
  await card.getByLabel('扫描设备').click();
  await page.locator('.ant-select-item-option', { hasText: 'SANE 扫描仪' }).click();
  await card.getByRole('button', { name: '检测设备' }).click();
  await card.getByLabel('SANE 设备').click();
  await page.locator('.ant-select-item-option', { hasText: 'test:1' }).click();
  await card.getByRole('button', { name: '保存扫描仪设置' }).click();
  await expect(page.getByText('扫描仪设置已保存')).toBeVisible();
  await page.screenshot({ path: `${shots}/settings-scanner.png`, fullPage: true });
  const admin = httpClient(scanHost.url, {}, (await httpClient(scanHost.url).auth.login({ username: 'admin', password: PASSWORD })).token);
  expect((await admin.settings.get()).scanning.saneDevice).toBe('test:1');
  expect((await admin.settings.get()).devices.scanner).toBe('sane');
});
