import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { httpClient } from '../fixtures/clients';
import { makeResidentId } from '../fixtures/identity';
import { startReferenceUpstream, type ReferenceUpstream } from '../../electron/upstream-ref/server';
import { prepareHall, signIn, startWebHostProcess, PASSWORD, type WebHostProcess } from './fixtures';

const SECRET = 'e2e-upstream-secret-0123456789';

const test = base.extend<{ host: WebHostProcess; upstream: ReferenceUpstream }>({
  upstream: async ({}, use) => {
    const up = await startReferenceUpstream({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'medins-up-')), keys: { 'hall-e2e': SECRET } });
    await use(up);
    await up.close();
  },
  host: async ({}, use) => {
    const h = await startWebHostProcess({ MEDINS_UPSTREAM_SECRET: SECRET });
    await prepareHall(h.url);
    await use(h);
    await h.stop();
  },
});

test('上传同步: closed cases go up by themselves; a rejected one shows the upstream reason and can be resent', async ({ page, host, upstream }) => {
  const anon = httpClient(host.url);
  const admin = httpClient(host.url, {}, (await anon.auth.login({ username: 'admin', password: PASSWORD })).token);
  await admin.users.create({ username: 'chief1', displayName: '李科长', roles: ['supervisor'], counters: [3], password: 'Initial2026' });
  const clerk = httpClient(host.url, {}, (await anon.auth.login({ username: 'clerk1', password: PASSWORD })).token);
  const req = await clerk.cases.requirements({ item: '002036001002', answers: { personType: 'employed' }, flags: [] });
  const caseNos: string[] = [];
  for (let n = 1; n <= 4; n++) {
    const c = await clerk.cases.intake({
      item: '002036001002',
      applicant: { idKind: 'resident', idNumber: makeResidentId({ region: '410102', birthDate: `198${n}-03-1${n}`, sex: n % 2 ? '男' : '女' }), name: `测试${n}`, phone: '13800000000' },
      answers: { personType: 'employed' },
      materials: req.materials.map((m) => ({ seq: m.seq, status: 'original' as const })),
      form: {},
      decision: 'refuse',
      reason: '不属于本窗口受理范围',
    });
    caseNos.push(c.caseNo);
  }
  upstream.faults.rejectCaseNos = [caseNos[1]!];
  const current = (await admin.settings.get()).upstream;
  await admin.settings.update({ upstream: { ...current, enabled: true, url: upstream.url, keyId: 'hall-e2e', pollSeconds: 1 } });
  await expect.poll(() => upstream.cases().length, { timeout: 15_000 }).toBe(3);

  await signIn(page, host);
  await page.keyboard.press('Alt+s');
  await expect(page).toHaveURL(/#\/sync$/);
  await page.getByText('被退回', { exact: true }).last().click();
  await expect(page.getByText('上级平台校验不通过')).toBeVisible();
  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: path.join('test-results/screens', 'sync.png'), fullPage: true });

  upstream.faults.rejectCaseNos = [];
  await page.getByRole('button', { name: '重新上传' }).click();
  await expect.poll(() => upstream.cases().length, { timeout: 15_000 }).toBe(4);
  await page.getByText('已上传', { exact: true }).last().click();
  await expect(page.getByRole('row')).toHaveCount(5);
  await page.screenshot({ path: path.join('test-results/screens', 'sync-acked.png'), fullPage: true });
});
