import { App, Form, Input, Modal } from 'antd';
import { useApi } from '../api/context';
import { errorFields, errorText } from '../api/errors';
import { passwordProblem } from '../../shared/auth/roles';

/** 修改密码; `forced` when the account must choose its own password before working. */
export function ChangePasswordModal({ open, forced, onDone, onCancel }: { open: boolean; forced: boolean; onDone(): void; onCancel(): void }) {
  const { client } = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ current: string; next: string; confirm: string }>();

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await client.auth.changePassword({ current: v.current, next: v.next });
      void message.success('密码已修改');
      form.resetFields();
      onDone();
    } catch (e) {
      const fields = errorFields(e);
      form.setFields(Object.entries(fields).map(([name, text]) => ({ name: name === 'current' || name === 'next' ? name : 'next', errors: [text] })));
      if (!Object.keys(fields).length) void message.error(errorText(e));
    }
  };

  return (
    <Modal
      title={forced ? '首次登录，请设置新密码' : '修改密码'}
      open={open}
      onOk={() => void submit()}
      okText="确定"
      onCancel={forced ? undefined : onCancel}
      closable={!forced}
      maskClosable={false}
      cancelButtonProps={{ style: forced ? { display: 'none' } : {} }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item label="原密码" name="current" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoFocus />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="next"
          extra="至少8位，须同时包含字母和数字"
          rules={[{ required: true, message: '请输入新密码' }, { validator: (_, v: string) => (v && passwordProblem(v) ? Promise.reject(new Error(passwordProblem(v)!)) : Promise.resolve()) }]}
        >
          <Input.Password />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['next']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
        >
          <Input.Password onPressEnter={() => void submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
