import { lazy, Suspense, useState } from 'react';
import { Layout, Menu, Result, Skeleton, Tag, Typography } from 'antd';
import { hallDayjs } from './hallTime';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useApi } from '../api/context';
import { useClock, type StreamState } from '../api/useClock';
import { useSession } from '../auth/SessionContext';
import { homePathFor, navSections, shortcutLabel, visibleSections, type NavSection } from './nav';
import { UserMenu } from './UserMenu';
import { TrainingBanner } from './TrainingBanner';
import { DatabaseBanner } from './DatabaseBanner';
import { NextYearNotice } from '../features/calendar/NextYearNotice';
import { StatusPage } from '../features/status/StatusPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { CatalogPage } from '../features/catalog/CatalogPage';
import { UsersPage } from '../features/admin/UsersPage';
import { AuditPage } from '../features/admin/AuditPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { WorkstationPage } from '../features/counter/WorkstationPage';
import { CasesPage } from '../features/cases/CasesPage';
import { CallPanel } from '../features/queue/CallPanel';
import { ConsolePage } from '../features/queue/ConsolePage';
import { ShortcutHelp } from '../shortcuts/ShortcutHelp';
import { ScreenKeysProvider } from '../shortcuts/screenKeys';
import { useGlobalShortcuts } from '../shortcuts/useGlobalShortcuts';
import { ReaderStatusTag } from '../features/readers/ReaderStatusTag';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SyncPage } from '../features/sync/SyncPage';
import { PrinterStatusTag } from '../features/printing/PrinterStatusTag';
import { PrintJobsPage } from '../features/printing/PrintJobsPage';

/** The signed-in app: navigation by role, header with hall, counter, user and clock. */
// 统计 pulls in ECharts (about half the bundle); load it only when a supervisor opens it.
const StatsPage = lazy(() => import('../features/stats/StatsPage').then((m) => ({ default: m.StatsPage })));

export function Shell() {
  const [helpOpen, setHelpOpen] = useState(false);
  const { session, hasRole, lock } = useSession();
  useGlobalShortcuts(() => setHelpOpen((v) => !v), lock);
  const location = useLocation();
  const navigate = useNavigate();
  const { orpc } = useApi();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const { tick, state, database } = useClock();
  const sections = visibleSections(session.user.roles);
  const home = homePathFor(session.user.roles);

  return (
    <ScreenKeysProvider>
    <Layout className="shell">
      <Layout.Sider width={168} theme="light" className="shell-sider">
        <div className="brand">医保经办窗口</div>
        <Menu
          mode="inline"
          selectedKeys={[location.pathname]}
          onClick={({ key }) => void navigate(key)}
          items={sections.map((s) => ({
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
        {session.training && <TrainingBanner />}
        <DatabaseBanner database={database} />
        {hasRole('admin', 'supervisor') && <NextYearNotice canImport={hasRole('admin')} />}
        <Layout.Header className="shell-header">
          <Typography.Text strong>{settings.data?.hall.name ?? '　'}</Typography.Text>
          <Typography.Text type="secondary">{settings.data ? `${settings.data.counter.number} 号窗口` : ''}</Typography.Text>
          <span className="header-spacer" />
          {hasRole('clerk', 'admin') && <ReaderStatusTag />}
          {hasRole('clerk', 'supervisor', 'admin') && <PrinterStatusTag onClick={() => void navigate('/print-jobs')} />}
          {hasRole('supervisor', 'admin') && <SyncIndicator onClick={() => void navigate('/sync')} />}
          <ConnectionTag state={state} />
          <span className="header-clock" data-testid="header-clock">
            {tick ? hallDayjs(tick.now).format('YYYY年M月D日 dddd HH:mm:ss') : '——'}
          </span>
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            {navSections.map((s) => (
              <Route key={s.path} path={s.path} element={!s.roles || hasRole(...s.roles) ? elementFor(s) : <NoAccess />} />
            ))}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} sections={sections} />
    </Layout>
    </ScreenKeysProvider>
  );
}

function elementFor(s: NavSection) {
  switch (s.path) {
    case '/status':
      return <StatusPage />;
    case '/settings':
      return <SettingsPage />;
    case '/catalog':
      return <CatalogPage />;
    case '/admin/users':
      return <UsersPage />;
    case '/admin/audit':
      return <AuditPage />;
    case '/admin/calendar':
      return <CalendarPage />;
    case '/counter':
      return <WorkstationPage />;
    case '/cases':
      return <CasesPage />;
    case '/queue':
      return <CallPanel />;
    case '/queue/console':
      return <ConsolePage />;
    case '/stats':
      return (
        <Suspense fallback={<Skeleton active />}>
          <StatsPage />
        </Suspense>
      );
    case '/print-jobs':
      return <PrintJobsPage />;
    case '/sync':
      return <SyncPage />;
    default:
      // Every nav section has a screen; an unknown path goes back to the status screen.
      return <Navigate to="/status" replace />;
  }
}

function NoAccess() {
  return <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限。如需开通，请联系系统管理员。" />;
}

function ConnectionTag({ state }: { state: StreamState }) {
  if (state === 'live') return <Tag color="success">已连接</Tag>;
  if (state === 'denied') return <Tag color="error">连接被拒绝，请重新登录</Tag>;
  if (state === 'lost') return <Tag color="error">连接中断，正在重连…</Tag>;
  return <Tag>连接中…</Tag>;
}
