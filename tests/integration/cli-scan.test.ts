import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { saneTestConfig } from '../fixtures/sane';
import { tempDir } from '../fixtures/temp';

describe('medins scan (SANE test backend)', () => {
  it('scan devices lists what scanimage -L sees', async () => {
    const r = await runCli(['scan', 'devices', '--driver', 'sane'], tempDir(), { SANE_CONFIG_DIR: saneTestConfig() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^test:0\tNoname frontend-tester virtual device\ntest:1\t/);
  });

  it('scan test --device test:0 --pages 2 writes two processed pages; a missing device exits 1 with the reason', async () => {
    const sane = saneTestConfig();
    const out = path.join(tempDir(), 'pages');
    const r = await runCli(['scan', 'test', '--driver', 'sane', '--device', 'test:0', '--source', 'adf', '--pages', '2', '--resolution', '150', '--out', out, '--json'], tempDir(), { SANE_CONFIG_DIR: sane });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { pages: { file: string; width: number }[]; error: string | null };
    expect(result.error).toBeNull();
    expect(result.pages.map((p) => p.width)).toEqual([1181, 1181]);
    expect(fs.readdirSync(out).sort()).toEqual(['page-001.jpg', 'page-002.jpg']);
    const bad = await runCli(['scan', 'test', '--driver', 'sane', '--device', 'nosuch:0', '--out', out], tempDir(), { SANE_CONFIG_DIR: sane });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/scan failed after 0 page\(s\): not-found: .*nosuch/);
    const usage = await runCli(['scan', 'test', '--driver', 'fax'], tempDir());
    expect(usage.code).toBe(1);
    expect(usage.stderr).toMatch(/unknown driver fax/);
  });
});
