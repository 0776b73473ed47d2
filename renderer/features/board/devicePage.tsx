import { useState } from 'react';
import { currentDevicePage, getDeviceToken, getSessionToken, setDeviceToken, type DevicePage } from '../../auth/token';

/** `#/board…` and `#/kiosk…` are device pages: shown without signing in (App.tsx). */
export function devicePageOf(hash: string): DevicePage | null {
  return currentDevicePage(hash);
}

/**
 * Takes `?token=…` from the hash once, keeps it for this device and removes it from the
 * address (it should not stay on screen). Returns whether the page has a token to call with.
 */
export function adoptTokenFromHash(page: DevicePage): boolean {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(hash.slice(q + 1));
    const token = params.get('token')?.trim();
    if (token) {
      setDeviceToken(page, token);
      params.delete('token');
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/${page}${rest ? `?${rest}` : ''}`);
    }
  }
  return getDeviceToken(page) !== null || getSessionToken() !== null;
}

/** Adopts the token on first render; `forget` drops a token core refused. */
export function useDeviceToken(page: DevicePage): { hasToken: boolean; forget: () => void } {
  const [hasToken, setHasToken] = useState(() => adoptTokenFromHash(page));
  return {
    hasToken,
    forget: () => {
      setDeviceToken(page, null);
      setHasToken(false);
    },
  };
}

/** Why core refused the device, in words that fit a device (core's own text speaks of signing in). */
export function deviceRefusal(page: DevicePage, code: string | null, fallback: string | null): string | null {
  const what = page === 'board' ? '叫号显示屏' : '取号机';
  if (code === 'UNAUTHORIZED' || code === 'SESSION_EXPIRED') return '本设备保存的令牌无效或已作废，请重新生成令牌。';
  if (code === 'FORBIDDEN') return `该令牌不能用于${what}，请生成类型为「${what}」的令牌。`;
  return fallback;
}

/** What to do when the device has no (valid) token: said plainly, in the hall's language. */
export function NoDeviceToken({ page, reason }: { page: DevicePage; reason?: string | null }) {
  const what = page === 'board' ? '叫号显示屏' : '取号机';
  const scope = what;
  const base = `${window.location.origin}${window.location.pathname}`;
  return (
    <main className="device-setup" data-testid="device-setup">
      <h1>{what}尚未配置</h1>
      {reason && <p className="device-setup-reason">{reason}</p>}
      <ol>
        <li>
          管理员在「用户管理 → 设备令牌」选择类型「{scope}」，生成令牌；
        </li>
        <li>
          在本设备上用以下地址打开（令牌只需带一次，之后本设备会记住）：
          <code>
            {base}#/{page}?token=<b>令牌</b>
          </code>
        </li>
      </ol>
      {/* The Electron board and kiosk windows have no address bar: the token can be pasted here instead. */}
      <form
        className="device-setup-token"
        onSubmit={(e) => {
          e.preventDefault();
          const token = String(new FormData(e.currentTarget).get('token') ?? '').trim();
          if (!token) return;
          setDeviceToken(page, token);
          window.location.reload();
        }}
      >
        <label>
          或在此粘贴令牌：<input name="token" type="password" autoComplete="off" data-testid="device-token-input" />
        </label>
        <button type="submit">保存</button>
      </form>
    </main>
  );
}
