/**
 * 医保电子凭证 through a keyboard-wedge QR scanner: the scanner "types" the code far faster than
 * a person and ends with Enter. A pure detector over key events: feed it each keydown, it returns
 * the code when a burst completes.
 */
export interface WedgeOptions {
  /** shortest code accepted (characters before Enter) */
  minLength: number;
  /** largest gap between two characters of one burst, in ms */
  maxGapMs: number;
}

export const WEDGE_DEFAULTS: WedgeOptions = { minLength: 12, maxGapMs: 30 };

export interface WedgeState {
  buffer: string;
  /** time of the last character of the burst (ms) */
  last: number;
}

export const emptyWedge: WedgeState = { buffer: '', last: -Infinity };

export interface WedgeKey {
  /** KeyboardEvent.key */
  key: string;
  /** ms, monotonic (event.timeStamp) */
  time: number;
  /** Ctrl, Alt or Meta held: never part of a scan */
  modified?: boolean;
}

const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'Meta', 'AltGraph']);

/**
 * One step: the next state, and `code` when this key is the Enter that ends a fast enough burst
 * of at least minLength characters. A slow key starts a new burst; any other key ends it.
 */
export function feedWedge(state: WedgeState, k: WedgeKey, options: WedgeOptions = WEDGE_DEFAULTS): { state: WedgeState; code?: string } {
  if (MODIFIERS.has(k.key)) return { state };
  const fast = k.time - state.last <= options.maxGapMs;
  if (k.key === 'Enter' && !k.modified) {
    if (fast && state.buffer.length >= options.minLength) return { state: emptyWedge, code: state.buffer };
    return { state: emptyWedge };
  }
  if (k.key.length !== 1 || k.modified || k.key < ' ') return { state: emptyWedge };
  return { state: { buffer: fast ? state.buffer + k.key : k.key, last: k.time } };
}

/** Where a scan may land: not in a text field (the scanner would type into it), except one marked for 电子凭证. */
export function wedgeTargetAllowed(target: { tagName?: string; isContentEditable?: boolean; type?: string; dataset?: Record<string, string | undefined> } | null): boolean {
  if (!target?.tagName) return true;
  if (target.dataset?.evoucher !== undefined) return true;
  if (target.isContentEditable) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA') return false;
  if (tag === 'INPUT') return ['checkbox', 'radio', 'button', 'submit', 'reset'].includes((target.type ?? 'text').toLowerCase());
  return true;
}
