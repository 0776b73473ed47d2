import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { tightenDataFolder } from '../../../electron/core/paths';
import { tempDir } from '../../fixtures/temp';

const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('the data folder is owner-only after start', () => {
  it('a pre-created 0755 folder with 0644 settings and logs is brought to 0700 / 0600, and the start log says so', async () => {
    const dataDir = path.join(tempDir(), 'medins');
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{"upstream":{"keySecret":"s3cret-0123456789"}}', { mode: 0o644 });
    fs.writeFileSync(path.join(dataDir, 'logs', 'medins.2026-01-01.1.log'), '{}\n', { mode: 0o644 });
    const core = await createCore({ dataDir, runtime: 'test' });
    await core.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'settings.json'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'logs', 'medins.2026-01-01.1.log'))).toBe(0o600);
    const log = fs.readdirSync(path.join(dataDir, 'logs')).map((f) => fs.readFileSync(path.join(dataDir, 'logs', f), 'utf8')).join('');
    expect(log).toContain('data folder and its files made owner-only');
  });

  it('says why not when it cannot (Windows: the profile ACL applies), and changes nothing it need not', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o700);
    expect(tightenDataFolder(dir, 'win32')).toEqual({ changed: [], notDone: expect.stringContaining('ACL') });
    expect(tightenDataFolder(dir)).toEqual({ changed: [] });
    expect(tightenDataFolder(path.join(dir, 'missing')).notDone).toMatch(/ENOENT/);
  });
});
