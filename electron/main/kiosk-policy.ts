/**
 * Decisions of the board and kiosk windows, free of `electron` so they are tested under plain
 * Node (tests/unit/main/kiosk-policy.test.ts); electron/main/windows.ts only applies them.
 */
import { APP_ORIGIN, isAppUrl } from './policy';

export type WindowKind = 'counter' | 'board' | 'kiosk';

/**
 * Which windows open at start, from the command line (docs/operations.md):
 *  (nothing)                  counter
 *  --board                    counter + display board (second screen when there is one)
 *  --kiosk                    the locked kiosk alone
 *  --windows=counter,board…   any list of counter, board, kiosk
 * Unknown names are ignored; an empty result falls back to the counter window.
 */
export function windowsFromArgs(argv: readonly string[]): WindowKind[] {
  const kinds = new Set<WindowKind>();
  let listed = false;
  for (const arg of argv) {
    const m = /^--windows=(.*)$/.exec(arg);
    if (m) {
      listed = true;
      for (const name of m[1]!.split(',').map((s) => s.trim().toLowerCase())) {
        if (name === 'counter' || name === 'board' || name === 'kiosk') kinds.add(name);
      }
    }
  }
  if (!listed) {
    if (argv.includes('--kiosk')) kinds.add('kiosk');
    if (argv.includes('--board')) {
      kinds.add('counter');
      kinds.add('board');
    }
  }
  if (kinds.size === 0) kinds.add('counter');
  // Fixed order: the counter first, so it is the window a second instance brings forward.
  return (['counter', 'board', 'kiosk'] as const).filter((k) => kinds.has(k));
}

/** The page each window loads; every one talks to core over the MessagePort. */
export function windowUrl(kind: WindowKind): string {
  const base = `${APP_ORIGIN}/index.html?transport=message-port`;
  return kind === 'counter' ? base : `${base}#/${kind}`;
}

export interface DisplayLike {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

/**
 * The display for the board: the first that is not the primary (a second screen), else the
 * primary. `fullscreen` only on a second screen: on the clerk's own screen it stays a window.
 */
export function boardDisplay<D extends DisplayLike>(displays: readonly D[], primary: D): { display: D; fullscreen: boolean } {
  const second = displays.find((d) => d.id !== primary.id);
  return second ? { display: second, fullscreen: true } : { display: primary, fullscreen: false };
}

/** The parts of Electron's `Input` (before-input-event) the kiosk looks at. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control?: boolean;
  alt?: boolean;
  shift?: boolean;
  meta?: boolean;
}

const BLOCKED_PLAIN = new Set(['F1', 'F3', 'F5', 'F6', 'F7', 'F11', 'F12', 'Escape', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'ContextMenu']);
const BLOCKED_CTRL = new Set(['w', 'q', 'r', 'n', 't', 'p', 's', 'o', 'l', 'f', 'h', 'j', 'u', 'm', '+', '-', '=', '0', 'tab', 'f4', 'f5']);

/**
 * Keys the locked kiosk swallows: window and app escapes (Alt+F4, Ctrl+W/Q, Cmd+Q/W/H/M),
 * reload, DevTools (F12, Ctrl+Shift+I/J/C), full-screen toggles (F11, Escape), zoom, print,
 * find, history. Plain typing (digits for the PIN prompt, Enter, Backspace) goes through.
 * (Ctrl+Alt+Del, the Windows key and Alt+Tab are the OS's: lock those with the OS's own kiosk
 * / assigned-access setting — docs/operations.md.)
 */
export function isBlockedKioskKey(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const lower = key.toLowerCase();
  if (BLOCKED_PLAIN.has(input.key)) return true;
  if (input.alt && (lower === 'f4' || lower === 'arrowleft' || lower === 'arrowright' || lower === 'home' || lower === ' ' || lower === 'tab')) return true;
  if (input.control || input.meta) {
    if (BLOCKED_CTRL.has(lower)) return true;
    if (input.shift && (lower === 'i' || lower === 'j' || lower === 'c' || lower === 'delete')) return true;
  }
  return false;
}

/** The hidden gesture that opens the PIN prompt on the page: Ctrl+Alt+Shift+P. */
export function isUnlockGesture(input: KeyInput): boolean {
  return input.type === 'keyDown' && !!input.control && !!input.alt && !!input.shift && !input.meta && (input.key.toLowerCase() === 'p' || input.code === 'KeyP');
}

/** Where the kiosk page goes after core accepted the PIN: #/kiosk/exit?grant=<one-time grant>. */
export const KIOSK_EXIT_ROUTE = '#/kiosk/exit';

/**
 * The grant in a (same-document) navigation of the kiosk window, when it is our exit route;
 * null for anything else. Main still redeems the grant with core before unlocking.
 */
export function exitGrantFromUrl(raw: string): string | null {
  if (!isAppUrl(raw)) return null;
  const hash = new URL(raw).hash;
  if (!hash.startsWith(`${KIOSK_EXIT_ROUTE}?`)) return null;
  const grant = new URLSearchParams(hash.slice(KIOSK_EXIT_ROUTE.length + 1)).get('grant');
  return grant && /^[A-Za-z0-9_-]{16,64}$/.test(grant) ? grant : null;
}
