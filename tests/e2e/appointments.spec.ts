import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, signIn, startWebHostProcess, prepareHall, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';
import { FAKE_CARDS } from '../../electron/core/devices/idcard/fake-cards';
import { makeResidentId } from '../fixtures/identity';
import { startReferenceUpstream } from '../../electron/upstream-ref/server';

const screens = 'test-results/screens';
const SECRET = 'e2e-upstream-secret-bookings-01';
test.beforeAll(() => fs.mkdirSync(screens, { recursive: true }));

/**
 * 预约办理, issue 21's journey: a citizen booked 10:00–10:30 by telephone checks in by card at
 * the kiosk at 10:05, is called ahead of walk-ins who came earlier, and the clerk's workstation
 * opens on the person and the booked item. The hall's clock reads Monday 2026-11-23 10:05.
 */
test('a booked citizen checks in by card, is called ahead of earlier walk-ins, and the workstation shows the booked item', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const host = await startWebHostProcess({ MEDINS_CLOCK: '2026-11-23T10:05:00+08:00' });
  try {
    await prepareHall(host.url);
    const anon = httpClient(host.url);
    const admin = httpClient(host.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
    const clerk = httpClient(host.url, {}, (await anon.auth.login({ username: 'clerk1', password: PASSWORD })).token);
    await admin.queue.saveCounter({ number: 3, name: '综合窗口', categories: ['A'] });
    await admin.appointments.savePlan({ categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 5, hours: [['09:00', '12:00']], checkInEarlyMinutes: 30 });
    const item = (await admin.catalog.search({ query: '城乡居民参保登记', limit: 1 }))[0]!;
    const card = FAKE_CARDS.find((c) => c.id === 'resident')!;
    const booking = await admin.appointments.book({ person: { idKind: 'resident', idNumber: card.fields.idNumber!, name: card.fields.name! }, categoryId: 'A', itemKey: item.key, itemName: item.name, day: '2026-11-23', slotStart: '10:00' });
    expect(booking.name).toBe('欧阳*');

    // Four walk-ins before the booked visitor arrives; the counter has served two of them.
    const walkIns = [];
    for (let i = 0; i < 4; i++) walkIns.push((await admin.queue.take({ categoryId: 'A', priorityKind: null })).ticket.label);
    for (let i = 0; i < 2; i++) await clerk.queue.finish({ ticketId: (await clerk.queue.callNext({}))!.id });

    // The kiosk: 已预约？点此签到, the card on the reader.
    const kioskToken = (await admin.devices.issue({ name: '取号机', scope: 'kiosk' })).token;
    const kiosk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await kiosk.clock.install();
    await kiosk.goto(new URL(`/#/kiosk?token=${kioskToken}`, host.url).toString());
    // Left alone for a minute, the check-in screen gives the kiosk back to 取号.
    await kiosk.getByTestId('kiosk-booking-entry').click();
    await expect(kiosk.getByTestId('kiosk-checkin')).toBeVisible();
    await kiosk.clock.fastForward(61_000);
    await expect(kiosk.getByTestId('kiosk-checkin')).toBeHidden();
    await kiosk.getByTestId('kiosk-booking-entry').click();
    await expect(kiosk.getByTestId('kiosk-checkin')).toBeVisible();
    await kiosk.screenshot({ path: `${screens}/kiosk-checkin.png` });
    await clerk.readers.simulator.place({ id: 'resident' });
    await expect(kiosk.getByTestId('kiosk-checkin-message')).toContainText('已进入预约优先队列', { timeout: 10_000 });
    const label = (await kiosk.getByTestId('kiosk-ticket-number').textContent())!.trim();
    expect(walkIns).not.toContain(label);
    await expect(kiosk.getByTestId('kiosk-ticket')).toContainText('预约优先：欧*堃');
    await expect(kiosk.getByTestId('kiosk-ticket')).not.toContainText('实名取号');
    await kiosk.screenshot({ path: `${screens}/kiosk-checkin-done.png` });
    await clerk.readers.simulator.place({ id: null });

    // The clerk calls: the booking comes before the two walk-ins still waiting, person and item on the desk.
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, host, 'clerk1');
    await expect(page.getByTestId('counter-waiting')).toContainText('3');
    await page.keyboard.press('F5');
    await expect(page.getByTestId('current-ticket')).toContainText(label);
    await expect(page.getByLabel('申请人姓名')).toHaveValue('欧阳堃');
    await expect(page.getByTestId('workstation')).toContainText(item.name);
    await page.screenshot({ path: `${screens}/workstation-booked.png` });
    // The board marks the 预约 ticket at its counter.
    const boardToken = (await admin.devices.issue({ name: '叫号屏', scope: 'board' })).token;
    const board = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await board.goto(new URL(`/#/board?token=${boardToken}`, host.url).toString());
    await expect(board.getByTestId('board-counter-3')).toContainText(label);
    await expect(board.getByTestId('board-counter-3').locator('.board-booked')).toHaveText('预约');
    await board.screenshot({ path: `${screens}/board-booked.png` });
    expect((await admin.appointments.list({ day: '2026-11-23' }))[0]).toMatchObject({ state: 'checkedIn' });

    // The 引导台: a telephone booking for 11:00, then the day's list with its states.
    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(desk, host, 'admin');
    await desk.goto(new URL('/#/queue/console', host.url).toString());
    await desk.getByRole('tab', { name: '预约' }).click();
    await expect(desk.getByTestId('bookings-summary')).toContainText('已签到 1');
    await desk.getByRole('button', { name: '电话预约' }).click();
    const dialog = desk.getByRole('dialog', { name: '电话预约' });
    await dialog.getByLabel('证件号码').fill(makeResidentId({ birthDate: '1970-05-06', sex: '男', seq: 41 }));
    await dialog.getByLabel('姓名').fill('测试来电');
    await dialog.getByLabel('业务类别').click();
    await desk.locator('.ant-select-item-option[title="A 参保登记"]').click();
    await dialog.getByLabel('预约事项').fill('城乡居民参保');
    await desk.locator('.ant-select-item-option').filter({ hasText: '城乡居民参保登记' }).first().click();
    await dialog.getByLabel('时段').click();
    await desk.locator('.ant-select-item-option[title="11:00–11:30（余 5）"]').click();
    await dialog.getByRole('button', { name: /^预\s*约$/ }).click();
    await expect(desk.getByText(/已预约 11:00–11:30，预约码 [2-9A-Z]{8}/)).toBeVisible();
    await expect(desk.getByTestId('bookings-summary')).toContainText('预约 2 人 · 已签到 1 · 待签到 1');
    await desk.screenshot({ path: `${screens}/console-bookings.png`, fullPage: true });

    // 统计: the day's bookings, check-in rate and punctuality.
    await desk.goto(new URL('/#/stats', host.url).toString());
    const figures = desk.getByTestId('stats-appointments');
    await expect(figures).toContainText('预约人数2');
    await expect(figures).toContainText('签到率50.0%');
    await expect(figures).toContainText('准时叫号率100.0%');
    await desk.screenshot({ path: `${screens}/stats-appointments.png` });
  } finally {
    await host.stop();
  }
});

/**
 * 线上预约 (issue 21's upstream part): a booking made on 微信 reaches the hall from the reference
 * upstream, the citizen checks in at the kiosk with the booking code, and the check-in goes back
 * up; the 引导台 sees where the booking came from and that its result was sent.
 */
test('a booking made online is pulled, checked in by code at the kiosk, and its check-in goes back upstream', async ({ browser }) => {
  test.setTimeout(120_000);
  const start = Date.parse('2026-11-23T10:05:00+08:00');
  const began = Date.now();
  // The upstream's clock runs with the hall's (MEDINS_CLOCK), or signatures would be out of time.
  const upstream = await startReferenceUpstream({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'medins-up-')), keys: { 'hall-e2e': SECRET }, now: () => start + (Date.now() - began) });
  const host = await startWebHostProcess({ MEDINS_CLOCK: '2026-11-23T10:05:00+08:00', MEDINS_UPSTREAM_SECRET: SECRET });
  try {
    await prepareHall(host.url);
    const anon = httpClient(host.url);
    const admin = httpClient(host.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
    await admin.appointments.savePlan({ categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 5, hours: [['09:00', '12:00']], checkInEarlyMinutes: 30 });
    const online = upstream.book({ channel: '微信', categoryId: 'A', item: { key: null, name: '城乡居民参保登记' }, day: '2026-11-23', slot: { start: '10:00', end: '10:30' }, person: { idKind: 'resident', idNumber: makeResidentId({ birthDate: '1988-08-08', sex: '女', seq: 52 }), name: '线上测试', phone: '13900000000' } });
    const current = (await admin.settings.get()).upstream;
    await admin.settings.update({ upstream: { ...current, enabled: true, url: upstream.url, keyId: 'hall-e2e', pollSeconds: 1 } });
    await expect.poll(async () => (await admin.appointments.list({ day: '2026-11-23' })).map((b) => b.code), { timeout: 15_000 }).toEqual([online.code]);

    // The kiosk: 已预约？点此签到, the booking code typed in.
    const kioskToken = (await admin.devices.issue({ name: '取号机', scope: 'kiosk' })).token;
    const kiosk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await kiosk.goto(new URL(`/#/kiosk?token=${kioskToken}`, host.url).toString());
    await kiosk.getByTestId('kiosk-booking-entry').click();
    await kiosk.getByLabel('或输入短信中的预约码').fill(online.code);
    await kiosk.getByLabel('或输入短信中的预约码').press('Enter');
    await expect(kiosk.getByTestId('kiosk-checkin-message')).toContainText('已进入预约优先队列', { timeout: 10_000 });
    await expect.poll(() => upstream.bookingEvents().map((e) => [e.bookingId, e.kind, e.status]), { timeout: 15_000 }).toEqual([[online.bookingId, 'booking.checkedIn', 'accepted']]);

    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signIn(desk, host, 'admin');
    await desk.goto(new URL('/#/queue/console', host.url).toString());
    await desk.getByRole('tab', { name: '预约' }).click();
    const row = desk.getByTestId('bookings').locator('tr', { hasText: online.code });
    await expect(row).toContainText('微信');
    await expect(row).toContainText('已签到');
    await expect(row).toContainText('已回传');
    await expect(desk.getByTestId('booking-exchange')).toContainText('已同步');
    await expect(desk.getByTestId('booking-exchange')).toContainText('待回传 0');
    await desk.screenshot({ path: `${screens}/console-bookings-online.png`, fullPage: true });
  } finally {
    await host.stop();
    await upstream.close();
  }
});
