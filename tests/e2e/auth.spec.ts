import fs from 'node:fs';
import path from 'node:path';
import { test, expect, signIn, PASSWORD, e2eDataDirs } from './fixtures';
import { checkIdNumber } from '../../shared/identity';
import { makeResidentId } from '../fixtures/identity';

test.beforeAll(() => fs.mkdirSync('test-results/screens', { recursive: true }));

test('first-run setup: nothing opens before it; it creates the admin and signs in', async ({ page, freshHost }) => {
  await page.goto(freshHost.url);
  await expect(page.getByText('首次使用 · 系统设置')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/setup.png', fullPage: true });

  await page.getByLabel('大厅名称').fill('开封市医疗保障服务中心');
  await page.getByLabel('医保区划代码').fill('4102');
  await page.getByLabel('本机窗口号').fill('5');
  await page.getByLabel('用户名').fill('zhangsan');
  await page.getByLabel('姓名').fill('张三');
  await page.getByLabel('密码', { exact: true }).fill('abc');
  await page.getByLabel('确认密码').fill('abc');
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('医保区划代码应为6位数字')).toBeVisible();
  await expect(page.getByText('密码至少8位')).toBeVisible();

  await page.getByLabel('医保区划代码').fill('410200');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码').fill(PASSWORD);
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByTestId('user-menu')).toContainText('张三');
  await expect(page.locator('.shell-header')).toContainText('开封市医疗保障服务中心');
  await expect(page.locator('.shell-header')).toContainText('5 号窗口');
  await expect(page.getByRole('menuitem', { name: /用户管理/ })).toBeVisible();
});

test('login, wrong password, lock with Alt+L, unlock; the audit log shows it all', async ({ page, webHost }) => {
  await page.goto(webHost.url);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('wrong-pass1');
  await page.keyboard.press('Enter');
  await expect(page.getByText('用户名或密码错误（连续输错 5 次将暂停登录 15 分钟）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/login-error.png' });

  await page.getByLabel('密码').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('user-menu')).toContainText('张管理');

  await page.keyboard.press('Alt+L');
  const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
  await expect(lock).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/locked.png' });
  await page.getByLabel('解锁密码').fill('nope12345');
  await page.keyboard.press('Enter');
  await expect(lock.getByText(/用户名或密码错误/)).toBeVisible();
  await page.getByLabel('解锁密码').fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(lock).toBeHidden();

  await page.keyboard.press('Alt+8');
  await expect(page).toHaveURL(/#\/admin\/audit$/);
  const table = page.locator('.ant-table');
  for (const action of ['登录失败', '登录', '锁定屏幕', '解锁', '首次设置', '新增用户']) await expect(table.getByText(action, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/日志链校验完整/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/audit.png', fullPage: true });
});

test('a clerk does not see admin screens and is refused when opening one directly', async ({ page, webHost }) => {
  await signIn(page, webHost, 'clerk1');
  await expect(page.getByRole('menuitem', { name: /用户管理/ })).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: /设置/ })).toHaveCount(0);
  await page.goto(`${webHost.url}#/admin/users`);
  await expect(page.getByText('无权访问')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/clerk-refused.png' });
});

test('the admin adds a clerk, who must set a new password at first login', async ({ page, webHost, browser }) => {
  await signIn(page, webHost);
  await page.keyboard.press('Alt+7');
  await page.getByRole('button', { name: '新增用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新增用户' });
  await dialog.getByLabel('用户名（工号）').fill('li01');
  await dialog.getByLabel('姓名').fill('李四');
  await dialog.getByLabel('初始密码').fill('Start2026');
  await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(page.locator('.ant-table').getByText('李四')).toBeVisible();
  await expect(page.locator('.ant-table').getByText('待改密')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/users.png' });

  const other = await browser.newPage();
  await signIn(other, webHost, 'li01', 'Start2026');
  const dialog2 = other.getByRole('dialog', { name: '首次登录，请设置新密码' });
  await expect(dialog2).toBeVisible();
  await dialog2.getByLabel('原密码').fill('Start2026');
  await dialog2.getByLabel('新密码', { exact: true }).fill('Mine2026x');
  await dialog2.getByLabel('确认新密码').fill('Mine2026x');
  await dialog2.getByRole('button', { name: /^确\s*定$/ }).click();
  await expect(dialog2).toBeHidden();
  await other.close();
});

test('training mode: sample accounts on the login screen, a banner on every screen', async ({ page, freshHost }) => {
  await page.goto(freshHost.url);
  await page.getByRole('button', { name: '进入培训模式' }).click();
  await page.getByRole('button', { name: /^进\s*入$/ }).click();
  await expect(page.getByText('培训账号（仅培训模式可用）')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/training-login.png' });
  await page.getByRole('cell', { name: 'clerk', exact: true }).click();
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
  await expect(page.getByRole('status').getByText('培训模式', { exact: true })).toBeVisible();
  await expect(page.locator('.shell-header')).toContainText('培训演示大厅（培训模式）');
  await page.screenshot({ path: 'test-results/screens/training.png' });
});

test('a personal number typed anywhere never reaches the logs unmasked', async ({ page, webHost }) => {
  await signIn(page, webHost);
  // A clerk pasting an ID number into the wrong field: refused, and masked in every log line.
  const id = makeResidentId({ region: '410102', birthDate: '1988-08-08', sex: '女' });
  await page.request.post(new URL('/rpc/auth/login', webHost.url).toString(), { data: { json: { username: id, password: 'x' } } });
  await page.keyboard.press('Alt+8');
  await expect(page.locator('.ant-table')).toBeVisible();
});

test.afterAll(() => {
  // After the whole suite: no log and no audit export of any host holds a valid ID number.
  const found: string[] = [];
  for (const dir of e2eDataDirs) {
    for (const logDir of [path.join(dir, 'logs'), path.join(dir, 'training', 'logs')]) {
      if (!fs.existsSync(logDir)) continue;
      for (const f of fs.readdirSync(logDir)) {
        const text = fs.readFileSync(path.join(logDir, f), 'utf8');
        for (const m of text.match(/\d{17}[\dXx]/g) ?? []) if (checkIdNumber(m).valid) found.push(`${f}: ${m.slice(0, 4)}…`);
      }
    }
  }
  expect(found).toEqual([]);
});
