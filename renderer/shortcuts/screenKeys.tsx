import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** One key a screen answers to, as F1 lists it: `keys` as printed on the keyboard, `action` in Chinese. */
export interface ScreenKey {
  keys: string;
  action: string;
}

interface Registry {
  keys: readonly ScreenKey[];
  register: (owner: string, keys: readonly ScreenKey[]) => () => void;
}

const ScreenKeysContext = createContext<Registry>({ keys: [], register: () => () => undefined });

/**
 * Screens declare the keys they handle where they handle them, so F1 always lists exactly the
 * keys of what is on screen (a key documented apart from its handler drifts).
 */
export function ScreenKeysProvider({ children }: { children: ReactNode }) {
  const [owners, setOwners] = useState<ReadonlyMap<string, readonly ScreenKey[]>>(new Map());
  // Stable, so a screen's registration effect runs once per change of its own keys only.
  const register = useCallback((owner: string, keys: readonly ScreenKey[]) => {
    setOwners((prev) => new Map(prev).set(owner, keys));
    return () =>
      setOwners((prev) => {
        const next = new Map(prev);
        next.delete(owner);
        return next;
      });
  }, []);
  const registry = useMemo<Registry>(() => ({ keys: [...owners.values()].flat(), register }), [owners, register]);
  return <ScreenKeysContext.Provider value={registry}>{children}</ScreenKeysContext.Provider>;
}

/** Registers `keys` under `owner` while the calling component is mounted. */
export function useScreenKeys(owner: string, keys: readonly ScreenKey[]): void {
  const { register } = useContext(ScreenKeysContext);
  // Compared by content: callers build the list inline on every render.
  const signature = JSON.stringify(keys);
  useEffect(() => register(owner, JSON.parse(signature) as ScreenKey[]), [register, owner, signature]);
}

export function useRegisteredScreenKeys(): readonly ScreenKey[] {
  return useContext(ScreenKeysContext).keys;
}
