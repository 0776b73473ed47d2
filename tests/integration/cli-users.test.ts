import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { onPostgres, pgExec } from '../fixtures/postgres';
import { preparedCore } from '../fixtures/hall';

// Each CLI run is a fresh Node process (~1 s idle, much more on a loaded 2-core machine).
describe('medins users / audit', { timeout: 90_000 }, () => {
  it('adds, lists, disables a user and resets a password; each change is audited as cli', async () => {
    const dir = tempDir();
    const added = await runCli(['users', 'add', 'wang01', '--name', '王五', '--roles', 'clerk,supervisor', '--counters', '2,5', '--password', 'Start2026', '--json'], dir);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ username: 'wang01', displayName: '王五', roles: ['clerk', 'supervisor'], counters: [2, 5], mustChangePassword: true });

    const list = JSON.parse((await runCli(['users', 'list', '--json'], dir)).stdout) as { username: string; disabled: boolean }[];
    expect(list.map((u) => u.username)).toEqual(['wang01']);

    expect((await runCli(['users', 'reset-password', 'wang01', '--password', 'Again2026'], dir)).code).toBe(0);
    expect((await runCli(['users', 'disable', 'wang01'], dir)).code).toBe(0);
    expect(JSON.parse((await runCli(['users', 'list', '--json'], dir)).stdout)[0].disabled).toBe(true);

    const exported = await runCli(['audit', 'export'], dir);
    expect(exported.code).toBe(0);
    const entries = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { actor: string; action: string });
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['cli', 'user.create'],
      ['cli', 'user.reset_password'],
      ['cli', 'user.disable'],
    ]);
    expect(exported.stderr).toMatch(/3 entries; chain intact/);
  });

  it('refuses bad input with a clear message and exit 1, or 2 for usage', async () => {
    const dir = tempDir();
    const weak = await runCli(['users', 'add', 'a01', '--name', '甲', '--roles', 'clerk', '--password', 'short'], dir);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/密码至少8位/);
    const role = await runCli(['users', 'add', 'a01', '--name', '甲', '--roles', 'boss', '--password', 'Start2026'], dir);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/unknown role\(s\) boss/);
    expect((await runCli(['users', 'disable', 'ghost'], dir)).stderr).toMatch(/no user named ghost/);
    expect((await runCli(['users', 'add', 'a01'], dir)).code).toBe(2);
    expect((await runCli(['audit', 'export', '--from', '2026/11/01'], dir)).code).toBe(1);
  });

  it('export filters by day and writes a file; verify fails (exit 1) on a tampered log', async () => {
    const dir = tempDir();
    const core = await preparedCore(dir);
    await core.close();
    const out = path.join(tempDir(), 'audit.jsonl');
    const r = await runCli(['audit', 'export', '--from', '2000-01-01', '--to', '2099-12-31', '--out', out], dir);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(4);
    expect((await runCli(['audit', 'export', '--from', '2099-01-01'], dir)).stdout).toBe('');
    expect((await runCli(['audit', 'verify'], dir)).code).toBe(0);

    if (onPostgres) await pgExec(dir, "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change; UPDATE audit_log SET actor = 'x' WHERE id = 2;");
    else {
      const db = new BetterSqlite3(path.join(dir, 'medins.sqlite'));
      db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'x' WHERE id = 2;");
      db.close();
    }
    const v = await runCli(['audit', 'verify', '--json'], dir);
    expect(v.code).toBe(1);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});
