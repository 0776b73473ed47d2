import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { openCoreHost } from '../../../electron/core/profiles';
import { TRAINING_ACCOUNTS } from '../../../electron/core/auth/setup';
import { tempDir } from '../../fixtures/temp';
import { sqliteOf } from '../../fixtures/hall';

const input = (over: Record<string, unknown> = {}) => ({
  admin: { username: 'admin', displayName: '管理员', password: 'Admin2026' },
  hall: { name: '某市医保服务大厅', regionCode: '410100' },
  counter: { number: 3 },
  catalogSourceId: 'henan-2024',
  ...over,
});

describe('first-run setup', () => {
  it('creates the admin, names hall and counter, chooses the region profile, once', async () => {
    const core = await createCore({ dataDir: tempDir(), runtime: 'test', logToFile: false });
    expect((await core.services.setup.status()).setupComplete).toBe(false);
    await core.services.setup.complete(input(), 'direct');
    const s = core.services.settings.get();
    expect([s.hall.name, s.hall.regionCode, s.counter.number, s.catalog.sourceId]).toEqual(['某市医保服务大厅', '410100', 3, 'henan-2024']);
    expect((await core.services.users.list()).map((u) => [u.username, u.roles])).toEqual([['admin', ['admin']]]);
    await expect(core.services.setup.complete(input(), 'direct')).rejects.toThrow(/already complete/);
    await core.close();
  });

  it('a refused setup writes nothing: weak password, unknown region profile', async () => {
    const core = await createCore({ dataDir: tempDir(), runtime: 'test', logToFile: false });
    await expect(core.services.setup.complete(input({ admin: { username: 'admin', displayName: '管理员', password: 'short' } }), 'direct')).rejects.toThrow(/weak password/);
    await expect(core.services.setup.complete(input({ catalogSourceId: 'mars-2030' }), 'direct')).rejects.toThrow();
    expect(await core.services.users.count()).toBe(0);
    expect(core.services.settings.get().hall.regionCode).toBe('');
    expect((await core.services.setup.status()).setupComplete).toBe(false);
    await core.close();
  });
});

describe('training mode', () => {
  it('switches to a separate, marked, seeded database and back, and remembers the choice', async () => {
    const root = tempDir();
    const host = await openCoreHost({ dataDir: root, runtime: 'test', logToFile: false });
    expect(host.current().services.training).toBe(false);
    await host.current().services.switchProfile('training');
    const training = host.current();
    expect(training.services.training).toBe(true);
    expect(training.paths.dataDir).toBe(path.join(root, 'training'));
    const status = await training.services.setup.status();
    expect(status).toMatchObject({ setupComplete: true, training: true });
    expect(status.trainingAccounts.map((a) => a.username)).toEqual(TRAINING_ACCOUNTS.map((a) => a.username));
    expect(training.services.settings.get().devices).toEqual({ idReader: 'simulator', scanner: 'simulator' });
    expect((await training.services.sessions.login('clerk', 'Train2026', 'direct')).user.roles).toEqual(['clerk']);
    const mode = sqliteOf(training).raw.prepare("SELECT value FROM app_meta WHERE key = 'mode'").get() as { value: string };
    expect(mode.value).toBe('training');
    // Sample activity: a morning's tickets and cases in different states.
    const snap = await training.services.queue.snapshot();
    expect(snap.waiting.length).toBe(6);
    expect(snap.waiting.some((t) => t.priorityKind === '老年人')).toBe(true);
    const cases = await training.services.cases.search({});
    expect(cases.cases.map((c) => c.status).sort()).toEqual(['accepted', 'accepted', 'correction_requested']);
    expect(cases.cases.every((c) => c.training)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'profile.json'), 'utf8'))).toEqual({ active: 'training' });
    await host.close();

    const again = await openCoreHost({ dataDir: root, runtime: 'test', logToFile: false });
    expect(again.current().services.training).toBe(true);
    await again.current().services.switchProfile('production');
    expect(again.current().services.training).toBe(false);
    expect((await again.current().services.setup.status()).setupComplete).toBe(false);
    await again.close();
  });
});
