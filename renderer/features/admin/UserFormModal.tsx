import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';
import { passwordProblem, ROLE_LABELS, ROLES, type Role } from '../../../shared/auth/roles';
import type { UserSummary } from '../../../shared/contract/auth';

export type UserFormMode = 'create' | 'edit' | 'password';

interface Values {
  username: string;
  displayName: string;
  roles: Role[];
  counters: number[];
  password: string;
}

const strong = { validator: (_: unknown, v: string) => (v && passwordProblem(v) ? Promise.reject(new Error(passwordProblem(v)!)) : Promise.resolve()) };

/** Add a user, change roles and counters, or set a new initial password (changed at next login). */
export function UserFormModal({ mode, user, onClose }: { mode: UserFormMode; user?: UserSummary; onClose(): void }) {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      if (mode === 'create') return client.users.create(v);
      if (mode === 'edit') return client.users.update({ id: user!.id, displayName: v.displayName, roles: v.roles, counters: v.counters });
      return client.users.resetPassword({ id: user!.id, password: v.password });
    },
    onSuccess: () => {
      void message.success(mode === 'password' ? '密码已重置，该用户下次登录时须修改密码' : '已保存');
      void queryClient.invalidateQueries({ queryKey: orpc.users.key() });
      onClose();
    },
    onError: (e) => {
      const fields = errorFields(e);
      form.setFields(Object.entries(fields).map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      if (!Object.keys(fields).length) void message.error(errorText(e));
    },
  });
  const title = mode === 'create' ? '新增用户' : mode === 'edit' ? `编辑用户 ${user?.username}` : `重置密码 ${user?.displayName}`;

  return (
    <Modal title={title} open onCancel={onClose} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={user ? { displayName: user.displayName, roles: user.roles, counters: user.counters } : { roles: ['clerk'], counters: [] }} onFinish={(v) => save.mutate(v)}>
        {mode === 'create' && (
          <Form.Item label="用户名（工号）" name="username" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为2–32位字母、数字或 _ . -' }]}>
            <Input autoFocus />
          </Form.Item>
        )}
        {mode !== 'password' && (
          <>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input autoFocus={mode === 'edit'} />
            </Form.Item>
            <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少选择一个角色' }]}>
              <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
            </Form.Item>
            <Form.Item label="可使用的窗口" name="counters" extra="输入窗口号后回车，可多个" normalize={(v: (string | number)[]) => v.map(Number).filter((n) => Number.isInteger(n) && n > 0 && n < 1000)}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
            </Form.Item>
          </>
        )}
        {mode !== 'edit' && (
          <Form.Item label={mode === 'create' ? '初始密码' : '新密码'} name="password" extra="至少8位，须同时包含字母和数字；用户首次登录时须修改" rules={[{ required: true, message: '请设置密码' }, strong]}>
            <Input.Password autoFocus={mode === 'password'} autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
