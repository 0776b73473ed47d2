import { expect } from './fixtures';
import type { Page } from '@playwright/test';

/** Steps of 窗口受理 through the screen, shared by the specs that start from an intake. */

export async function openCounter(page: Page): Promise<void> {
  await page.keyboard.press('Alt+1');
  await expect(page).toHaveURL(/#\/counter$/);
  await expect(page.getByTestId('counter-page')).toBeVisible();
}

export async function fillApplicant(page: Page, a: { id: string; name: string; phone: string }): Promise<void> {
  await page.getByLabel('申请人证件号码').fill(a.id);
  await page.getByLabel('申请人姓名').fill(a.name);
  await page.getByLabel('申请人联系电话').fill(a.phone);
}

export async function pickItem(page: Page, query: string, name: string): Promise<void> {
  await page.getByLabel('事项', { exact: true }).click();
  await page.keyboard.type(query);
  await page.locator('.ant-select-item-option', { hasText: name }).first().click();
  await expect(page.getByTestId('materials')).toBeVisible();
}

/**
 * Fills every empty typed 受理信息 field with a plausible value of its type (ID fields get the
 * applicant's number) and picks the first answer of every unanswered choice; fields derived from
 * the applicant or a question are left as they are.
 */
export async function fillIntakeFields(page: Page, applicantId: string): Promise<void> {
  const sample: Record<string, string> = { phone: '0371-66661234', bankAccount: '6222020200112233445', date: '2026-01-05', amount: '6500.00', code: 'DW410100001', idNumber: applicantId, text: '在职职工', textarea: '郑州市金水区测试路1号' };
  const inputs = page.getByTestId('intake-fields').locator('[data-field-type]');
  const byName: Record<string, string> = { 人员类别: '在职职工', 参保险种: '职工基本医疗保险', 申报工资: '6500', 变更类别: '新参保' };
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    if ((await input.inputValue()) !== '') continue;
    const label = (await input.getAttribute('aria-label')) ?? '';
    await input.fill(byName[label] ?? sample[(await input.getAttribute('data-field-type')) ?? 'text'] ?? '测试');
  }
  const groups = page.getByTestId('intake-fields').locator('.ant-radio-group');
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    if ((await group.locator('.ant-radio-button-wrapper-checked').count()) === 0) await group.locator('.ant-radio-button-wrapper').first().click();
  }
  if ((await inputs.count()) > 0) await inputs.first().press('Tab');
}
