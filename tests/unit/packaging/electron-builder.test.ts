import fs from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** Packaging cannot run here (no Electron download), so the config is checked against the schema electron-builder itself validates with. */
const require = createRequire(import.meta.url);
const schema = JSON.parse(fs.readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = yaml.load(fs.readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('targets Windows nsis x64 and Linux deb + AppImage for x64 and arm64', () => {
    expect(config.appId).toBe('cn.gov.medins.counter');
    expect(config.productName).toBe('医保经办窗口');
    const win = config.win as { target: { target: string; arch: string[] }[] };
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const linux = config.linux as { target: { target: string; arch: string[] }[] };
    expect(linux.target.map((t) => [t.target, t.arch])).toEqual([
      ['deb', ['x64', 'arm64']],
      ['AppImage', ['x64', 'arm64']],
    ]);
  });

  it('rebuilds native modules, unpacks better-sqlite3 and flips the security fuses', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*');
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('points at the built main process entry', () => {
    expect((config.extraMetadata as { main: string }).main).toBe('dist/electron/main.cjs');
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});
