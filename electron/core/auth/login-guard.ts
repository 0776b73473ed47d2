/**
 * Guessing passwords, slowed and contained per network source (the web host's client address;
 * `local` for the counter's own window):
 * - throttle: each source may fail `freeFailures` times; after that it waits 1 s, 2 s, 4 s … (at
 *   most 60 s) before its next attempt is even considered, whichever account it names. Failures
 *   are forgotten after `forgetAfterMs` without one.
 * - lockout: `maxFailures` wrong passwords for one account from one source lock that account for
 *   that source only, so a stranger on the hall network cannot keep an administrator out of
 *   their own counter.
 * Kept in memory (per core; a restart forgets it) and bounded: past `maxEntries` the oldest go.
 */
export interface LoginGuardPolicy {
  maxFailures: number;
  lockoutMs: number;
  freeFailures?: number;
  maxDelayMs?: number;
  forgetAfterMs?: number;
  maxEntries?: number;
}

interface SourceState {
  failures: number;
  lastFailureAt: number;
  nextAllowedAt: number;
}
interface AccountState {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export function createLoginGuard(policy: () => LoginGuardPolicy, now: () => number) {
  const sources = new Map<string, SourceState>();
  const accounts = new Map<string, AccountState>();
  const key = (username: string, source: string) => `${username.toLowerCase()}\u0000${source}`;
  const bounded = <V>(map: Map<string, V>, k: string, v: V) => {
    map.delete(k);
    map.set(k, v);
    if (map.size > (policy().maxEntries ?? 50_000)) map.delete(map.keys().next().value!);
  };
  const fresh = <V extends { lastFailureAt: number }>(v: V | undefined): V | undefined => (v && now() - v.lastFailureAt < (policy().forgetAfterMs ?? 15 * 60_000) ? v : undefined);

  return {
    /** Milliseconds this source must still wait before an attempt is considered (0: go ahead). */
    waitMs(source: string): number {
      const s = fresh(sources.get(source));
      return s ? Math.max(0, s.nextAllowedAt - now()) : 0;
    },
    /** True while this account is locked for this source. */
    locked(username: string, source: string): boolean {
      const a = accounts.get(key(username, source));
      return a !== undefined && a.lockedUntil > now();
    },
    /** Counts a failed attempt; says whether it has just locked the account for this source. */
    failed(username: string, source: string): { lockedNow: boolean; lockedUntil: number } {
      const p = policy();
      const t = now();
      const s = fresh(sources.get(source)) ?? { failures: 0, lastFailureAt: t, nextAllowedAt: 0 };
      s.failures++;
      s.lastFailureAt = t;
      const over = s.failures - (p.freeFailures ?? p.maxFailures);
      s.nextAllowedAt = over > 0 ? t + Math.min(p.maxDelayMs ?? 60_000, 1000 * 2 ** (over - 1)) : 0;
      bounded(sources, source, s);

      const k = key(username, source);
      const prior = accounts.get(k);
      if (prior && prior.lockedUntil > t) return { lockedNow: false, lockedUntil: prior.lockedUntil };
      const a = fresh(prior) ?? { failures: 0, lockedUntil: 0, lastFailureAt: t };
      a.failures = prior && prior.lockedUntil > 0 && prior.lockedUntil <= t ? 1 : a.failures + 1;
      a.lastFailureAt = t;
      const lockedNow = a.failures >= p.maxFailures;
      a.lockedUntil = lockedNow ? t + p.lockoutMs : 0;
      if (lockedNow) a.failures = 0;
      bounded(accounts, k, a);
      return { lockedNow, lockedUntil: a.lockedUntil };
    },
    /** A correct password clears that account's count for this source (not the source's throttle). */
    succeeded(username: string, source: string): void {
      accounts.delete(key(username, source));
    },
  };
}

export type LoginGuard = ReturnType<typeof createLoginGuard>;
