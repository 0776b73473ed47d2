import { useState } from 'react';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { KioskPinForm } from './KioskPinForm';

/** Tokens for the display board and the kiosk: read the board, take tickets, nothing else. */
export function DeviceTokens() {
  const { client, orpc } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery(orpc.devices.list.queryOptions());
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: orpc.devices.key() });
  const issue = useMutation({
    mutationFn: (v: { name: string; scope: 'board' | 'kiosk' | 'evaluator' }) => client.devices.issue(v),
    onSuccess: (t) => {
      setIssued({ name: t.name, token: t.token });
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const revoke = useMutation({ mutationFn: (id: string) => client.devices.revoke({ id }), onSuccess: refresh, onError: (e) => void message.error(errorText(e)) });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form layout="inline" onFinish={(v: { name: string; scope: 'board' | 'kiosk' | 'evaluator' }) => issue.mutate(v)} initialValues={{ scope: 'board' }}>
        <Form.Item name="name" rules={[{ required: true, message: '请填写设备名称' }]}>
          <Input placeholder="设备名称，如 一楼大厅显示屏" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="scope">
          <Select style={{ width: 120 }} options={[{ value: 'board', label: '叫号显示屏' }, { value: 'kiosk', label: '取号机' }, { value: 'evaluator', label: '评价器' }]} />
        </Form.Item>
        <Button htmlType="submit" loading={issue.isPending}>
          生成令牌
        </Button>
      </Form>
      {issued && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setIssued(null)}
          message={`「${issued.name}」的令牌只显示这一次，请立即配置到设备上：`}
          description={<Typography.Text copyable code>{issued.token}</Typography.Text>}
        />
      )}
      <Table
        size="small"
        rowKey="id"
        loading={tokens.isPending}
        dataSource={tokens.data}
        pagination={false}
        columns={[
          { title: '设备', dataIndex: 'name' },
          { title: '类型', dataIndex: 'scope', render: (s: string) => (s === 'board' ? '叫号显示屏' : '取号机') },
          { title: '生成时间', dataIndex: 'createdAt', render: (t: string) => hallDayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '状态', dataIndex: 'revoked', render: (r: boolean) => (r ? <Tag>已作废</Tag> : <Tag color="green">有效</Tag>) },
          {
            title: '操作',
            render: (_, t) =>
              !t.revoked && (
                <Popconfirm title="作废后该设备立即无法使用，确定？" onConfirm={() => revoke.mutate(t.id)} okText="作废" cancelText="取消">
                  <Button type="link" size="small" danger>
                    作废
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <KioskPinForm />
    </Space>
  );
}
