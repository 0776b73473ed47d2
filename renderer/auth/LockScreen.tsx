import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { ORPCError } from '@orpc/client';
import { useApi } from '../api/context';
import { errorText } from '../api/errors';
import type { SessionInfo } from '../../shared/contract/auth';
import { mmss, useCountdown } from './useCountdown';

/** 屏幕已锁定: the same clerk unlocks with the password, or someone else signs in. */
export function LockScreen({ session, onUnlocked, onSwitchUser }: { session: SessionInfo; onUnlocked(s: SessionInfo): void; onSwitchUser(): void }) {
  const { client } = useApi();
  const [error, setError] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<string | null>(null);
  const secondsLeft = useCountdown(lockedUntil);
  const [form] = Form.useForm<{ password: string }>();

  const unlock = async ({ password }: { password: string }) => {
    try {
      onUnlocked(await client.auth.unlock({ password }));
    } catch (e) {
      setError(errorText(e));
      setLockedUntil(e instanceof ORPCError ? ((e.data as { lockedUntil?: string } | undefined)?.lockedUntil ?? null) : null);
      form.setFieldValue('password', '');
    }
  };

  return (
    <div className="lock-overlay" role="dialog" aria-label="屏幕已锁定">
      <Card style={{ width: 380 }} title="屏幕已锁定">
        <Typography.Paragraph>
          {session.user.displayName}（{session.user.username}），请输入密码解锁。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} description={secondsLeft > 0 ? `请在 ${mmss(secondsLeft)} 后重试` : undefined} />}
        <Form form={form} onFinish={(v) => void unlock(v)}>
          <Form.Item name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoFocus placeholder="密码" aria-label="解锁密码" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              解锁
            </Button>
            <Button onClick={onSwitchUser}>切换用户</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
