import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { test, expect, signIn, startWebHostProcess, prepareHall, e2eDataDirs } from './fixtures';

/**
 * Hall mode, losing the database: the counter says so at once, keeps what the clerk typed, and
 * the banner goes when the database is back. The counter runs on a PostgreSQL database of its
 * own, which the test shuts to connections (the server stays up for the other tests).
 */
/** The server `scripts/setup-test-postgres.sh` prepares (CI exports the same URL). */
const serverUrl = process.env.MEDINS_TEST_PG_URL ?? 'postgres://medins_test:medins_test@127.0.0.1:5432/postgres';
const testDatabaseUrl = () => serverUrl;

test('数据库连接中断: the banner shows at once, the half-filled form stays, the banner goes when it is back', async ({ page }) => {
  const name = `medins_e2e_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const setup = new pg.Client({ connectionString: url.toString() });
  await setup.connect();
  await setup.query('CREATE EXTENSION IF NOT EXISTS citext SCHEMA public');
  await setup.end();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-e2e-hall-'));
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ storage: { dialect: 'postgres', postgres: { url: url.toString() } } }));
  const host = await startWebHostProcess({}, dataDir);
  try {
    await prepareHall(host.url);
    await signIn(page, host, 'clerk1');
    await page.keyboard.press('Alt+1');
    await page.getByLabel('申请人姓名').fill('测试乙');
    await expect(page.getByTestId('database-banner')).toHaveCount(0);

    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
    await expect(page.getByTestId('database-banner')).toContainText('数据库连接中断，正在重试', { timeout: 15_000 });
    await expect(page.getByLabel('申请人姓名')).toHaveValue('测试乙');
    await page.screenshot({ path: 'test-results/screens/hall-database-lost.png' });

    await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    await expect(page.getByTestId('database-banner')).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByLabel('申请人姓名')).toHaveValue('测试乙');
  } finally {
    await host.stop();
    e2eDataDirs.push(host.dataDir);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});
