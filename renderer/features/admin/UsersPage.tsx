import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useSession } from '../../auth/SessionContext';
import { ROLE_LABELS } from '../../../shared/auth/roles';
import type { UserSummary } from '../../../shared/contract/auth';
import { UserFormModal, type UserFormMode } from './UserFormModal';
import { DeviceTokens } from './DeviceTokens';

/** 用户管理: accounts, roles and counters; device tokens for the board and kiosk. */
export function UsersPage() {
  const { orpc, client } = useApi();
  const { session } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const users = useQuery(orpc.users.list.queryOptions());
  const [editing, setEditing] = useState<{ mode: UserFormMode; user?: UserSummary } | null>(null);
  const toggle = useMutation({
    mutationFn: (u: UserSummary) => client.users.update({ id: u.id, disabled: !u.disabled }),
    onSuccess: (u) => {
      void message.success(u.disabled ? `已停用 ${u.displayName}` : `已启用 ${u.displayName}`);
      void queryClient.invalidateQueries({ queryKey: orpc.users.key() });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const status = (u: UserSummary) => {
    if (u.disabled) return <Tag>已停用</Tag>;
    if (u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs())) return <Tag color="red">锁定至 {hallDayjs(u.lockedUntil).format('HH:mm')}</Tag>;
    return <Tag color="green">正常</Tag>;
  };

  return (
    <Card size="small" title="用户管理">
      <Tabs
        items={[
          {
            key: 'users',
            label: '人员账号',
            children: (
              <>
                <Space style={{ marginBottom: 12 }}>
                  <Button type="primary" onClick={() => setEditing({ mode: 'create' })}>
                    新增用户
                  </Button>
                </Space>
                <Table<UserSummary>
                  size="small"
                  rowKey="id"
                  loading={users.isPending}
                  dataSource={users.data}
                  pagination={false}
                  columns={[
                    { title: '用户名', dataIndex: 'username', width: 120 },
                    { title: '姓名', dataIndex: 'displayName', width: 120 },
                    { title: '角色', dataIndex: 'roles', render: (roles: UserSummary['roles']) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
                    { title: '窗口', dataIndex: 'counters', width: 120, render: (c: number[]) => (c.length ? c.join('、') : '—') },
                    { title: '状态', width: 130, render: (_, u) => <Space size={4}>{status(u)}{u.mustChangePassword && <Tag color="orange">待改密</Tag>}</Space> },
                    {
                      title: '操作',
                      width: 220,
                      render: (_, u) => (
                        <Space size={0}>
                          <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user: u })}>
                            编辑
                          </Button>
                          <Button type="link" size="small" onClick={() => setEditing({ mode: 'password', user: u })}>
                            重置密码
                          </Button>
                          {u.id !== session.user.id && (
                            <Popconfirm title={u.disabled ? `启用 ${u.displayName}？` : `停用 ${u.displayName}？停用后立即退出登录。`} onConfirm={() => toggle.mutate(u)} okText="确定" cancelText="取消">
                              <Button type="link" size="small" danger={!u.disabled}>
                                {u.disabled ? '启用' : '停用'}
                              </Button>
                            </Popconfirm>
                          )}
                        </Space>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          { key: 'devices', label: '设备令牌（显示屏、取号机）', children: <DeviceTokens /> },
        ]}
      />
      {editing && <UserFormModal mode={editing.mode} user={editing.user} onClose={() => setEditing(null)} />}
    </Card>
  );
}
