import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

/**
 * 取号机解锁密码: the PIN staff type on the locked kiosk window (Ctrl+Alt+Shift+P or five taps
 * on its top-left corner) to leave it. Core keeps it hashed; wrong PINs lock it for a while.
 */
export function KioskPinForm() {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ pin: string; repeat: string }>();
  const status = useQuery(orpc.kiosk.pinStatus.queryOptions());
  const save = useMutation({
    mutationFn: (pin: string) => client.kiosk.setPin({ pin }),
    onSuccess: () => {
      form.resetFields();
      void message.success('取号机解锁密码已保存');
      void queryClient.invalidateQueries({ queryKey: orpc.kiosk.key() });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <Card size="small" title="取号机解锁密码" data-testid="kiosk-pin-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          锁定的取号机窗口（--kiosk 启动）需要此密码才能退出：在取号机上按 Ctrl+Alt+Shift+P，或在屏幕左上角 3 秒内连点 5 次。
          {status.data && (status.data.set ? `当前密码设置于 ${hallDayjs(status.data.setAt).format('YYYY-MM-DD HH:mm')}。` : '尚未设置。')}
        </Typography.Text>
        {status.data?.lockedUntil && <Alert type="warning" showIcon message={`错误次数过多，已锁定至 ${hallDayjs(status.data.lockedUntil).format('HH:mm')}；重新设置密码可立即解除。`} />}
        <Form form={form} layout="inline" onFinish={(v) => save.mutate(v.pin)}>
          <Form.Item name="pin" rules={[{ required: true, pattern: /^\d{6,12}$/, message: '请输入 6–12 位数字' }]}>
            <Input.Password placeholder="新密码（6–12 位数字）" inputMode="numeric" autoComplete="new-password" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="repeat"
            dependencies={['pin']}
            rules={[{ required: true, message: '请再输入一次' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error('两次输入不一致'))) })]}
          >
            <Input.Password placeholder="再输入一次" inputMode="numeric" autoComplete="new-password" style={{ width: 200 }} />
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            {status.data?.set ? '更换密码' : '设置密码'}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
