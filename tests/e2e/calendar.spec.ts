import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, signIn } from './fixtures';
import { FAKE_2027 } from '../fixtures/calendar';

test('工作日历: Alt+9 shows the loaded years and 2026 by month; a bad file is refused in Chinese; 2027 imports', async ({ page, webHost }) => {
  fs.mkdirSync('test-results/screens', { recursive: true });
  await signIn(page, webHost, 'admin');
  await page.keyboard.press('Alt+9');
  await expect(page).toHaveURL(/#\/admin\/calendar$/);
  await expect(page.getByText('已加载 23 年（2004–2026）')).toBeVisible();
  await expect(page.getByText('2026年节假日安排')).toBeVisible();
  // Spring Festival 2026: 2/14 调休上班, 2/15–2/23 放假.
  await expect(page.locator('[data-date="2026-02-14"]')).toHaveClass(/makeup/);
  await expect(page.locator('[data-date="2026-02-23"]')).toHaveClass(/holiday/);
  await expect(page.getByText('2月15日至2月23日放假，共9天；2月14日、2月28日上班')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/calendar-2026.png', fullPage: true });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-cal-e2e-'));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ years: { '2027': { published: true, holidays: [{ date: '2027-02-30', name: '春节' }], makeupWorkdays: [] } } }));
  await page.locator('input[type=file]').setInputFiles(bad);
  await expect(page.getByText('“bad.json”未导入')).toBeVisible();
  await expect(page.getByText(/years\.2027\.holidays\[0\]\.date：日期“2027-02-30”无效/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/calendar-import-error.png' });

  const good = path.join(dir, '2027.json');
  fs.writeFileSync(good, JSON.stringify(FAKE_2027));
  await page.locator('input[type=file]').setInputFiles(good);
  await expect(page.getByText('已导入：2027年（新增），立即生效')).toBeVisible();
  // From 1 October the 2027 banner was up (the suite runs on the real date); the import clears it.
  await expect(page.getByTestId('next-year-notice')).toBeHidden();
  await expect(page.getByText('2027年节假日安排')).toBeVisible();
  await expect(page.getByTestId('year-2027')).toHaveClass(/ant-tag-blue/);
  await expect(page.locator('[data-date="2027-01-09"]')).toHaveClass(/makeup/);
  await page.screenshot({ path: 'test-results/screens/calendar-2027-imported.png', fullPage: true });
  fs.rmSync(dir, { recursive: true, force: true });
});
