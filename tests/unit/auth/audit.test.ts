import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core';
import { preparedCore, sqliteOf } from '../../fixtures/hall';
import { tempDir } from '../../fixtures/temp';
import { makeResidentId } from '../../fixtures/identity';

describe('audit log', () => {
  it('chains every entry and verifies', async () => {
    const core = await preparedCore(tempDir());
    const { audit } = core.services;
    await audit.record({ id: 1, name: 'admin', counter: 1, transport: 'http' }, 'test.one', 'x');
    await audit.record({ id: 1, name: 'admin' }, 'test.two', 'y', { n: 2 });
    const v = await audit.verify();
    expect(v.ok).toBe(true);
    expect(v.checked).toBeGreaterThanOrEqual(6); // setup, 3 user.create, 2 test entries
    await core.close();
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const core = await preparedCore(tempDir());
    expect(() => sqliteOf(core).raw.prepare("UPDATE audit_log SET actor = 'x'").run()).toThrow(/append-only/);
    expect(() => sqliteOf(core).raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await core.close();
  });

  it('detects a tampered row even when the triggers were dropped, and names it', async () => {
    const core = await preparedCore(tempDir());
    const { entries } = await core.services.audit.list({ limit: 1000 });
    const victim = entries[entries.length - 2]!; // the second entry ever written
    sqliteOf(core).raw.exec('DROP TRIGGER audit_log_no_update');
    sqliteOf(core).raw.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE id = ?").run(victim.id);
    expect(await core.services.audit.verify()).toEqual({ ok: false, checked: victim.id - 1, brokenAt: victim.id });
    await core.close();
  });

  it('detects a removed row', async () => {
    const core = await preparedCore(tempDir());
    sqliteOf(core).raw.exec('DROP TRIGGER audit_log_no_delete');
    sqliteOf(core).raw.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect((await core.services.audit.verify()).brokenAt).toBe(3);
    await core.close();
  });

  it('detects the newest entries removed from the end (triggers dropped), which leaves an intact-looking chain', async () => {
    const core = await preparedCore(tempDir());
    for (let i = 0; i < 3; i++) await core.services.audit.record({ id: null, name: 'clerk1' }, 'case.accept', `case:${i}`);
    const before = await core.services.audit.verify();
    expect(before).toEqual({ ok: true, checked: before.checked, brokenAt: null });
    const lastKept = before.checked - 2;
    sqliteOf(core).raw.exec('DROP TRIGGER audit_log_no_delete');
    sqliteOf(core).raw.prepare('DELETE FROM audit_log WHERE id > ?').run(lastKept);
    expect(await core.services.audit.verify()).toEqual({ ok: false, checked: lastKept, brokenAt: lastKept + 1, tail: true });
    await core.close();
  });

  it('an attacker who also rewinds the head to an earlier count is still caught: the head names the last hash', async () => {
    const core = await preparedCore(tempDir());
    const { checked } = await core.services.audit.verify();
    sqliteOf(core).raw.exec('DROP TRIGGER audit_log_no_delete');
    sqliteOf(core).raw.prepare('DELETE FROM audit_log WHERE id = ?').run(checked);
    sqliteOf(core).raw.prepare('UPDATE audit_head SET entries = entries - 1').run();
    expect(await core.services.audit.verify()).toMatchObject({ ok: false, tail: true });
    await core.close();
  });

  it('never stores an identity number unmasked in an entry', async () => {
    const core = await preparedCore(tempDir());
    const id = makeResidentId({ birthDate: '1990-01-02', sex: '男' });
    await core.services.audit.record({ id: null, name: 'clerk1' }, 'person.view', `case:1`, { idNumber: id, note: `查询 ${id}` });
    const raw = sqliteOf(core).raw.prepare('SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as { detail: string };
    expect(raw.detail).not.toContain(id);
    await core.close();
  });

  it('filters by hall-time day, action prefix and actor', async () => {
    let t = Date.parse('2026-11-22T15:59:00Z'); // 23:59 in the hall
    const core = await createCore({ dataDir: tempDir(), runtime: 'test', logToFile: false, now: () => t });
    await core.services.audit.record({ id: null, name: 'a' }, 'case.accept', '1');
    t = Date.parse('2026-11-22T16:01:00Z'); // 00:01 next day in the hall
    await core.services.audit.record({ id: null, name: 'b' }, 'case.refuse', '2');
    expect((await core.services.audit.list({ from: '2026-11-22', to: '2026-11-22' })).entries.map((e) => e.actor)).toEqual(['a']);
    expect((await core.services.audit.list({ from: '2026-11-23' })).entries.map((e) => e.actor)).toEqual(['b']);
    expect((await core.services.audit.list({ action: 'case.' })).total).toBe(2);
    expect((await core.services.audit.list({ actor: 'b' })).total).toBe(1);
    await core.close();
  });
});
