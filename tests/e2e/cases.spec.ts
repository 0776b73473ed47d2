import fs from 'node:fs';
import { test, expect, signIn, startWebHostProcess, prepareHall, e2eDataDirs } from './fixtures';
import { makeResidentId } from '../fixtures/identity';
import { openCounter, fillApplicant, pickItem, fillIntakeFields } from './intake';

/** Made-up applicants: generated numbers, never a real person's. */
const APPLICANT = { id: makeResidentId({ birthDate: '1988-05-12', sex: '男', seq: 21 }), name: '测试甲', phone: '13900001111' };
const ITEM = '职工参保登记';
/** 职工参保登记 in the national list: 身份证, 劳动合同 (在职职工) …; Hubei's 必填项 fill the form. */

const screens = 'test-results/screens';
test.beforeAll(() => fs.mkdirSync(screens, { recursive: true }));

test('窗口受理: complete materials → 受理, case number and 受理回执 with item and due date; 办件查询 shows and advances it', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await openCounter(page);
  await expect(page.getByTestId('reader-panel')).toBeVisible();
  await fillApplicant(page, APPLICANT);
  await expect(page.getByText(/✓ 男 · 1988-05-12 出生/)).toBeVisible();
  await pickItem(page, 'zgcbdj', ITEM);

  // 办理情形 decides the materials and the time limit.
  await expect(page.getByTestId('accept-blocked')).toContainText('请先回答');
  await page.getByRole('group', { name: /人员类别|在职/ }).getByText('在职职工').click();
  await expect(page.getByTestId('time-limit')).toContainText('5个工作日');
  await expect(page.getByTestId('accept-blocked')).toContainText('缺少或不符合要求的材料');

  // Keyboard: the focused row takes 1–6; then the rest at once.
  const first = page.getByTestId('materials').locator('tbody tr').first();
  await first.focus();
  await page.keyboard.press('2');
  await expect(first.locator('.ant-select')).toContainText('已收复印件');
  await page.getByRole('button', { name: '全部已收原件' }).click();
  await expect(page.getByTestId('accept-blocked')).toHaveCount(0);
  await fillIntakeFields(page, APPLICANT.id);
  const due = (await page.getByTestId('time-limit').locator('.due').textContent())!.trim();
  // Real today: from late December the date falls in a year not loaded yet and is 暂定.
  expect(due).toMatch(/^\d{4}-\d{2}-\d{2}(暂定)?$/);
  await page.screenshot({ path: `${screens}/counter-form.png`, fullPage: true });

  await page.keyboard.press('Control+Enter');
  const caseNo = page.getByTestId('case-number');
  await expect(caseNo).toHaveText(/^\d{21}$/);
  const preview = page.getByTestId('document-preview');
  await expect(preview).toContainText('受理回执');
  await expect(preview).toContainText(ITEM);
  const [y, m, d] = due.slice(0, 10).split('-').map(Number);
  await expect(preview).toContainText(`承诺办结日期${y}年${m}月${d}日`);
  await expect(preview.getByTestId('doc-qr')).toBeVisible();
  await page.screenshot({ path: `${screens}/counter-accepted.png`, fullPage: true });
  const number = (await caseNo.textContent())!;

  // PDF download
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  // 扫描材料 is offered right after 受理: the materials with 扫描 / 拍照 (the simulator scanner).
  await page.getByTestId('intake-scan').click();
  const scans = page.getByRole('dialog', { name: /^材料扫描件/ });
  await scans.locator('.scan-material').first().getByRole('button', { name: '扫描' }).click();
  await expect(scans.getByTestId('scan-progress')).toContainText('扫描完成：1 页');
  await expect(scans.getByTestId('scan-thumb')).toHaveCount(1);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${screens}/counter-accepted-scans.png` });
  await page.keyboard.press('Escape');
  await expect(scans).toBeHidden();

  // Alt+N: the same person's next item — the applicant stays, the item box has the focus.
  await page.keyboard.press('Alt+N');
  await expect(page.getByLabel('申请人证件号码')).toHaveValue(APPLICANT.id);
  await expect(page.getByLabel('事项', { exact: true })).toBeFocused();

  // The item is now first among the recent ones.
  await page.getByLabel('事项', { exact: true }).click();
  await expect(page.locator('.ant-select-item-group', { hasText: '最近办理' })).toBeVisible();
  await expect(page.locator('.ant-select-item-option').first()).toContainText(ITEM);
  await page.keyboard.press('Escape');

  // 办件查询: masked in the list, in full in the detail; 审核通过 then 办结.
  await page.keyboard.press('Alt+0');
  await expect(page).toHaveURL(/#\/cases$/);
  const table = page.getByTestId('cases-table');
  const row = table.locator('tr', { hasText: number });
  await expect(row).toBeVisible();
  await expect(row).toContainText('已受理');
  await expect(row).not.toContainText(APPLICANT.id);
  await expect(row).not.toContainText(APPLICANT.name);
  await page.screenshot({ path: `${screens}/cases-list.png`, fullPage: true });
  await row.click();
  const drawer = page.getByRole('dialog', { name: /^办件 / });
  await expect(drawer).toContainText(APPLICANT.id);
  await expect(drawer.getByTestId('case-actions')).toContainText('审核通过');
  // Wait for the drawer to finish sliding in before the picture.
  await expect.poll(async () => Math.round((await drawer.boundingBox())?.x ?? 0) + Math.round((await drawer.boundingBox())?.width ?? 0)).toBeLessThanOrEqual(1366);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${screens}/cases-detail.png` });
  await drawer.getByRole('button', { name: '审核通过' }).click();
  await page.getByRole('button', { name: '确认审核通过' }).click();
  await expect(drawer.locator('.case-status-big')).toHaveText('审核通过');
  await drawer.getByRole('button', { name: '办结' }).click();
  await page.getByRole('button', { name: '确认办结' }).click();
  await expect(page.getByText('请填写办理结果')).toBeVisible();
  await page.getByLabel('办理结果').fill('参保登记已完成，自次月起享受待遇');
  await page.getByRole('button', { name: '确认办结' }).click();
  await expect(drawer.locator('.case-status-big')).toHaveText('已办结');
  await expect(drawer.getByTestId('case-actions')).toHaveCount(0);
  await expect(drawer).toContainText('办结通知');
  await page.screenshot({ path: `${screens}/cases-completed.png` });
});

test('一次性告知: the notice lists exactly the missing materials', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await openCounter(page);
  await fillApplicant(page, { id: makeResidentId({ birthDate: '1975-11-30', sex: '女', seq: 140 }), name: '测试乙', phone: '0371-66668888' });
  await pickItem(page, '职工参保', ITEM);
  await page.getByRole('group', { name: /人员类别|在职/ }).getByText('在职职工').click();
  const rows = page.getByTestId('materials').locator('tbody tr');
  // 在职职工: the 参保登记表 and a copy of the ID card.
  await expect(rows).toHaveCount(2);
  const count = await rows.count();
  // The first material is brought; every other one is missing (the default).
  await rows.first().focus();
  await page.keyboard.press('1');
  const missing: string[] = [];
  for (let i = 1; i < count; i++) missing.push((await rows.nth(i).locator('.mat-name').evaluate((el) => el.firstChild?.textContent ?? ''))!.trim());
  await expect(page.getByRole('button', { name: /^受理/ })).toBeDisabled();
  await expect(page.getByTestId('accept-blocked')).toContainText(missing[0]!);

  // A reason is required.
  await page.getByRole('button', { name: '一次性告知' }).click();
  await expect(page.getByText('请填写一次性告知的理由')).toBeVisible();
  await page.getByLabel('告知或不予受理理由').fill('申请材料不齐全，请补齐后再来办理');
  await page.screenshot({ path: `${screens}/counter-correction-form.png`, fullPage: true });
  await page.getByRole('button', { name: '一次性告知' }).click();

  await expect(page.getByTestId('intake-result')).toContainText('已一次性告知补正');
  const preview = page.getByTestId('document-preview');
  await expect(preview).toContainText('一次性告知');
  const list = preview.locator('.doc-list', { hasText: '需补正的材料' }).locator('li');
  await expect(list).toHaveCount(missing.length);
  for (let i = 0; i < missing.length; i++) await expect(list.nth(i)).toContainText(missing[i]!);
  await page.screenshot({ path: `${screens}/counter-notice.png`, fullPage: true });
});

test('bad input: a wrong check digit is reported at the field and nothing is saved', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await openCounter(page);
  const good = makeResidentId({ birthDate: '1990-02-28', sex: '女', seq: 33 });
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  await page.getByLabel('申请人证件号码').fill(bad);
  const field = page.locator('.ant-form-item', { has: page.getByLabel('申请人证件号码') });
  await expect(field.locator('.ant-form-item-explain-error')).toContainText('校验位');
  await page.getByLabel('申请人姓名').fill('测试丙');
  await pickItem(page, '城乡居民参保登记', '城乡居民参保登记');
  await page.getByRole('button', { name: '全部已收原件' }).click();
  await fillIntakeFields(page, APPLICANT.id);
  await page.keyboard.press('Control+Enter');
  await expect(field.locator('.ant-form-item-explain-error')).toContainText('校验位');
  await expect(page.getByTestId('intake-result')).toHaveCount(0);
  await page.screenshot({ path: `${screens}/counter-bad-id.png`, fullPage: true });

  await page.keyboard.press('Alt+0');
  await expect(page.getByTestId('cases-table')).toContainText('没有符合条件的办件');
});

test('春节: a 5-working-day item accepted on 2026-02-12 is due 2026-02-26', async ({ page }) => {
  // Hall clock on Thursday 12 Feb 2026. Working days after it: 13 Feb (Fri), 14 Feb (Sat, 调休上班),
  // then 春节 15–23 Feb, then 24, 25, 26 Feb → the 5th is 26 Feb.
  const host = await startWebHostProcess({ MEDINS_CLOCK: '2026-02-12T09:30:00+08:00' });
  try {
    await prepareHall(host.url);
    await signIn(page, host, 'clerk1');
    await openCounter(page);
    await fillApplicant(page, { id: makeResidentId({ birthDate: '1992-07-01', sex: '男', seq: 88 }), name: '测试丁', phone: '13900002222' });
    await pickItem(page, 'zgcbdj', ITEM);
    await page.getByRole('group', { name: /人员类别|在职/ }).getByText('在职职工').click();
    await expect(page.getByTestId('time-limit').locator('.due')).toHaveText('2026-02-26');
    await page.getByRole('button', { name: '全部已收原件' }).click();
    await fillIntakeFields(page, APPLICANT.id);
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('case-number')).toHaveText(/^\d{6}20260212\d{7}$/);
    await expect(page.getByTestId('document-preview')).toContainText('承诺办结日期2026年2月26日');
    await page.screenshot({ path: `${screens}/counter-spring-festival.png`, fullPage: true });
  } finally {
    await host.stop();
    e2eDataDirs.push(host.dataDir);
  }
});
