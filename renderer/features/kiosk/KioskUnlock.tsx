import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

/** Where the page goes once core accepted the PIN; the Electron main process redeems the grant with core (electron/main/kiosk-policy.ts). */
export const KIOSK_EXIT_ROUTE = '#/kiosk/exit';
const TAPS = 5;
const TAP_WINDOW_MS = 3000;

/** Ctrl+Alt+Shift+P, or five taps on the top-left corner within 3 s. */
export function isUnlockKey(e: Pick<KeyboardEvent, 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey' | 'code' | 'key'>): boolean {
  return e.ctrlKey && e.altKey && e.shiftKey && !e.metaKey && (e.code === 'KeyP' || e.key.toLowerCase() === 'p');
}

/**
 * Staff leave the locked kiosk window with the admin PIN: a hidden gesture opens a touch
 * keypad; core checks the PIN (kiosk.verifyPin) and only then does the page ask to leave.
 */
export function KioskUnlock() {
  const { client } = useApi();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [unlocked, setUnlocked] = useState(false);
  const taps = useRef<number[]>([]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isUnlockKey(e)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const close = useCallback(() => {
    setOpen(false);
    setPin('');
    setMessage(null);
    if (unlocked) {
      setUnlocked(false);
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/kiosk`);
    }
  }, [unlocked]);

  // The prompt closes by itself when left alone, so the next visitor finds the kiosk.
  useEffect(() => {
    if (!open) return;
    const timer = window.setTimeout(() => close(), 60_000);
    return () => window.clearTimeout(timer);
  }, [open, pin, close]);

  const verify = useMutation({
    mutationFn: (value: string) => client.kiosk.verifyPin({ pin: value }),
    onSuccess: ({ grant }) => {
      setUnlocked(true);
      setPin('');
      window.location.hash = `${KIOSK_EXIT_ROUTE}?grant=${encodeURIComponent(grant)}`;
    },
    onError: (e) => {
      setPin('');
      setMessage(errorText(e));
    },
  });

  const tap = () => {
    const now = Date.now();
    taps.current = [...taps.current.filter((t) => now - t < TAP_WINDOW_MS), now];
    if (taps.current.length >= TAPS) {
      taps.current = [];
      setOpen(true);
    }
  };

  const press = (d: string) => {
    setMessage(null);
    setPin((p) => (p.length < 12 ? p + d : p));
  };

  return (
    <>
      <div className="kiosk-unlock-corner" onClick={tap} aria-hidden="true" data-testid="kiosk-unlock-corner" />
      {open && (
        <div className="kiosk-unlock" role="dialog" aria-label="管理员解锁" data-testid="kiosk-unlock">
          {unlocked ? (
            <div className="kiosk-unlock-box">
              <h2>已解除锁定</h2>
              <p>取号机窗口已退出锁定，可关闭窗口或进行维护。</p>
              <button type="button" onClick={close}>返回取号</button>
            </div>
          ) : (
            <div className="kiosk-unlock-box">
              <h2>管理员解锁</h2>
              <div className="kiosk-unlock-pin" data-testid="kiosk-unlock-pin">{pin ? '●'.repeat(pin.length) : '请输入解锁密码'}</div>
              {message && <p className="kiosk-unlock-error" role="alert">{message}</p>}
              <div className="kiosk-unlock-keys">
                {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
                  <button key={d} type="button" onClick={() => press(d)}>{d}</button>
                ))}
                <button type="button" onClick={() => setPin((p) => p.slice(0, -1))}>退格</button>
                <button type="button" onClick={() => press('0')}>0</button>
                <button type="button" className="is-ok" disabled={pin.length < 6 || verify.isPending} onClick={() => verify.mutate(pin)}>确定</button>
              </div>
              <button type="button" className="kiosk-unlock-cancel" onClick={close}>取消</button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
