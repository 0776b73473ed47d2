import { Button, Dropdown, Space } from 'antd';
import { useSession } from '../auth/SessionContext';
import { ROLE_LABELS } from '../../shared/auth/roles';

/** Who is signed in, and the actions a clerk needs between citizens. */
export function UserMenu() {
  const { session, lock, switchUser, logout, changePassword } = useSession();
  const roles = session.user.roles.map((r) => ROLE_LABELS[r]).join('、');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'lock', label: '锁定屏幕（Alt+L）', onClick: lock },
          { key: 'password', label: '修改密码', onClick: changePassword },
          { key: 'switch', label: '切换用户', onClick: switchUser },
          { type: 'divider' },
          { key: 'logout', label: '退出登录', onClick: logout },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Space size={4}>
          <span>{session.user.displayName}</span>
          <span style={{ color: '#8c8c8c', fontSize: 12 }}>{roles}</span>
        </Space>
      </Button>
    </Dropdown>
  );
}
