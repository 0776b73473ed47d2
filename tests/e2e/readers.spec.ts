import fs from 'node:fs';
import { test, expect, signIn, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';

test('读卡器 card on 系统状态: placing a simulated card shows the record, ID number masked until 显示', async ({ page, webHost }) => {
  await signIn(page, webHost);
  await expect(page).toHaveURL(/#\/status$/);
  const panel = page.getByTestId('reader-panel');
  await expect(panel.getByTestId('reader-state')).toHaveText('请放置证件', { timeout: 10_000 });

  await panel.getByLabel('放置模拟证件').click();
  await page.getByTitle('居民身份证（欧阳堃，达斡尔族）').click();
  const record = panel.getByTestId('reader-record');
  await expect(record).toContainText('欧阳堃', { timeout: 10_000 });
  await expect(record).toContainText('达斡尔');
  await expect(panel.getByTestId('reader-id-number')).toHaveText(/^4101\*{10}\d{3}[\dX]$/);
  await expect(panel.getByTestId('photo-placeholder')).toContainText('照片未解码');
  fs.mkdirSync('test-results/screens', { recursive: true });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/reader-panel.png', fullPage: true });

  await panel.getByRole('button', { name: '显示' }).click();
  await expect(panel.getByTestId('reader-id-number')).toHaveText(/^410102198503145\d{2}[\dX]$/);

  // F2 reads on demand: the card stays on the reader, so it is handed over once more within seconds.
  await page.keyboard.press('F2');
  await expect(record).toContainText('欧阳堃');
});

/** The clerk's own API session, to put a card on the simulated reader (the counter screen has no card picker). */
async function clerkApi(url: string) {
  const { token } = await httpClient(url).auth.login({ username: 'clerk1', password: PASSWORD });
  return httpClient(url, {}, token);
}

test('窗口受理: a simulated card placed on the reader fills 证件类型, 证件号码 and 姓名; F2 reads it again; header shows the simulator', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await expect(page.getByTestId('reader-status-tag')).toHaveText('读卡器：模拟器', { timeout: 10_000 });
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('counter-page')).toBeVisible();
  const panel = page.getByTestId('reader-panel');
  await expect(panel.getByTestId('reader-state')).toHaveText('请放置证件', { timeout: 10_000 });
  const kind = page.getByTestId('counter-page').locator('.party-kind').first();
  await expect(kind).toContainText('居民身份证');

  const api = await clerkApi(webHost.url);
  await api.readers.simulator.place({ id: 'hkmotw' });
  // auto-read: the card event fills the applicant without a key press; the workstation's compact
  // summary names the card (the name itself is in 申请人姓名, not repeated)
  await expect(panel.getByTestId('reader-record')).toContainText('港澳台居民居住证', { timeout: 10_000 });
  await expect(page.getByLabel('申请人姓名')).toHaveValue('陈嘉欣', { timeout: 10_000 });
  await expect(kind).toContainText('港澳居民居住证');
  await expect(page.getByLabel('申请人证件号码')).toHaveValue(/^81000019900701022[\dX]$/);
  await expect(page.getByText(/✓ 女 · 1990-07-01 出生/)).toBeVisible();

  // F2 on a cleared form: the card just read is handed over again.
  await page.getByLabel('申请人姓名').fill('');
  await page.getByLabel('申请人证件号码').fill('');
  await page.getByRole('heading', { name: '申请人' }).click();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('申请人姓名')).toHaveValue('陈嘉欣', { timeout: 10_000 });
  await expect(page.getByLabel('申请人证件号码')).toHaveValue(/^81000019900701022[\dX]$/);
  await expect(panel.getByTestId('reader-record')).toContainText('1990-07-01 出生');
  // the errors of the fields cleared above do not stay once the card filled them
  await expect(page.getByText('请填写姓名')).toHaveCount(0);
  await expect(page.getByText('请填写证件号码')).toHaveCount(0);
  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: 'test-results/screens/readers-intake.png', fullPage: true });
});

test('窗口受理: a 医保电子凭证 typed by a keyboard-wedge scanner (fast burst + Enter) fills the applicant; human typing does not', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('counter-page')).toBeVisible();
  await page.getByRole('heading', { name: '申请人' }).click();

  // A person typing the same characters slowly is not a scan.
  await page.keyboard.type('SIMQR-HUMAN0001', { delay: 80 });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await expect(page.getByLabel('申请人姓名')).toHaveValue('');

  // The scanner: a burst far faster than typing, then Enter. Sent from inside the page, because
  // keys sent one by one over the DevTools protocol can arrive >30 ms apart on a loaded machine
  // and then (rightly) read as typing.
  await page.evaluate((code) => {
    for (const key of [...code, 'Enter']) document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  }, 'SIMQR-8F3A20C1D94E7B');
  await expect(page.getByLabel('申请人姓名')).toHaveValue('欧阳堃', { timeout: 10_000 });
  await expect(page.getByLabel('申请人证件号码')).toHaveValue(/^410102198503145\d{2}[\dX]$/);
  await expect(page.getByTestId('counter-page').locator('.party-kind').first()).toContainText('居民身份证');
  await page.screenshot({ path: 'test-results/screens/readers-evoucher.png', fullPage: true });

  // Typed into a text field, the same burst stays text in that field.
  await page.getByLabel('申请人联系电话').click();
  await page.keyboard.type('SIMQR-000000000000', { delay: 2 });
  await expect(page.getByLabel('申请人联系电话')).toHaveValue('SIMQR-000000000000');
});
