import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/context';
import type { SessionInfo } from '../../shared/contract/auth';
import type { Role } from '../../shared/auth/roles';
import { getSessionToken, setSessionToken } from './token';
import { onAuthEvent } from './events';
import { SessionContext, type SessionApi } from './SessionContext';
import { SetupPage } from './SetupPage';
import { LoginPage } from './LoginPage';
import { LockScreen } from './LockScreen';
import { ChangePasswordModal } from './ChangePasswordModal';
import { useIdleLock } from './useIdleLock';

/**
 * Nothing opens before first-run setup and sign-in. Shows the setup, login or lock screen as
 * core's answers require, and provides the session to the app.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { client, orpc } = useApi();
  const queryClient = useQueryClient();
  const setup = useQuery(orpc.setup.status.queryOptions());
  const [token, setToken] = useState(getSessionToken());
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);

  const signedIn = (newToken: string, info: SessionInfo) => {
    setSessionToken(newToken);
    setToken(newToken);
    setSession(info);
    queryClient.clear();
  };
  const signOut = useCallback(() => {
    setSessionToken(null);
    setToken(null);
    setSession(null);
    queryClient.clear();
  }, [queryClient]);

  // Resume a session after a reload.
  useEffect(() => {
    if (!token || session || !setup.data?.setupComplete) return;
    client.auth.session().then(setSession, signOut);
  }, [token, session, setup.data?.setupComplete, client, signOut]);

  useEffect(
    () =>
      onAuthEvent((event) => {
        if (event === 'signedOut') signOut();
        else setSession((s) => (s ? { ...s, locked: true } : s));
      }),
    [signOut],
  );

  const lock = useCallback(() => {
    setSession((s) => (s ? { ...s, locked: true } : s));
    void client.auth.lock().catch(() => undefined);
  }, [client]);
  useIdleLock(session?.idleLockMinutes ?? 10, () => session && !session.locked && lock(), () => void client.auth.touch().catch(() => undefined));

  const api = useMemo<SessionApi | null>(
    () =>
      session && {
        session,
        hasRole: (...roles: Role[]) => roles.some((r) => session.user.roles.includes(r)),
        lock,
        logout: () => void client.auth.logout().finally(signOut),
        switchUser: () => void client.auth.logout().finally(signOut),
        changePassword: () => setChangingPassword(true),
      },
    [session, lock, client, signOut],
  );

  if (setup.isPending) return <Spin fullscreen tip="正在连接系统服务…" />;
  const status = setup.data;
  if (!status) return <Spin fullscreen tip="无法连接系统服务，正在重试…" />;
  if (!status.setupComplete) return <SetupPage onDone={signedIn} onTraining={() => window.location.reload()} />;
  if (!token) return <LoginPage hallName={status.hallName} training={status.training} trainingAccounts={status.trainingAccounts} onLogin={signedIn} />;
  if (!session || !api) return <Spin fullscreen tip="正在登录…" />;

  return (
    <SessionContext.Provider value={api}>
      {children}
      {session.locked && <LockScreen session={session} onUnlocked={setSession} onSwitchUser={api.switchUser} />}
      <ChangePasswordModal
        open={!session.locked && (session.user.mustChangePassword || changingPassword)}
        forced={session.user.mustChangePassword}
        onDone={() => {
          setChangingPassword(false);
          void client.auth.session().then(setSession);
        }}
        onCancel={() => setChangingPassword(false)}
      />
    </SessionContext.Provider>
  );
}
