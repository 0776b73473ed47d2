import ExcelJS from 'exceljs';
import { test, expect, signIn, PASSWORD } from './fixtures';
import { httpClient } from '../fixtures/clients';
import { applicant, sampleForm } from '../fixtures/cases';

/**
 * A simulated morning through the API (tickets taken, called, served, one 过号 twice, a case
 * accepted and one refused, ratings), then the supervisor opens 统计, drills into a figure and
 * exports the Excel file; the test reads the workbook's figures.
 */
test('supervisor sees the day in 统计 and exports it to Excel', async ({ webHost, page }) => {
  test.setTimeout(120_000);
  const anon = httpClient(webHost.url);
  const admin = httpClient(webHost.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
  await admin.users.create({ username: 'chief1', displayName: '李科长', roles: ['supervisor'], counters: [], password: 'Initial2026' });
  const chiefLogin = await anon.auth.login({ username: 'chief1', password: 'Initial2026' });
  await httpClient(webHost.url, {}, chiefLogin.token).auth.changePassword({ current: 'Initial2026', next: PASSWORD });
  const clerk = httpClient(webHost.url, {}, (await anon.auth.login({ username: 'clerk1', password: PASSWORD })).token);

  await clerk.queue.openCounter({ counter: 3 }).catch(() => undefined);
  const taken = [];
  for (const cat of ['A', 'A', 'B', 'A']) taken.push((await clerk.queue.take({ categoryId: cat, priorityKind: null })).ticket);
  const req = await clerk.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  const form = sampleForm(req.fields);
  let served = 0;
  for (let i = 0; i < 3; i++) {
    const t = (await clerk.queue.callNext({}))!;
    await clerk.queue.start({ ticketId: t.id });
    // Core links each decision to the ticket being served at this counter.
    if (i === 0) await clerk.cases.intake({ item: '002036001002', applicant: applicant(i + 1), answers: { personType: 'employed' }, materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })), form, decision: 'accept' });
    if (i === 1) await clerk.cases.intake({ item: '002036001002', applicant: applicant(i + 1), answers: { personType: 'employed' }, materials: [], form: {}, decision: 'refuse', reason: '不属于受理范围' });
    await clerk.queue.finish({ ticketId: t.id });
    served++;
    await clerk.evaluation.submit(i === 2 ? { level: 1, reason: '等候时间过长', ticketId: t.id } : { level: 5, ticketId: t.id });
  }
  const last = (await clerk.queue.callNext({}))!;
  await clerk.queue.noShow({ ticketId: last.id });
  await clerk.queue.call({ ticketId: last.id });
  await clerk.queue.noShow({ ticketId: last.id });

  await signIn(page, webHost, 'chief1', PASSWORD);
  await page.getByRole('menuitem', { name: /统计/ }).click();
  await expect(page.getByTestId('stats-page')).toBeVisible();
  await expect(page.getByTestId('figure-取号')).toContainText(String(taken.length));
  await expect(page.getByTestId('figure-办结号')).toContainText(String(served));
  await expect(page.getByTestId('figure-过号')).toContainText('1');
  await expect(page.getByTestId('follow-ups')).toContainText('等候时间过长');
  await page.waitForTimeout(800); // charts animate in
  await page.screenshot({ path: 'test-results/screens/stats.png', fullPage: true });

  await page.getByTestId('figure-过号').click();
  await expect(page.getByTestId('drill-tickets')).toContainText(last.label);
  await page.screenshot({ path: 'test-results/screens/stats-drill.png' });
  await page.keyboard.press('Escape');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await (await download).path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sum = wb.getWorksheet('汇总')!;
  const figure = (label: string) => sum.getRow(sum.getColumn(1).values.indexOf(label)).getCell(2).value;
  expect(figure('取号数')).toBe(4);
  expect(figure('办结号数')).toBe(3);
  expect(figure('过号数')).toBe(1);
  expect(figure('受理')).toBe(1);
  expect(figure('不予受理')).toBe(1);
  expect(figure('评价数')).toBe(3);
  expect(figure('满意率')).toBeCloseTo(66.7, 1);
  expect(figure('待回访差评')).toBe(1);
  const groups = wb.getWorksheet('按业务类别')!;
  expect(groups.getRow(1).getCell(1).value).toBe('业务类别');
});
