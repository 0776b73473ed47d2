import fs from 'node:fs';
import { test, expect, signIn } from './fixtures';

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
