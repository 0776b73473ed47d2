import { useState } from 'react';
import { App as AntApp, ConfigProvider, Layout, Menu, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { CoreClient } from '../api/client';
import { ApiProvider, useApi } from '../api/context';
import { useClock } from '../api/useClock';
import { navSections, shortcutLabel } from './nav';
import { StatusPage } from '../features/status/StatusPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { PendingSection } from '../features/placeholder/PendingSection';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp';
import { useGlobalShortcuts } from '../shortcuts/useGlobalShortcuts';
import { theme } from './theme';
import './app.css';

dayjs.locale('zh-cn');

export function App({ client }: { client: CoreClient }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ApiProvider client={client}>
            <HashRouter>
              <Shell />
            </HashRouter>
          </ApiProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function Shell() {
  const [helpOpen, setHelpOpen] = useState(false);
  useGlobalShortcuts(() => setHelpOpen((v) => !v));
  const location = useLocation();
  const navigate = useNavigate();
  const { orpc } = useApi();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const { tick, state } = useClock();

  return (
    <Layout className="shell">
      <Layout.Sider width={168} theme="light" className="shell-sider">
        <div className="brand">医保经办窗口</div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          onClick={({ key }) => void navigate(key)}
          items={navSections.map((s) => ({
            key: s.path,
            label: (
              <span className="nav-item">
                {s.label}
                <kbd>{shortcutLabel(s.shortcut)}</kbd>
              </span>
            ),
          }))}
        />
        <div className="sider-hint">F1 快捷键说明</div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Typography.Text strong>{settings.data?.hall.name ?? '　'}</Typography.Text>
          <Typography.Text type="secondary">{settings.data ? `${settings.data.counter.number} 号窗口` : ''}</Typography.Text>
          <span className="header-spacer" />
          <ConnectionTag state={state} />
          <span className="header-clock" data-testid="header-clock">
            {tick ? dayjs(tick.now).format('YYYY年M月D日 dddd HH:mm:ss') : '——'}
          </span>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Routes>
            <Route path="/" element={<Navigate to="/status" replace />} />
            {navSections.map((s) => (
              <Route key={s.path} path={s.path} element={elementFor(s.path, s.pending)} />
            ))}
            <Route path="*" element={<Navigate to="/status" replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Layout>
  );
}

function elementFor(path: string, pending: string | undefined) {
  if (path === '/status') return <StatusPage />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/catalog') return <CatalogPage />;
  return <PendingSection title={pending ?? path} />;
}

function ConnectionTag({ state }: { state: 'connecting' | 'live' | 'lost' }) {
  if (state === 'live') return <Tag color="success">已连接</Tag>;
  if (state === 'lost') return <Tag color="error">连接中断，正在重连…</Tag>;
  return <Tag>连接中…</Tag>;
}
