import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettingsStore, SettingsValidationError } from '../../../electron/core/settings/store';
import { defaultSettings, publicSettings, settingsSchema } from '../../../shared/settings/schema';
import { tempDir } from '../../fixtures/temp';

describe('settings store', () => {
  it('starts from the defaults and writes them to settings.json', () => {
    const file = path.join(tempDir(), 'settings.json');
    const store = openSettingsStore(file);
    expect(store.get()).toEqual(defaultSettings());
    expect(store.get().catalog.sourceId).toBe('national-2020');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(defaultSettings());
  });

  it('each reader gets its own copy: changing it changes neither the store nor the next reader', () => {
    const store = openSettingsStore(path.join(tempDir(), 'settings.json'));
    const mine = store.get();
    mine.hall.name = '改过的名字';
    mine.intake.fieldChoices['人员类别'] = { options: ['x'] } as never;
    expect(store.get().hall.name).toBe('医疗保障经办服务大厅');
    expect(store.get()).toEqual(defaultSettings());
    expect(store.get()).not.toBe(store.get());
  });

  it('merges a partial update and keeps it across reopen', () => {
    const file = path.join(tempDir(), 'settings.json');
    openSettingsStore(file).update({ hall: { regionCode: '410100' }, counter: { number: 7 } });
    const again = openSettingsStore(file).get();
    expect(again.hall).toEqual({ name: '医疗保障经办服务大厅', regionCode: '410100', progressUrl: '', phone: '', address: '', timeZone: 'Asia/Shanghai' });
    expect(again.counter.number).toBe(7);
  });

  it('a partial update leaves the keys it does not name alone', () => {
    const store = openSettingsStore(path.join(tempDir(), 'settings.json'));
    store.update({ hall: { name: '某大厅', regionCode: '410100' }, queue: { policy: 'strict', interleaveNormal: 4 } });
    store.update({ hall: { name: '新名字' } });
    store.update({ queue: { notice: '请排队' } });
    const s = store.get();
    expect(s.hall).toEqual({ name: '新名字', regionCode: '410100', progressUrl: '', phone: '', address: '', timeZone: 'Asia/Shanghai' });
    expect([s.queue.policy, s.queue.interleaveNormal, s.queue.notice]).toEqual(['strict', 4, '请排队']);
  });

  it('refuses an invalid update with per-field reasons and changes nothing', () => {
    const file = path.join(tempDir(), 'settings.json');
    const store = openSettingsStore(file);
    let error: unknown;
    try {
      store.update({ hall: { regionCode: '41ab' }, counter: { number: 0 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsValidationError);
    expect(Object.keys((error as SettingsValidationError).fields).sort()).toEqual(['counter.number', 'hall.regionCode']);
    expect(store.get()).toEqual(defaultSettings());
  });

  it('repairs an invalid section with defaults and keeps the valid ones', () => {
    const file = path.join(tempDir(), 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ hall: { name: '某大厅', regionCode: 'bad' }, counter: { number: 3 } }));
    const store = openSettingsStore(file);
    expect(store.get().hall).toEqual(defaultSettings().hall);
    expect(store.get().counter.number).toBe(3);
    expect(store.loadWarnings.join()).toMatch(/section "hall" is invalid/);
  });

  it('keeps a copy of an unreadable file instead of losing it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'settings.json');
    fs.writeFileSync(file, '{ not json');
    const store = openSettingsStore(file);
    expect(store.get()).toEqual(defaultSettings());
    const kept = fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.unreadable-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, kept[0]!), 'utf8')).toBe('{ not json');
  });

  it('never exposes the web access token', () => {
    const s = settingsSchema.parse({ webHost: { host: '0.0.0.0', accessToken: 'x'.repeat(32) } });
    const shown = publicSettings(s);
    expect(JSON.stringify(shown)).not.toContain('x'.repeat(32));
    expect(shown.webHost.accessTokenSet).toBe(true);
  });
});
