import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, signIn, startWebHostProcess, prepareHall, PASSWORD, e2eDataDirs, type WebHostProcess } from './fixtures';
import { openCounter, fillApplicant, pickItem, fillIntakeFields } from './intake';
import { httpClient } from '../fixtures/clients';
import { makeResidentId } from '../fixtures/identity';

/**
 * The whole counter visit of #8 through the screens: 受理 a case at 窗口受理, scan two pages from
 * SANE's test device into its first material, print the 受理回执 to the simulator printer and
 * see the printed receipt and its preview. The web host gets SANE_CONFIG_DIR so scanimage finds
 * the `test` backend.
 */
const shots = 'test-results/screens';
const saneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-flow-sane-'));
fs.writeFileSync(path.join(saneDir, 'dll.conf'), 'test\n');
// A grid rather than the backend's default solid black: a page that looks like paper.
fs.writeFileSync(path.join(saneDir, 'test.conf'), 'test-picture "Grid"\n');

/** Made up: a generated number; 王喆 has a character outside GB2312, which must print right. */
const APPLICANT = { id: makeResidentId({ birthDate: '1985-09-30', sex: '男', seq: 41 }), name: '王喆', phone: '13900002222' };

const test = base.extend<{ hall: WebHostProcess }>({
  hall: async ({}, use) => {
    const host = await startWebHostProcess({ SANE_CONFIG_DIR: saneDir });
    await prepareHall(host.url);
    const { token } = await httpClient(host.url).auth.login({ username: 'admin', password: PASSWORD });
    const admin = httpClient(host.url, {}, token);
    const s = await admin.settings.get();
    await admin.settings.update({ devices: { ...s.devices, scanner: 'sane' }, scanning: { ...s.scanning, saneDevice: 'test:0', resolution: 150 } });
    await use(host);
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  },
});
test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

test('一位办事群众: 受理, scan two pages from the SANE test device into a material, print the 受理回执 to the simulator, see the preview', async ({ page, hall }) => {
  await signIn(page, hall, 'clerk1');
  await openCounter(page);
  await fillApplicant(page, APPLICANT);
  await pickItem(page, 'zgcbdj', '职工参保登记');
  await page.getByRole('group', { name: /人员类别|在职/ }).getByText('在职职工').click();
  await page.getByRole('button', { name: '全部已收原件' }).click();
  await fillIntakeFields(page, APPLICANT.id);
  await page.keyboard.press('Control+Enter');
  const caseNo = (await page.getByTestId('case-number').textContent())!;
  expect(caseNo).toMatch(/^\d{21}$/);

  // 扫描材料: two passes of the flatbed, both pages on the first material.
  await page.getByTestId('intake-scan').click();
  const scans = page.getByRole('dialog', { name: /^材料扫描件/ });
  const first = scans.locator('.scan-material').first();
  for (const n of [1, 2]) {
    await first.getByRole('button', { name: '扫描' }).click();
    await expect(scans.getByTestId('scan-progress')).toContainText('扫描完成：1 页');
    await expect(first.getByTestId('scan-thumb')).toHaveCount(n);
  }
  await expect(first.getByTestId('scan-count')).toHaveText('2 页');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/flow-scanned.png` });
  await page.keyboard.press('Escape');
  await expect(scans).toBeHidden();

  // 打印小票: the simulator prints it and the decoded receipt opens.
  await page.getByRole('button', { name: '打印小票' }).click();
  await expect(page.getByText('受理回执已打印')).toBeVisible();
  const printed = page.getByTestId('simulator-receipt');
  await expect.poll(() => printed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/flow-printed.png` });
  await page.keyboard.press('Escape');

  const { token } = await httpClient(hall.url).auth.login({ username: 'clerk1', password: PASSWORD });
  const clerk = httpClient(hall.url, {}, token);
  const last = await clerk.printing.simulator.last();
  expect(last?.lines).toContain('申请人：      王喆');
  expect(last?.lines).toContain(`办件编号：    ${caseNo}`);
  expect(last?.lines.some((l) => l.startsWith('[二维码 '))).toBe(true);

  // 小票预览 shows the same receipt before printing again.
  await page.getByRole('button', { name: '小票预览' }).click();
  const preview = page.getByTestId('receipt-preview');
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await page.keyboard.press('Escape');

  // The two pages are stored with the case, on one material, and make one PDF for upstream.
  const pages = await clerk.attachments.pages({ caseNo });
  expect(pages).toHaveLength(2);
  expect(new Set(pages.map((p) => p.seq)).size).toBe(1);
  const pdf = await clerk.attachments.materialPdf({ caseNo, seq: pages[0]!.seq });
  expect(pdf.pages).toBe(2);
  expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
});
