import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/core';
import { runCli } from '../fixtures/cli';
import { LATEST_SCHEMA_VERSION, migrations } from '../../electron/core/db/migrations';
import { tempDir } from '../fixtures/temp';
import { sqliteOf } from '../fixtures/hall';

describe('medins CLI', { timeout: 60_000 }, () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await runCli(['--help'], tempDir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/status/);
    expect(r.stdout).toMatch(/db/);
  });

  it('a usage error exits 2', async () => {
    const dir = tempDir();
    expect((await runCli(['no-such-command'], dir)).code).toBe(2);
    expect((await runCli(['db', 'backup'], dir)).code).toBe(2);
  });

  it('status --json reports version, data folder, schema and settings', async () => {
    const dir = tempDir();
    const r = await runCli(['status', '--json'], dir);
    expect(r.code).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status.appVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.dataDir).toBe(dir);
    expect(status.db.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(status.settings.catalog.sourceId).toBe('national-2020');
    expect(status.settings.webHost).not.toHaveProperty('accessToken');
  });

  it('status loads neither core nor the libraries of the other commands (it answers in well under a second)', async () => {
    const dir = tempDir();
    // Preloaded into the CLI process: lists every CommonJS module it loaded, at exit.
    const probe = path.join(dir, 'probe.mjs');
    fs.writeFileSync(probe, 'import { createRequire } from "node:module";\nconst loaded = createRequire(import.meta.url).cache;\nprocess.on("exit", () => process.stderr.write(`LOADED ${JSON.stringify(Object.keys(loaded))}\\n`));\n');
    const r = await runCli(['status', '--json'], dir, { NODE_OPTIONS: `--import=${probe}` });
    expect(r.code, r.stderr).toBe(0);
    const loaded = JSON.parse(/LOADED (.*)/.exec(r.stderr)![1]!) as string[];
    expect(loaded.some((f) => f.includes(`${path.sep}better-sqlite3${path.sep}`))).toBe(true);
    for (const heavy of ['pdfkit', 'sharp', 'exceljs', 'pinyin-pro', 'pino', 'serialport', 'qrcode']) {
      expect(loaded.filter((f) => f.includes(`${path.sep}node_modules${path.sep}${heavy}${path.sep}`)), heavy).toEqual([]);
    }
  });

  it('db migrate reports what it applied, then nothing', async () => {
    const dir = tempDir();
    const first = JSON.parse((await runCli(['db', 'migrate', '--json'], dir)).stdout);
    expect(first.applied).toEqual(migrations.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`));
    const second = JSON.parse((await runCli(['db', 'migrate', '--json'], dir)).stdout);
    expect(second).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
  });

  it('db backup makes a consistent copy while another connection is writing', async () => {
    const dir = tempDir();
    const core = await createCore({ dataDir: dir, runtime: 'test', logToFile: false });
    sqliteOf(core).raw.exec("CREATE TABLE scratch (n INTEGER); INSERT INTO scratch VALUES (1), (2), (3);");
    const target = path.join(tempDir(), 'backup.sqlite');
    try {
      const r = await runCli(['db', 'backup', target, '--json'], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).file).toBe(target);
    } finally {
      await core.close();
    }
    const copy = new BetterSqlite3(target, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM scratch').get()).toEqual({ n: 3 });
    expect(copy.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    copy.close();
  });

  it('db backup refuses to overwrite an existing file (exit 1)', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'exists.sqlite');
    fs.writeFileSync(target, 'keep me');
    const r = await runCli(['db', 'backup', target], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('refuses a database written by a newer version with a clear message (exit 1)', async () => {
    const dir = tempDir();
    const db = new BetterSqlite3(path.join(dir, 'medins.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const r = await runCli(['status', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`schema version 99 is newer than this build supports \\(${LATEST_SCHEMA_VERSION}\\); upgrade the app`));
  });
});
