import { useSyncExternalStore } from 'react';

/**
 * The public 办理进度查询 page lives at `#/progress` (optionally `#/progress?code=…`, the
 * address in the QR code of the 受理回执). It is shown without signing in.
 */
export function isProgressHash(hash: string): boolean {
  return hash.startsWith('#/progress');
}

/** The query code carried in the hash, upper-cased; '' when there is none. */
export function codeFromHash(hash: string): string {
  const q = hash.indexOf('?');
  if (q < 0) return '';
  return (new URLSearchParams(hash.slice(q + 1)).get('code') ?? '').trim().toUpperCase();
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current location hash, re-rendering when it changes. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}
