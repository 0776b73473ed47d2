import { useEffect, useState } from 'react';

/**
 * 适老化 mode of the public screens (kiosk, board, progress, evaluation): larger type and higher
 * contrast, per machine (localStorage), so a hall turns it on once per screen. Touch screens
 * toggle it with <ElderToggle>; a board, which nobody touches, takes `elder=1` (or `elder=0`)
 * in its address: `#/board?elder=1`. The mode puts the class `elder` on <html>; each screen's
 * CSS says what it changes under `.elder`.
 */
const KEY = 'medins.elder';
/** The kiosk's own large-font switch before the mode was app-wide. */
const LEGACY_KEY = 'medins.kiosk.large';

function fromAddress(): boolean | null {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  const value = q >= 0 ? new URLSearchParams(hash.slice(q + 1)).get('elder') : null;
  return value === '1' ? true : value === '0' ? false : null;
}

function stored(): boolean {
  const storage = window.localStorage;
  return (storage.getItem(KEY) ?? storage.getItem(LEGACY_KEY)) === '1';
}

export function useElderMode(): { elder: boolean; toggle: () => void } {
  const [elder, setElder] = useState(() => {
    const asked = fromAddress();
    if (asked !== null) window.localStorage.setItem(KEY, asked ? '1' : '0');
    return asked ?? stored();
  });
  useEffect(() => {
    document.documentElement.classList.toggle('elder', elder);
    return () => document.documentElement.classList.remove('elder');
  }, [elder]);
  return {
    elder,
    toggle: () => {
      window.localStorage.setItem(KEY, elder ? '0' : '1');
      window.localStorage.removeItem(LEGACY_KEY);
      setElder(!elder);
    },
  };
}

export function ElderToggle({ elder, toggle, className }: { elder: boolean; toggle: () => void; className?: string }) {
  return (
    <button type="button" className={`elder-toggle${elder ? ' is-on' : ''}${className ? ` ${className}` : ''}`} onClick={toggle} aria-pressed={elder} data-testid="elder-toggle">
      {elder ? '标准字体' : '大字模式（适老化）'}
    </button>
  );
}
