// `npm run demo:hall`: a hall on the local PostgreSQL — two counters, a kiosk and a board —
// through the web host (docs/hall.md § Demo). The database medins_demo_hall is created on the
// server named by MEDINS_PG_URL (default: the test role of scripts/setup-test-postgres.sh);
// `--fresh` drops it first. Counter 1 serves http://127.0.0.1:5781, counter 2 :5782; the kiosk
// and the board open on counter 1's host with device tokens. Ctrl+C stops both hosts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createCore } from '../electron/core/core';

const ADMIN_URL = process.env.MEDINS_PG_URL ?? 'postgres://medins_test:medins_test@127.0.0.1:5432/postgres';
const DB_NAME = 'medins_demo_hall';
const PASSWORD = 'Demo2026';
const root = path.join(os.tmpdir(), 'medins-demo-hall');
const counters = [
  { number: 1, port: 5781 },
  { number: 2, port: 5782 },
];

async function ensureDatabase(fresh: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    console.error(`cannot reach PostgreSQL at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}: ${(error as Error).message}`);
    console.error('start it and create the test role with "sudo scripts/setup-test-postgres.sh", or set MEDINS_PG_URL.');
    process.exit(1);
  }
  if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

function writeSettings(dataDir: string, url: string, counter: number, port: number): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'settings.json');
  const existing = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const settings = { ...existing, storage: { dialect: 'postgres', postgres: { url, schema: 'public', poolSize: 4 } }, counter: { number: counter, name: `${counter}号窗口` }, webHost: { host: '127.0.0.1', port } };
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** First-run setup of the hall (once per database), a clerk per counter, kiosk and board tokens. */
async function prepareHall(dataDir: string): Promise<{ kiosk: string; board: string }> {
  const core = await createCore({ dataDir, runtime: 'cli', logToFile: false });
  try {
    const s = core.services;
    if (!(await s.setup.isComplete())) {
      await s.setup.complete({ admin: { username: 'admin', displayName: '管理员', password: PASSWORD }, hall: { name: '演示医保服务大厅', regionCode: '410100' }, counter: { number: 1 }, catalogSourceId: 'national-2020' }, 'direct');
      for (const c of counters) await s.users.create({ id: null, name: 'demo' }, { username: `clerk${c.number}`, displayName: `窗口员${c.number}`, roles: ['clerk'], counters: [c.number], password: PASSWORD });
    }
    await s.queue.ensureDefaults(counters.map((c) => c.number));
    const actor = { id: null, name: 'demo' };
    // New tokens each run: a token is shown once, only its hash is stored.
    return { kiosk: (await s.sessions.issueDeviceToken(actor, '演示取号机', 'kiosk')).token, board: (await s.sessions.issueDeviceToken(actor, '演示叫号屏', 'board')).token };
  } finally {
    await core.close();
  }
}

async function main(): Promise<void> {
  const url = await ensureDatabase(process.argv.includes('--fresh'));
  if (!fs.existsSync('dist/web/main.mjs') || !fs.existsSync('dist/renderer/index.html')) {
    console.log('building the web host and the renderer (npm run build)…');
    if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  }
  for (const c of counters) writeSettings(path.join(root, `counter${c.number}`), url, c.number, c.port);
  const tokens = await prepareHall(path.join(root, 'counter1'));
  // Hall-wide sections (name, region, queue policy) live in each counter's settings.json: copy them.
  const first = JSON.parse(fs.readFileSync(path.join(root, 'counter1', 'settings.json'), 'utf8')) as Record<string, unknown>;
  for (const c of counters.slice(1)) {
    const file = path.join(root, `counter${c.number}`, 'settings.json');
    const own = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...own, hall: first.hall, catalog: first.catalog, queue: first.queue }, null, 2));
  }

  const hosts: ChildProcess[] = counters.map((c) =>
    spawn(process.execPath, ['dist/web/main.mjs'], { env: { ...process.env, MEDINS_DATA_DIR: path.join(root, `counter${c.number}`), MEDINS_NO_OPEN: '1' }, stdio: ['ignore', 'inherit', 'inherit'] }),
  );
  const stop = () => {
    for (const h of hosts) h.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const base = (port: number) => `http://127.0.0.1:${port}`;
  console.log(`
演示大厅（PostgreSQL：${url.replace(/:[^:@/]*@/, ':***@')}）
  1号窗口   ${base(5781)}/          登录 clerk1 / ${PASSWORD}（管理员 admin / ${PASSWORD}）
  2号窗口   ${base(5782)}/          登录 clerk2 / ${PASSWORD}
  取号机    ${base(5781)}/#/kiosk?token=${tokens.kiosk}
  叫号屏    ${base(5782)}/#/board?token=${tokens.board}
data folders: ${root}/counter1, ${root}/counter2 — Ctrl+C stops both hosts.`);
  await Promise.all(hosts.map((h) => new Promise((resolve) => h.on('exit', resolve))));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
