import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, signIn, startWebHostProcess, prepareHall, e2eDataDirs } from './fixtures';
import { ownDatabase } from '../fixtures/pg-database';

/** The server `scripts/setup-test-postgres.sh` prepares (CI exports the same URL). */
const serverUrl = process.env.MEDINS_TEST_PG_URL ?? 'postgres://medins_test:medins_test@127.0.0.1:5432/postgres';

/**
 * Hall mode, losing the database: the counter says so at once, keeps what the clerk typed, and
 * the banner goes when the database is back. The counter runs on a PostgreSQL database of its
 * own, which the test shuts to connections (the server stays up for the other tests).
 */
test('数据库连接中断: the banner shows at once, the half-filled form stays, the banner goes when it is back', async ({ page }) => {
  const database = await ownDatabase(serverUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-hall-'));
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ storage: { dialect: 'postgres', postgres: { url: database.url } } }));
  const host = await startWebHostProcess({}, dataDir);
  try {
    await prepareHall(host.url);
    await signIn(page, host, 'clerk1');
    await page.keyboard.press('Alt+1');
    await page.getByLabel('申请人姓名').fill('测试乙');
    await expect(page.getByTestId('database-banner')).toHaveCount(0);

    await database.cut();
    await expect(page.getByTestId('database-banner')).toContainText('数据库连接中断，正在重试', { timeout: 15_000 });
    await expect(page.getByLabel('申请人姓名')).toHaveValue('测试乙');
    await page.screenshot({ path: 'test-results/screens/hall-database-lost.png' });

    await database.restore();
    await expect(page.getByTestId('database-banner')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByLabel('申请人姓名')).toHaveValue('测试乙');
    // The web host lived through it (a broken pooled connection once crashed it).
    expect(host.child.exitCode).toBeNull();
  } finally {
    await host.stop();
    e2eDataDirs.push(host.dataDir);
    await database.drop();
  }
});
