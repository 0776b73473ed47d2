import fs from 'node:fs';
import path from 'node:path';
import { httpClient } from '../fixtures/clients';
import { makeResidentId } from '../fixtures/identity';
import { sampleForm } from '../fixtures/cases';
import type { Page } from '@playwright/test';
import { test, expect, PASSWORD } from './fixtures';

/** A case accepted through the API by clerk1 (counter 3): national 职工参保登记, all materials received. */
async function acceptCase(url: string) {
  const anon = httpClient(url);
  const { token } = await anon.auth.login({ username: 'clerk1', password: PASSWORD });
  const clerk = httpClient(url, {}, token);
  const answers = { personType: 'employed' };
  const req = await clerk.cases.requirements({ item: '002036001002', answers, flags: [] });
  return clerk.cases.intake({
    item: '002036001002',
    applicant: { idKind: 'resident', idNumber: makeResidentId({ region: '410102', birthDate: '1975-04-18', sex: '男', seq: 33 }), name: '张建国', phone: '13800000000' },
    answers,
    materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })),
    form: sampleForm(req.fields),
    decision: 'accept',
  });
}

const shot = async (page: Page, name: string) => {
  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: path.join('test-results/screens', name), fullPage: true });
};

test('办理进度查询 opens without signing in from the QR address and shows status, steps and a masked name', async ({ page, webHost }) => {
  const c = await acceptCase(webHost.url);
  await page.goto(new URL(`/#/progress?code=${c.queryCode}`, webHost.url).toString());

  await expect(page.getByRole('heading', { name: '办理进度查询' })).toBeVisible();
  await expect(page.getByLabel('用户名')).toHaveCount(0); // no login screen in front of it
  await expect(page.getByLabel('查询码')).toHaveValue(c.queryCode);
  await expect(page.getByTestId('progress-status')).toHaveText('已受理');
  await expect(page.getByTestId('progress-name')).toHaveText('张**');
  await expect(page.getByTestId('progress-result')).toContainText('职工参保登记');
  await expect(page.getByTestId('progress-result')).toContainText(c.caseNo);
  const steps = page.getByTestId('progress-steps').locator('li');
  await expect(steps.first()).toContainText('受理');
  await expect(steps.first()).toHaveClass(/done/);
  await expect(page.getByTestId('progress-due')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  // Nothing personal beyond the masked name.
  await expect(page.locator('body')).not.toContainText('张建国');
  await expect(page.locator('body')).not.toContainText(c.applicant.idNumber);
  await shot(page, 'progress.png');
});

test('办理进度查询: a wrong or malformed code gives a clear Chinese message; typing the right one finds the case', async ({ page, webHost }) => {
  const c = await acceptCase(webHost.url);
  await page.goto(new URL(`/#/progress`, webHost.url).toString());
  const box = page.getByLabel('查询码');

  await box.fill('ZZZZZZZZ');
  await page.getByRole('button', { name: /查\s*询/ }).click();
  await expect(page.getByTestId('progress-error')).toContainText('未找到该查询码对应的办件');
  await expect(page.getByTestId('progress-result')).toHaveCount(0);
  await shot(page, 'progress-not-found.png');

  await box.fill('12');
  await box.press('Enter');
  await expect(page.getByTestId('progress-error')).toContainText('查询码为6位以上的字母或数字');

  await box.fill(c.queryCode.toLowerCase());
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/progress\\?code=${c.queryCode}$`));
  await expect(page.getByTestId('progress-status')).toHaveText('已受理');
  await expect(page.getByTestId('progress-error')).toHaveCount(0);
});

test('办理进度查询 shows step times in the hall’s time zone (a hall in Ürümqi), whatever the browser’s zone', async ({ page, webHost }) => {
  const anon = httpClient(webHost.url);
  const admin = httpClient(webHost.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
  await admin.settings.update({ hall: { timeZone: 'Asia/Urumqi' } });
  const c = await acceptCase(webHost.url);
  const acceptedAt = c.history.find((h) => h.action === 'accept')!.at;
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Urumqi', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(acceptedAt)).map((p) => [p.type, p.value]));
  await page.goto(new URL(`/#/progress?code=${c.queryCode}`, webHost.url).toString());
  await expect(page.getByTestId('progress-steps').locator('li').first()).toContainText(`${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
});
