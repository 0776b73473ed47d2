import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter } from 'react-router';
import type { CoreClient } from '../api/client';
import { ApiProvider } from '../api/context';
import { AuthGate } from '../auth/AuthGate';
import { reportCallError } from '../auth/events';
import { Shell } from './Shell';
import { theme } from './theme';
import './app.css';

dayjs.locale('zh-cn');

export function App({ client }: { client: CoreClient }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // A locked or ended session shows up on whatever call hits it first.
        queryCache: new QueryCache({ onError: reportCallError }),
        mutationCache: new MutationCache({ onError: reportCallError }),
        defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
      }),
  );
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={client}>
            <AuthGate>
              <HashRouter>
                <Shell />
              </HashRouter>
            </AuthGate>
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
