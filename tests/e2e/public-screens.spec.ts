import fs from 'node:fs';
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, signIn, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';

/**
 * The public screens on a 1366×768 display (the common hall monitor and kiosk): the 适老化
 * mode on each, a 60-character hall name on the board, the built-in voice where the system has
 * no Chinese voice, the icon on every page. Screenshots in test-results/screens/public-*.png.
 */
const SCREEN = { width: 1366, height: 768 };
const LONG_HALL = '河南省郑州市金水区医疗保障事务服务中心（政务服务中心二楼东区）医保经办综合服务大厅第一分厅'.padEnd(60, '厅').slice(0, 60);

/** A board machine without a Chinese system voice; <audio> plays are recorded, not heard. */
const noVoiceRecordingClips = () => {
  const played: string[] = [];
  (window as unknown as { __played: string[] }).__played = played;
  const synth = { getVoices: () => [], speak() {}, cancel() {}, addEventListener() {}, removeEventListener() {} };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    played.push(new URL(this.src).pathname.replace(/^.*\/voice\//, ''));
    setTimeout(() => this.dispatchEvent(new Event('ended')), 20);
    return Promise.resolve();
  };
};

async function open(browser: Browser, url: string, init?: () => void): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: SCREEN });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The element lies wholly inside the window (not cut off, nothing to scroll to). */
async function onScreen(locator: Locator): Promise<void> {
  const box = (await locator.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
  expect(box.x + box.width).toBeLessThanOrEqual(SCREEN.width);
}

test('public screens: 适老化 everywhere at 1366×768, a 60-character hall name, Mandarin without a system voice, the icon', async ({ browser, page, webHost }) => {
  test.setTimeout(120_000);
  fs.mkdirSync('test-results/screens', { recursive: true });
  const anon = httpClient(webHost.url);
  const admin = httpClient(webHost.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
  await admin.settings.update({ hall: { name: LONG_HALL, regionCode: '410100' } });
  const kioskToken = (await admin.devices.issue({ name: '取号机', scope: 'kiosk' })).token;
  const boardToken = (await admin.devices.issue({ name: '叫号屏', scope: 'board' })).token;
  const evaluatorToken = (await admin.devices.issue({ name: '评价器', scope: 'evaluator' })).token;

  // The icon: /favicon.ico is served, and every page names it.
  const ico = await page.request.get(new URL('/favicon.ico', webHost.url).toString());
  expect(ico.status()).toBe(200);
  expect((await ico.body()).readUInt16LE(2)).toBe(1); // an ICO file

  // Kiosk, 适老化: both rows of categories on a 1366×768 screen.
  const kiosk = await open(browser, new URL(`/#/kiosk?token=${kioskToken}`, webHost.url).toString());
  await expect(kiosk.locator('link[rel="icon"]').first()).toHaveAttribute('href', './favicon.ico');
  await kiosk.getByRole('button', { name: '大字模式（适老化）' }).click();
  await expect(kiosk.getByTestId('kiosk')).toHaveClass(/kiosk-large/);
  await expect(kiosk.locator('html')).toHaveClass(/elder/);
  for (const id of ['A', 'B', 'C', 'D']) await onScreen(kiosk.getByTestId(`kiosk-category-${id}`));
  await kiosk.screenshot({ path: 'test-results/screens/public-kiosk-elder.png' });
  // It is remembered on this machine.
  await kiosk.reload();
  await expect(kiosk.getByTestId('kiosk')).toHaveClass(/kiosk-large/);

  // Board without a Chinese voice, in 适老化 from its address: the long name keeps the clock on one line.
  const board = await open(browser, new URL(`/#/board?token=${boardToken}&elder=1`, webHost.url).toString(), noVoiceRecordingClips);
  await expect(board.getByTestId('board')).toHaveClass(/board-elder/);
  await expect(board.getByTestId('board-hall')).toHaveAttribute('title', LONG_HALL);
  const time = (await board.getByTestId('board-time').boundingBox())!;
  const clock = (await board.getByTestId('board-time').locator('b').boundingBox())!;
  expect(time.height).toBeLessThan(clock.height * 1.6);
  await onScreen(board.getByTestId('board-time'));
  // The built-in voice speaks, so no "text only" notice.
  await expect(board.getByTestId('board-novoice')).toHaveCount(0);

  // A call: 请 A001 号 到 3 号窗口办理, said with the bundled clips.
  const clerk = httpClient(webHost.url, {}, (await anon.auth.login({ username: 'clerk1', password: PASSWORD })).token);
  await httpClient(webHost.url, {}, kioskToken).queue.take({ categoryId: 'A', priorityKind: null });
  await board.mouse.click(10, 300); // the one click a browser wants before it plays sound
  const called = await clerk.queue.callNext({ counter: 3 });
  await expect(board.getByTestId('board-announcement')).toHaveText('请 A001 号 到 3 号窗口办理');
  await expect.poll(() => board.evaluate(() => (window as unknown as { __played: string[] }).__played.join(' '))).toBe('qing.wav A.wav 0.wav 0.wav 1.wav hao.wav dao.wav 3.wav chuangkou.wav');
  const clip = await page.request.get(new URL('/voice/chuangkou.wav', webHost.url).toString());
  expect(clip.status()).toBe(200);
  await board.screenshot({ path: 'test-results/screens/public-board-elder.png' });

  // Progress query, 适老化 (the mode is per machine: this page turns it on itself).
  const progress = await open(browser, new URL('/#/progress', webHost.url).toString());
  await progress.getByTestId('elder-toggle').click();
  await expect(progress.locator('html')).toHaveClass(/elder/);
  await onScreen(progress.locator('button[type="submit"]'));
  await progress.screenshot({ path: 'test-results/screens/public-progress-elder.png' });

  // Evaluation, 适老化: the five buttons fit. Only a ticket just finished at this counter can be
  // rated, so A001 is finished first.
  await clerk.queue.finish({ ticketId: called!.id });
  const evaluation = await open(browser, new URL(`/#/evaluate?token=${evaluatorToken}&counter=3`, webHost.url).toString());
  await evaluation.getByTestId('elder-toggle').click();
  await expect(evaluation.locator('html')).toHaveClass(/elder/);
  const levels = evaluation.locator('.evaluate-level');
  await expect(levels).toHaveCount(5);
  for (let i = 0; i < 5; i++) await onScreen(levels.nth(i));
  await evaluation.screenshot({ path: 'test-results/screens/public-evaluate-elder.png' });

  // 系统状态 names the catalog by its title, not its internal id.
  await signIn(page, webHost);
  await page.goto(new URL('/#/status', webHost.url).toString());
  await expect(page.getByTestId('status-catalog')).toHaveText(/全国医疗保障经办政务服务事项清单/);
  await expect(page.locator('main')).not.toContainText('national-2020');
});
