import fs from 'node:fs';
import { test, expect, signIn, startWebHostProcess, prepareHall, e2eDataDirs } from './fixtures';
import { makeResidentId } from '../fixtures/identity';
import { openCounter, fillApplicant, pickItem, fillIntakeFields } from './intake';

const screens = 'test-results/screens';
test.beforeAll(() => fs.mkdirSync(screens, { recursive: true }));

/**
 * Hall time and 暂定办结日期 on screen. The hall's clock reads Monday 2026-12-28 00:30 in
 * Asia/Shanghai: still the 27th in UTC and west of it, where `npm test` runs the browser. The
 * header, the case number and every date must say the 28th; a 5-working-day item then falls in
 * 2027, whose arrangement is not loaded: accepted, due 2027-01-04 marked 暂定.
 */
test('December after midnight: hall dates on screen, an item due in 2027 accepted as 暂定', async ({ page }) => {
  const host = await startWebHostProcess({ MEDINS_CLOCK: '2026-12-28T00:30:00+08:00' });
  try {
    await prepareHall(host.url);
    await signIn(page, host, 'clerk1');
    await expect(page.getByTestId('header-clock')).toContainText('2026年12月28日 星期一 00:3');
    await openCounter(page);
    const id = makeResidentId({ birthDate: '1990-03-04', sex: '女', seq: 37 });
    await fillApplicant(page, { id, name: '测试戊', phone: '13900003333' });
    await pickItem(page, 'zgcbdj', '职工参保登记');
    await page.getByRole('group', { name: /人员类别|在职/ }).getByText('在职职工').click();
    await expect(page.getByTestId('time-limit').locator('.due')).toHaveText('2027-01-04暂定');
    await page.getByRole('button', { name: '全部已收原件' }).click();
    await fillIntakeFields(page, id);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('case-number')).toHaveText(/^\d{6}20261228\d{7}$/);
    await expect(page.getByTestId('document-preview')).toContainText('受理日期2026年12月28日');
    await expect(page.getByTestId('document-preview')).toContainText('承诺办结日期2027年1月4日（暂定）');
    await page.screenshot({ path: `${screens}/counter-provisional-due.png`, fullPage: true });

    // 办件查询's date picker marks the hall's today (the 28th), not the browser's (the 27th).
    await page.keyboard.press('Alt+0');
    await page.getByLabel('受理日期').first().click();
    await expect(page.locator('.ant-picker-dropdown .ant-picker-cell-in-view.ant-picker-cell-today')).toHaveAttribute('title', '2026-12-28');
    await page.screenshot({ path: `${screens}/cases-picker-hall-today.png` });
  } finally {
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  }
});
