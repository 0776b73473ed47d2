import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { test, expect, signIn, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';

interface Spoken {
  text: string;
  start: number;
  end: number | null;
}

/**
 * Headless Chromium has no voices: a stand-in speechSynthesis with one zh-CN voice records what
 * the board says and when, each utterance taking 400 ms.
 */
const speechStub = () => {
  const spoken: Array<{ text: string; start: number; end: number | null }> = [];
  (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
  class Utterance {
    text: string;
    lang = '';
    voice: unknown = null;
    rate = 1;
    volume = 1;
    onend: ((e: Event) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  const synth = {
    speaking: false,
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => [{ name: '测试中文语音', lang: 'zh-CN', default: true, localService: true, voiceURI: 'stub-zh' }],
    speak(u: Utterance) {
      const rec = { text: u.text, start: performance.now(), end: null as number | null };
      spoken.push(rec);
      setTimeout(() => {
        rec.end = performance.now();
        u.onend?.(new Event('end'));
      }, 400);
    },
    cancel() {},
    pause() {},
    resume() {},
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
};

async function devicePage(browser: Browser, url: string, init?: () => void, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('排队叫号: kiosk takes tickets, the clerk calls them in the 2:1 order, the board shows and announces each call', async ({ browser, page, webHost }) => {
  test.setTimeout(120_000);
  fs.mkdirSync('test-results/screens', { recursive: true });
  const anon = httpClient(webHost.url);
  const { token } = await anon.auth.login({ username: 'admin', password: PASSWORD });
  const admin = httpClient(webHost.url, {}, token);
  const kioskToken = (await admin.devices.issue({ name: '一楼取号机', scope: 'kiosk' })).token;
  const boardToken = (await admin.devices.issue({ name: '一楼叫号屏', scope: 'board' })).token;
  await admin.settings.update({ queue: { notice: '请携带有效身份证件，按叫号顺序到指定窗口办理。午间 12:00–13:30 部分窗口暂停服务。' } });

  // Without a token the device pages say how to configure them.
  const bare = await devicePage(browser, new URL('/#/board', webHost.url).toString());
  await expect(bare.getByTestId('device-setup')).toContainText('用户管理 → 设备令牌');
  await expect(bare.getByTestId('device-setup')).toContainText('#/board?token=');
  await bare.screenshot({ path: 'test-results/screens/board-no-token.png' });
  await bare.context().close();
  // A wrong (or revoked) token: the kiosk says so instead of spinning.
  const wrong = await devicePage(browser, new URL('/#/kiosk?token=not-a-real-token', webHost.url).toString());
  await expect(wrong.getByTestId('device-setup')).toContainText('取号机尚未配置');
  await expect(wrong.locator('.device-setup-reason')).toHaveText('本设备保存的令牌无效或已作废，请重新生成令牌。');
  await wrong.screenshot({ path: 'test-results/screens/kiosk-bad-token.png' });
  await wrong.context().close();

  // The board, with a stand-in voice; the token leaves the address once kept.
  const board = await devicePage(browser, new URL(`/#/board?token=${boardToken}`, webHost.url).toString(), speechStub);
  await expect(board.getByTestId('board')).toBeVisible();
  await expect(board).toHaveURL(/#\/board$/);
  await expect(board.getByTestId('board-counter-3')).toBeVisible();
  await expect(board.getByText('郑州市医疗保障服务中心')).toBeVisible();

  // The kiosk: A, B, A with priority (老年人), B, A.
  const kiosk = await devicePage(browser, new URL(`/#/kiosk?token=${kioskToken}`, webHost.url).toString(), undefined, { width: 1080, height: 1920 });
  await expect(kiosk.getByTestId('kiosk-category-A')).toBeVisible();
  await kiosk.screenshot({ path: 'test-results/screens/kiosk.png' });
  const take = async (category: 'A' | 'B', label: string, priority?: string) => {
    if (priority) await kiosk.getByRole('button', { name: priority }).click();
    await kiosk.getByTestId(`kiosk-category-${category}`).click();
    await expect(kiosk.getByTestId('kiosk-ticket-number')).toHaveText(label);
  };
  await take('A', 'A001');
  await expect(kiosk.getByTestId('kiosk-ticket')).toContainText('参保登记');
  await expect(kiosk.getByTestId('kiosk-ticket-ahead')).toHaveText('0 人');
  await expect(kiosk.getByTestId('kiosk-ticket')).toContainText('郑州市医疗保障服务中心');
  await kiosk.getByRole('button', { name: /完成/ }).click();
  await take('B', 'B001');
  await kiosk.getByRole('button', { name: /完成/ }).click();
  await take('A', 'A002', '老年人');
  await expect(kiosk.getByTestId('kiosk-ticket')).toContainText('优先：老年人');
  await kiosk.screenshot({ path: 'test-results/screens/kiosk-ticket.png' });
  await kiosk.emulateMedia({ media: 'print' });
  await kiosk.screenshot({ path: 'test-results/screens/kiosk-print.png' });
  await kiosk.emulateMedia({ media: 'screen' });
  // The ticket view goes back to the start by itself after 10 s.
  await expect(kiosk.getByTestId('kiosk-ticket')).toBeHidden({ timeout: 13_000 });
  await take('B', 'B002');
  await kiosk.getByRole('button', { name: /完成/ }).click();
  await kiosk.getByRole('button', { name: '大字模式（适老化）' }).click();
  await expect(kiosk.getByTestId('kiosk')).toHaveClass(/kiosk-large/);
  await kiosk.screenshot({ path: 'test-results/screens/kiosk-large.png' });
  await take('A', 'A003');
  await kiosk.getByRole('button', { name: /完成/ }).click();
  await expect(board.getByTestId('board-waiting')).toContainText('参保登记 等候 3 人');
  await expect(board.getByTestId('board-waiting')).toContainText('待遇报销 等候 2 人');

  // The clerk at counter 3: F5 calls, F7 starts, F10 finishes — in the interleave 2:1 order.
  await signIn(page, webHost, 'clerk1');
  await page.keyboard.press('Alt+2');
  await expect(page).toHaveURL(/#\/queue$/);
  const panel = page.getByTestId('call-panel');
  await expect(panel.getByTestId('waiting-line').locator('tbody tr.ant-table-row')).toHaveCount(5);
  const lineOrder = await panel.getByTestId('waiting-line').locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
  expect(lineOrder).toEqual(['A001', 'B001', 'A002', 'B002', 'A003']);
  await page.screenshot({ path: 'test-results/screens/queue-panel.png' });

  const expected = ['A001', 'B001', 'A002', 'B002', 'A003'];
  for (const [i, label] of expected.entries()) {
    await page.keyboard.press('F5');
    await expect(panel.getByTestId('current-ticket')).toContainText(label);
    const text = `请 ${label} 号 到 3 号窗口办理`;
    await expect(board.getByTestId('board-counter-3')).toContainText(label);
    await expect(board.getByTestId('board-recent').locator('li').first()).toContainText(label);
    await expect(board.getByTestId('board-announcement')).toHaveText(text);
    if (i === 2) {
      // A recall is announced again, after the first announcement has finished.
      await page.keyboard.press('F6');
      await expect(panel.getByTestId('current-ticket')).toContainText('已呼 2 次');
      await page.screenshot({ path: 'test-results/screens/queue-called.png' });
      await board.screenshot({ path: 'test-results/screens/board.png' });
    }
    await page.keyboard.press('F7');
    await expect(panel.getByTestId('current-ticket')).toContainText('办理中');
    await page.keyboard.press('F10');
    await expect(panel.getByTestId('current-ticket')).toBeHidden();
  }
  await page.keyboard.press('F5');
  await expect(page.getByText('当前没有等候的号')).toBeVisible();

  // Every call spoken once (the recall twice), in order, never two at a time.
  await expect.poll(async () => (await board.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken)).filter((s) => s.end !== null).length, { timeout: 15_000 }).toBe(6);
  const spoken = await board.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken);
  expect(spoken.map((s) => s.text)).toEqual(['A001', 'B001', 'A002', 'A002', 'B002', 'A003'].map((l) => `请 ${l} 号 到 3 号窗口办理`));
  for (let i = 1; i < spoken.length; i++) expect(spoken[i]!.start).toBeGreaterThanOrEqual(spoken[i - 1]!.end!);

  // A reload of the board does not read the calls out again.
  await board.reload();
  await expect(board.getByTestId('board-recent').locator('li').first()).toContainText('A003');
  await board.waitForTimeout(1500);
  expect(await board.evaluate(() => (window as unknown as { __spoken: Spoken[] }).__spoken.length)).toBe(0);
  await board.screenshot({ path: 'test-results/screens/board-after.png' });
});

test('排队管理: the console shows counters and the line, moves, re-prioritises and cancels tickets, pauses need a reason', async ({ page, webHost }) => {
  fs.mkdirSync('test-results/screens', { recursive: true });
  const anon = httpClient(webHost.url);
  const { token } = await anon.auth.login({ username: 'admin', password: PASSWORD });
  const admin = httpClient(webHost.url, {}, token);
  await admin.users.create({ username: 'qm1', displayName: '李排队', roles: ['queueManager'], counters: [], password: 'Initial2026' });
  const qm = await anon.auth.login({ username: 'qm1', password: 'Initial2026' });
  await httpClient(webHost.url, {}, qm.token).auth.changePassword({ current: 'Initial2026', next: PASSWORD });
  await admin.queue.saveCategory({ id: 'A', name: '参保登记', items: [], rangeStart: 1, rangeEnd: 999, dailyCap: 2, enabled: true });
  await admin.queue.saveCounter({ number: 5, name: '综合窗口', categories: ['B', 'D'] });
  for (const c of ['A', 'A', 'B', 'C'] as const) await admin.queue.take({ categoryId: c, priorityKind: null });

  await signIn(page, webHost, 'qm1');
  await page.keyboard.press('Alt+q');
  await expect(page).toHaveURL(/#\/queue\/console$/);
  const waiting = page.getByTestId('console-waiting');
  await expect(waiting.locator('tbody tr.ant-table-row')).toHaveCount(4);
  await expect(page.getByTestId('queue-stats')).toContainText('今日已取完');
  await page.screenshot({ path: 'test-results/screens/queue-console.png' });

  // Move C001 to 综合业务, make B001 a priority ticket, cancel A002 with a reason.
  await page.getByLabel('C001 业务类别').click();
  await page.locator('.ant-select-item-option', { hasText: 'D 综合业务' }).click();
  await expect(page.getByText('C001 号已移到 D 类')).toBeVisible();
  await page.getByLabel('B001 优先').click();
  await page.locator('.ant-select-item-option', { hasText: '孕妇' }).click();
  await expect(page.getByText('B001 号已改为孕妇')).toBeVisible();
  await waiting.locator('tr', { hasText: 'A002' }).getByRole('button', { name: '取消' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: '取消此号' })).toBeDisabled();
  await dialog.getByLabel('取消原因').fill('群众已离开');
  await dialog.getByRole('button', { name: '取消此号' }).click();
  await expect(waiting.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(dialog).toBeHidden();
  const snap = await admin.queue.snapshot();
  expect(snap.waiting.map((t) => `${t.label}:${t.categoryId}:${t.priorityKind ?? ''}`).sort()).toEqual(['A001:A:', 'B001:B:孕妇', 'C001:D:']);

  // A new counter starts closed: open counter 5 from the console, then close it again.
  const s5 = page.getByLabel('5 号窗口开放');
  await expect(s5).not.toBeChecked();
  await s5.click();
  await expect(s5).toBeChecked();
  expect((await admin.queue.snapshot()).counters.find((c) => c.number === 5)?.open).toBe(true);
  await s5.click();
  await expect(s5).not.toBeChecked();
  await expect(page.getByRole('row', { name: /5 号窗口/ })).toContainText('已关闭');
  await expect(page.getByText('与系统的连接中断')).toBeHidden();
  await page.getByRole('tab', { name: '类别与窗口' }).click();
  await expect(page.getByRole('cell', { name: '综合窗口', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '新增类别' }).click();
  await page.getByLabel('号码字头（一个大写字母）').fill('E');
  await page.getByLabel('类别名称').fill('医保关系转移');
  await page.getByRole('button', { name: /^保\s*存$/ }).click();
  await expect(page.getByText('已保存业务类别 E 医保关系转移')).toBeVisible();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('cell', { name: '医保关系转移' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/queue-config.png' });

  // The clerk pauses with a reason; the board-facing state carries it.
  await page.evaluate(() => window.sessionStorage.clear());
  await signIn(page, webHost, 'clerk1');
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: '暂停服务' }).click();
  const pause = page.getByRole('dialog');
  await expect(pause.getByRole('button', { name: /^暂\s*停$/ })).toBeDisabled();
  await pause.getByText('午间休息').click();
  await pause.getByRole('button', { name: /^暂\s*停$/ }).click();
  await expect(page.getByTestId('call-panel')).toContainText('暂停服务：午间休息');
  await expect(pause).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/queue-paused.png' });
  expect((await admin.queue.snapshot()).counters.find((c) => c.number === 3)?.pausedReason).toBe('午间休息');
  await page.getByRole('button', { name: '恢复服务' }).click();
  await expect(page.getByTestId('call-panel')).toContainText('服务中');
});
