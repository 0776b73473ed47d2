import { createContext, useContext, type ReactNode } from 'react';
import { createTanstackQueryUtils } from '@orpc/tanstack-query';
import type { CoreClient } from './client';

function makeApi(client: CoreClient) {
  return { client, orpc: createTanstackQueryUtils(client) };
}
export type Api = ReturnType<typeof makeApi>;

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ client, children }: { client: CoreClient; children: ReactNode }) {
  return <ApiContext.Provider value={makeApi(client)}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
