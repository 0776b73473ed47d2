import fs from 'node:fs';
import { test, expect, signIn, PASSWORD, type WebHostProcess } from './fixtures';
import { httpClient, type TestClient } from '../fixtures/clients';
import { makeResidentId } from '../fixtures/identity';
import { sampleForm } from '../fixtures/cases';

const shots = '/tmp/print-shots';
test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

async function api(host: WebHostProcess, username: string): Promise<TestClient> {
  const { token } = await httpClient(host.url).auth.login({ username, password: PASSWORD });
  return httpClient(host.url, {}, token);
}

/** 受理 through the API (the intake screen has its own tests): applicant 王喆, all materials received. */
async function acceptCase(clerk: TestClient): Promise<string> {
  const answers = { personType: 'employed' };
  const req = await clerk.cases.requirements({ item: '002036001002', answers });
  const detail = await clerk.cases.intake({
    item: '002036001002',
    applicant: { idKind: 'resident', idNumber: makeResidentId({ birthDate: '1990-03-04', sex: '男', seq: 77 }), name: '王喆', phone: '13900001111' },
    answers,
    materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })),
    form: sampleForm(req.fields),
    decision: 'accept',
  });
  return detail.caseNo;
}

test('小票: print a 受理回执 from the case to the simulator, see it on screen; paper out is said in Chinese and reprinted from 打印任务', async ({ page, webHost }) => {
  const clerk = await api(webHost, 'clerk1');
  const admin = await api(webHost, 'admin');
  const caseNo = await acceptCase(clerk);

  await signIn(page, webHost, 'clerk1');
  await expect(page.getByTestId('printer-status-tag')).toHaveText('打印机：模拟器');
  await page.keyboard.press('Alt+0');
  await page.getByTestId('cases-table').locator('tr', { hasText: caseNo }).click();
  const drawer = page.getByRole('dialog', { name: /^办件 / });
  const receiptRow = drawer.locator('.case-doc-row', { hasText: '受理回执' });

  // 小票预览: the layout drawn by core, as the printer will print it.
  await receiptRow.getByRole('button', { name: '小票预览' }).click();
  const preview = page.getByTestId('receipt-preview');
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/receipt-preview.png` });
  await page.keyboard.press('Escape');

  // 打印小票 → the simulator prints it and the decoded receipt opens.
  await receiptRow.getByRole('button', { name: '打印小票' }).click();
  await expect(page.getByText('受理回执已打印')).toBeVisible();
  await expect(page.getByTestId('simulator-received')).toContainText('字节');
  await expect.poll(() => page.getByTestId('simulator-receipt').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/receipt-printed.png` });
  const printed = await clerk.printing.simulator.last();
  expect(printed?.lines).toContain('申请人：      王喆');
  expect(printed?.lines).toContain(`办件编号：    ${caseNo}`);
  expect(printed?.lines.some((l) => l.startsWith('[二维码 '))).toBe(true);
  await page.keyboard.press('Escape');

  // Paper out: the clerk is told, the header shows it, the job waits in 打印任务.
  await admin.printing.simulator.setCondition({ paperOut: true });
  await receiptRow.getByRole('button', { name: '打印小票' }).click();
  await expect(page.getByText(/受理回执未能打印：打印机缺纸，请装纸。已留在打印队列/)).toBeVisible();
  await expect(page.getByTestId('printer-status-tag')).toHaveText('打印机缺纸', { timeout: 15_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+P');
  await expect(page).toHaveURL(/#\/print-jobs$/);
  const waiting = page.getByTestId('print-jobs').locator('tbody tr').first();
  await expect(waiting).toContainText('打印机缺纸，请装纸');
  await expect(waiting).toContainText('等待打印');
  await page.screenshot({ path: `${shots}/print-jobs.png` });
  await admin.printing.simulator.setCondition({ paperOut: false });
  await waiting.getByRole('button', { name: '重新打印' }).click();
  await expect(waiting).toContainText('已打印');
  await expect(page.getByTestId('printer-status-tag')).toHaveText('打印机：模拟器', { timeout: 15_000 });
  expect((await clerk.printing.simulator.last())?.seq).toBe((printed?.seq ?? 0) + 1);
});

test('设置: the receipt printer section shows state and test page; 测试打印 prints to the simulator', async ({ page, webHost }) => {
  await signIn(page, webHost, 'admin');
  await page.keyboard.press('Alt+5');
  const section = page.getByTestId('printer-settings');
  await expect(section.getByTestId('printer-status')).toContainText('打印机正常');
  await expect.poll(() => section.getByTestId('test-page-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
  await section.getByRole('button', { name: '测试打印' }).click();
  await expect(page.getByText('打印测试页已打印')).toBeVisible();
  await section.getByLabel('打印机类型').click();
  await page.getByTitle('网络打印机（TCP 9100）').click();
  await section.getByLabel('打印机地址').fill('tcp://127.0.0.1:1');
  await section.getByText('58 毫米（每行32字符）').click();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/settings-printer.png`, fullPage: true });
  await section.getByRole('button', { name: '保存打印机设置' }).click();
  await expect(page.getByText('打印机设置已保存')).toBeVisible();
  await expect(section.getByTestId('printer-status')).toContainText('无法连接打印机', { timeout: 15_000 });
  const admin = await api(webHost, 'admin');
  expect((await admin.settings.get()).printer).toMatchObject({ driver: 'tcp', address: 'tcp://127.0.0.1:1', width: 58 });
});

test('取号机: 打印号票 prints the ticket on the receipt printer (simulator) and says so', async ({ browser, webHost }) => {
  const admin = await api(webHost, 'admin');
  const kioskToken = (await admin.devices.issue({ name: '一楼取号机', scope: 'kiosk' })).token;
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1080, height: 1920 } });
  const kiosk = await context.newPage();
  await kiosk.goto(new URL(`/#/kiosk?token=${kioskToken}`, webHost.url).toString());
  await kiosk.getByTestId('kiosk-category-A').click();
  await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText('A001');
  await kiosk.getByRole('button', { name: '打印号票' }).click();
  await expect(kiosk.getByTestId('kiosk-print-note')).toHaveText('号票已打印，请取走号票');
  await kiosk.screenshot({ path: `${shots}/kiosk-ticket-printed.png` });
  const printed = await admin.printing.simulator.last();
  expect(printed?.lines).toContain('A001');
  expect(printed?.lines).toContain('前面还有：0 人');
  await context.close();

  // 系统状态 names the printer.
  const page = await browser.newPage({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 800 } });
  await signIn(page, webHost, 'admin');
  await page.keyboard.press('Alt+6');
  await expect(page.getByText('模拟打印机（培训、无设备时） · 80 毫米')).toBeVisible();
  await page.screenshot({ path: `${shots}/status.png`, fullPage: true });
  await page.close();
});
