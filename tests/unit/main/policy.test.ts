import { describe, expect, it } from 'vitest';
import { appUrlToRelativePath, decideOnCoreExit, isAppUrl, isCameraPage, isMediaAllowed, isSafeExternalUrl } from '../../../electron/main/policy';
import { shellMessages } from '../../../shared/messages/zh-CN';

describe('Electron shell policy', () => {
  it('only our app:// origin counts as the app', () => {
    expect(isAppUrl('app://counter/index.html?transport=message-port')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://counter/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://fuwu.nhsa.gov.cn/')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/')).toBe(false);
    expect(isSafeExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('https://user:pw@example.org/')).toBe(false);
    expect(isSafeExternalUrl('smb://host/share')).toBe(false);
  });

  it('maps app URLs to files inside the renderer folder and refuses escapes', () => {
    expect(appUrlToRelativePath('app://counter/')).toBe('index.html');
    expect(appUrlToRelativePath('app://counter/assets/index-1.js')).toBe('assets/index-1.js');
    // The URL parser already clamps dot segments at the root; encoded slashes must not sneak them back.
    expect(appUrlToRelativePath('app://counter/%2e%2e/%2e%2e/secret')).toBe('secret');
    expect(appUrlToRelativePath('app://counter/a/..%2f..%2fsecret')).toBeNull();
    expect(appUrlToRelativePath('app://counter/a%5c..%5cb')).toBeNull();
    expect(appUrlToRelativePath('https://counter/index.html')).toBeNull();
  });

  it('grants the camera video only to the screens that take photos, never audio', () => {
    const counter = 'app://counter/index.html?transport=message-port#/counter';
    expect(isCameraPage(counter)).toBe(true);
    expect(isCameraPage('app://counter/index.html#/cases?caseNo=1')).toBe(true);
    expect(isCameraPage('app://counter/index.html#/board')).toBe(false);
    expect(isCameraPage('app://counter/index.html#/counterfeit')).toBe(false);
    expect(isMediaAllowed('media', counter, { requested: ['video'] })).toBe(true);
    expect(isMediaAllowed('media', counter, { checked: 'video' })).toBe(true);
    // audio, or nothing named, or a check for audio / unknown media
    expect(isMediaAllowed('media', counter, { requested: ['video', 'audio'] })).toBe(false);
    expect(isMediaAllowed('media', counter, { requested: ['audio'] })).toBe(false);
    expect(isMediaAllowed('media', counter, { requested: [] })).toBe(false);
    expect(isMediaAllowed('media', counter, {})).toBe(false);
    expect(isMediaAllowed('media', counter, { checked: 'audio' })).toBe(false);
    expect(isMediaAllowed('media', counter, { checked: 'unknown' })).toBe(false);
    // other app pages (kiosk, settings), other origins, other permissions
    expect(isMediaAllowed('media', 'app://counter/index.html#/kiosk', { requested: ['video'] })).toBe(false);
    expect(isMediaAllowed('media', 'app://counter/index.html#/settings', { checked: 'video' })).toBe(false);
    expect(isMediaAllowed('media', 'https://evil.example/#/counter', { requested: ['video'] })).toBe(false);
    expect(isMediaAllowed('geolocation', counter, { requested: ['video'] })).toBe(false);
  });

  it('when core stops: one restart with a dialog, then quit with the reason; DB_TOO_NEW quits at once', () => {
    const crash = decideOnCoreExit(undefined, 0, shellMessages);
    expect(crash).toEqual({ action: 'restart', message: shellMessages.coreRestarted });
    expect(decideOnCoreExit(undefined, 1, shellMessages)).toEqual({ action: 'quit', message: shellMessages.coreFailedAgain });
    const tooNew = decideOnCoreExit({ code: 'DB_TOO_NEW', message: '数据库由更新版本的程序写入，请升级本程序后再打开' }, 0, shellMessages);
    expect(tooNew.action).toBe('quit');
    expect(tooNew.message).toContain('数据库由更新版本的程序写入');
    expect(decideOnCoreExit({ code: 'DB_UNAVAILABLE', message: '数据库暂时无法访问，请稍后重试' }, 0, shellMessages)).toEqual({ action: 'restart', message: `${shellMessages.coreRestarted}\n数据库暂时无法访问，请稍后重试` });
  });
});
