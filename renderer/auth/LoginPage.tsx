import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Table, Tag, Typography } from 'antd';
import { ORPCError } from '@orpc/client';
import { useApi } from '../api/context';
import { errorText } from '../api/errors';
import { ROLE_LABELS, type Role } from '../../shared/auth/roles';
import type { SessionInfo } from '../../shared/contract/auth';
import { mmss, useCountdown } from './useCountdown';
import './auth.css';

interface Props {
  hallName: string;
  training: boolean;
  trainingAccounts: { username: string; password: string; roles: Role[] }[];
  onLogin(token: string, session: SessionInfo): void;
}

/** 登录: username + password, Enter to submit; a locked account shows when it opens again. */
export function LoginPage({ hallName, training, trainingAccounts, onLogin }: Props) {
  const { client } = useApi();
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secondsLeft = useCountdown(lockedUntil);

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { token, ...session } = await client.auth.login(v);
      onLogin(token, session);
    } catch (e) {
      const data = e instanceof ORPCError ? (e.data as { lockedUntil?: string } | undefined) : undefined;
      setLockedUntil(data?.lockedUntil ?? null);
      setError(errorText(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-page">
      <Card className="auth-card" title={<span>医保经办窗口 · 登录</span>} extra={training ? <Tag color="orange">培训模式</Tag> : null}>
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {hallName}
        </Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={error}
            description={secondsLeft > 0 ? <span data-testid="lock-countdown">请在 {mmss(secondsLeft)} 后重试</span> : undefined}
          />
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} disabled={secondsLeft > 0}>
            登录
          </Button>
        </Form>
      </Card>
      {training && (
        <Card className="auth-card" size="small" title="培训账号（仅培训模式可用）">
          <Table
            size="small"
            pagination={false}
            rowKey="username"
            dataSource={trainingAccounts}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '密码', dataIndex: 'password' },
              { title: '角色', dataIndex: 'roles', render: (roles: Role[]) => roles.map((r) => ROLE_LABELS[r]).join('、') },
            ]}
            onRow={(row) => ({ onClick: () => form.setFieldsValue({ username: row.username, password: row.password }), style: { cursor: 'pointer' } })}
          />
        </Card>
      )}
    </div>
  );
}
