import fs from 'node:fs';
import { test, expect, signIn } from './fixtures';

test('事项目录: Alt+3, cbdj + Enter opens 参保登记, switch source, 对比 highlights a difference', async ({ page, webHost }) => {
  fs.mkdirSync('test-results/screens', { recursive: true });
  await signIn(page, webHost, 'clerk1');
  await expect(page.getByText('已连接')).toBeVisible();
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/catalog$/);

  // Grouped by 主项, in the active (national) list; the search box has the focus.
  const list = page.getByTestId('catalog-list');
  await expect(list.locator('.catalog-group').first()).toHaveText('基本医疗保险参保和变更登记');
  await expect(page.getByText('本清单共 28 项')).toBeVisible();
  const search = page.getByLabel('搜索事项');
  await expect(search).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/catalog-list.png' });

  await page.keyboard.type('cbdj');
  await expect(list.locator('.catalog-row.is-highlighted')).toContainText('参保登记');
  await page.keyboard.press('ArrowDown');
  await expect(list.locator('.catalog-row.is-highlighted')).toContainText('职工参保登记');
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('item-detail');
  await expect(detail.locator('h4')).toHaveText('职工参保登记');
  await expect(detail).toContainText('002036001002');
  await expect(page.getByTestId('time-limit')).toContainText('在职职工：不超过5个工作日');
  await page.screenshot({ path: 'test-results/screens/catalog-search.png' });

  // Switch to Hubei's guide: the same item with its 办件类型, 必填项, 样表 and 消息模板.
  await page.getByLabel('事项清单').click();
  await page.locator('.ant-select-item-option', { hasText: '湖北省' }).click();
  await expect(page.getByText('本清单共 29 项')).toBeVisible();
  await expect(detail.locator('h4')).toHaveText('职工参保登记');
  await expect(detail).toContainText('承诺件');
  await expect(detail).toContainText('受理信息必填项');
  await expect(detail).toContainText('附件表2-职工基本医疗保险参保登记表');
  await expect(detail).toContainText('消息推送模板');
  await expect(page.locator('.ant-select-dropdown')).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/catalog-detail.png' });
  await page.getByTestId('materials').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/catalog-detail-materials.png' });

  // 对比 across the five lists: Hubei's six materials differ from the others'.
  await page.getByRole('button', { name: '各地对比' }).click();
  const compare = page.getByTestId('compare-view');
  await expect(compare).toBeVisible();
  await expect(compare.locator('thead th')).toHaveCount(6);
  await expect(compare.locator('.catalog-diff').first()).toBeVisible();
  await expect(compare.locator('.mat-removed').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/catalog-compare.png' });

  // An item only some lists have (Jiangsu's 缴费基数申报): presence is highlighted.
  await page.getByLabel('事项清单').click();
  await page.locator('.ant-select-item-option', { hasText: '江苏省' }).click();
  await search.fill('缴费基数');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '各地对比' }).click();
  await expect(compare.getByText('本清单未列此事项').first()).toBeVisible();
  await expect(compare.locator('td.catalog-diff').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/catalog-compare-absent.png' });
});
