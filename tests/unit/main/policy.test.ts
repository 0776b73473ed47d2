import { describe, expect, it } from 'vitest';
import { appUrlToRelativePath, isAppUrl, isPermissionAllowed, isSafeExternalUrl } from '../../../electron/main/policy';

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

  it('grants the camera to our own pages and nothing else', () => {
    // The camera (拍照 with a 高拍仪) for our own pages only, and never the microphone.
    expect(isPermissionAllowed('media', 'app://counter/')).toBe(true);
    expect(isPermissionAllowed('media', 'app://counter/', ['video'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://counter/', ['video', 'audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'app://counter/', [])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', ['video'])).toBe(false);
    expect(isPermissionAllowed('geolocation', 'app://counter/')).toBe(false);
  });
});
