import fs from 'node:fs';
import { test, expect, signIn, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';
import { makeResidentId } from '../fixtures/identity';

/** 窗口工作台 beyond the happy path: stale data refused by field, 不予受理通知书, keys, 实名取号. */
const shots = 'test-results/screens';
test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

const GOOD = makeResidentId({ birthDate: '1988-06-15', sex: '女', seq: 52 });
const BAD = GOOD.slice(0, 17) + (GOOD[17] === '0' ? '1' : '0');

test('defect 1: a corrected ID number is what is stored; a 受理信息 edited to contradict it is refused at the field', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, webHost, 'clerk1');
  await expect(page.getByTestId('workstation')).toBeVisible();
  // Typed with a wrong check digit, item chosen, then corrected.
  await page.getByLabel('申请人证件号码').fill(BAD);
  await page.getByLabel('申请人姓名').fill('测试甲');
  await page.keyboard.press('F3');
  await page.keyboard.type('城乡居民参保登记');
  await expect(page.locator('.ant-select-item-option-active')).toContainText('城乡居民参保登记');
  await page.keyboard.press('Enter');
  const idDoc = page.getByTestId('derived-证件类型及号码');
  await expect(idDoc).toContainText(BAD);
  await page.getByLabel('申请人证件号码').fill(GOOD);
  // The derived field follows the applicant: nothing stale is left on the form.
  await expect(idDoc).toContainText(GOOD);
  await page.getByRole('button', { name: '全部已收原件' }).click();
  await page.getByLabel('申请人联系电话').fill('13900003333');
  await page.getByTestId('intake-fields').getByText('无业成年人', { exact: true }).click();
  // Typed by hand (no card): the address has to be typed too.
  await page.getByLabel('户籍地址', { exact: true }).fill('河南省郑州市二七区样例路3号');

  // The clerk edits the mirrored field on purpose, back to the old number: core refuses it there.
  await page.getByRole('button', { name: '修改证件类型及号码' }).click();
  const edited = page.getByLabel('证件类型及号码', { exact: true });
  await edited.fill(`居民身份证 ${BAD}`);
  await page.keyboard.press('Control+Enter');
  const field = page.locator('.ant-form-item', { has: edited });
  await expect(field.locator('.ant-form-item-explain-error')).toContainText('与申请人证件号码');
  await expect(page.getByTestId('intake-result')).toHaveCount(0);
  await expect(page.getByLabel('申请人联系电话')).toHaveValue('13900003333');
  await page.screenshot({ path: `${shots}/workstation-contradiction.png` });

  // 恢复 makes it follow the applicant again; then it is accepted with one number throughout.
  await field.getByRole('button', { name: '恢复' }).click();
  await page.keyboard.press('Control+Enter');
  const caseNo = (await page.getByTestId('case-number').textContent())!;
  const clerk = httpClient(webHost.url, {}, (await httpClient(webHost.url).auth.login({ username: 'clerk1', password: PASSWORD })).token);
  const stored = await clerk.cases.get({ caseNo });
  expect(stored.applicant.idNumber).toBe(GOOD);
  expect(stored.form['证件类型及号码']).toContain(GOOD);
  expect(JSON.stringify(stored.form)).not.toContain(BAD);
});

test('不予受理 gives a 不予受理通知书 with the remedies; F1 lists the screen keys', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, webHost, 'clerk1');
  await page.keyboard.press('F1');
  const help = page.getByTestId('shortcut-help');
  for (const key of ['F5', 'F10', 'F2', 'F3', 'Ctrl+Enter', 'F4', 'Alt+N']) await expect(help).toContainText(key);
  await page.screenshot({ path: `${shots}/workstation-keys.png` });
  await page.keyboard.press('Escape');

  await page.getByLabel('申请人证件号码').fill(GOOD);
  await page.getByLabel('申请人姓名').fill('测试乙');
  await page.keyboard.press('F3');
  await page.keyboard.type('zgcbdj');
  await expect(page.locator('.ant-select-item-option-active')).toContainText('职工参保登记');
  await page.keyboard.press('Enter');
  await page.getByLabel('告知或不予受理理由').fill('不属于本窗口受理范围');
  await page.getByRole('button', { name: '不予受理' }).click();
  await expect(page.getByTestId('intake-result')).toContainText('不予受理');
  const doc = page.getByTestId('document-preview');
  await expect(doc).toContainText('不予受理通知书');
  await expect(doc).toContainText('不属于本窗口受理范围');
  await expect(doc).toContainText('行政复议');
  await expect(doc).toContainText('行政诉讼');
  await expect(doc).not.toContainText('需补正的材料');
  // No blank of a message template (如有疑问，请咨询*******(电话)) ever reaches the citizen.
  await expect(doc).not.toContainText('(电话)');
  await expect(doc).not.toContainText('**年');
  await expect(doc).toContainText('王窗口');
  await page.screenshot({ path: `${shots}/workstation-refusal.png` });
});

test('实名取号: the kiosk ticket brings its holder onto the workstation; the board shows the name masked', async ({ page, webHost }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const admin = httpClient(webHost.url, {}, (await httpClient(webHost.url).auth.login({ username: 'admin', password: PASSWORD })).token);
  await admin.settings.update({ queue: { realNameTickets: true } });
  const holder = { idKind: 'resident' as const, idNumber: GOOD, name: '欧阳小红', sex: '女' as const, birthDate: '1988-06-15', address: '河南省郑州市金水区演示路9号', cardSource: 'idcard' as const };
  await admin.queue.saveCounter({ number: 3, name: '综合窗口', categories: ['A'] });
  const { ticket } = await admin.queue.take({ categoryId: 'A', priorityKind: null, holder });
  expect(ticket.holderName).toBe('欧**红');
  expect(JSON.stringify(await admin.queue.snapshot())).not.toContain('欧阳小红');

  await signIn(page, webHost, 'clerk1');
  await expect(page.getByTestId('counter-waiting')).toContainText('1');
  await page.keyboard.press('F5');
  await expect(page.getByTestId('current-ticket')).toContainText(ticket.label);
  await expect(page.getByLabel('申请人姓名')).toHaveValue('欧阳小红');
  await expect(page.getByLabel('申请人证件号码')).toHaveValue(GOOD);
  await expect(page.getByLabel('事项', { exact: true })).toBeFocused();
  await page.screenshot({ path: `${shots}/workstation-real-name.png` });
});
