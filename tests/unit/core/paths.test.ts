import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPaths, resolveDataDir } from '../../../electron/core/paths';

describe('resolveDataDir', () => {
  it('uses MEDINS_DATA_DIR when set, made absolute', () => {
    expect(resolveDataDir({ MEDINS_DATA_DIR: 'rel/dir' }, 'linux', '/home/a')).toBe(path.resolve('rel/dir'));
  });
  it('matches Electron userData per platform', () => {
    expect(resolveDataDir({}, 'linux', '/home/a')).toBe('/home/a/.config/medins-counter');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/a')).toBe('/x/medins-counter');
    expect(resolveDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/medins-counter');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(path.join('C:\\Users\\a\\AppData\\Roaming', 'medins-counter'));
  });
  it('ignores a blank override', () => {
    expect(resolveDataDir({ MEDINS_DATA_DIR: '  ' }, 'linux', '/home/a')).toBe('/home/a/.config/medins-counter');
  });
  it('lays out the files inside the data folder', () => {
    expect(dataPaths('/d')).toEqual({ dataDir: '/d', dbFile: '/d/medins.sqlite', settingsFile: '/d/settings.json', logDir: '/d/logs' });
  });
});
