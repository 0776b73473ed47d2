import { useState, type ReactNode } from 'react';
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
import { ProgressPage } from '../features/progress/ProgressPage';
import { isProgressHash, useHash } from '../features/progress/route';
import { BoardPage } from '../features/board/BoardPage';
import { KioskPage } from '../features/kiosk/KioskPage';
import { EvaluationPage } from '../features/evaluation/EvaluationPage';
import { devicePageOf } from '../features/board/devicePage';
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
  const publicPage = publicRoute(useHash());
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={client}>
            {publicPage ?? (
              <AuthGate>
                <HashRouter>
                  <Shell />
                </HashRouter>
              </AuthGate>
            )}
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * Pages shown without signing in: 办理进度查询 (public: kiosk, the QR code on the receipt), the
 * 叫号屏 and the 取号机 (device token, renderer/auth/token.ts). Everything else is behind AuthGate.
 */
function publicRoute(hash: string): ReactNode {
  if (isProgressHash(hash)) return <ProgressPage />;
  const device = devicePageOf(hash);
  if (device === 'board') return <BoardPage />;
  if (device === 'kiosk') return <KioskPage />;
  if (device === 'evaluate') return <EvaluationPage />;
  return null;
}
