import { useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, InputNumber, Popconfirm, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/context';
import { errorFields, errorText } from '../api/errors';
import { passwordProblem } from '../../shared/auth/roles';
import type { SessionInfo } from '../../shared/contract/auth';

interface Values {
  hallName: string;
  regionCode: string;
  hallPhone?: string;
  hallAddress?: string;
  counterNumber: number;
  catalogSourceId: string;
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

const fieldOf: Record<string, keyof Values> = {
  'hall.name': 'hallName',
  'hall.regionCode': 'regionCode',
  'hall.phone': 'hallPhone',
  'hall.address': 'hallAddress',
  'counter.number': 'counterNumber',
  'catalog.sourceId': 'catalogSourceId',
  catalogSourceId: 'catalogSourceId',
  'admin.username': 'username',
  'admin.displayName': 'displayName',
  'admin.password': 'password',
  username: 'username',
};

/** 首次设置: nothing else opens until the hall is named and an administrator exists. */
export function SetupPage({ onDone, onTraining }: { onDone(token: string, session: SessionInfo): void; onTraining(): void }) {
  const { client, orpc } = useApi();
  const sources = useQuery(orpc.catalog.sources.queryOptions());
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { token, ...session } = await client.setup.complete({
        admin: { username: v.username, displayName: v.displayName, password: v.password },
        hall: { name: v.hallName, regionCode: v.regionCode, phone: v.hallPhone?.trim() ?? '', address: v.hallAddress?.trim() ?? '' },
        counter: { number: v.counterNumber },
        catalogSourceId: v.catalogSourceId,
      });
      onDone(token, session);
    } catch (e) {
      const fields = errorFields(e);
      form.setFields(Object.entries(fields).flatMap(([path, text]) => (fieldOf[path] ? [{ name: fieldOf[path], errors: [text] }] : [])));
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const startTraining = async () => {
    try {
      await client.setup.startTraining();
      onTraining();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div className="auth-page">
      <Card className="auth-card wide" title="首次使用 · 系统设置">
        <Typography.Paragraph type="secondary">请填写本大厅和本窗口的信息，并创建系统管理员账号。完成后其他人员的账号由管理员添加。</Typography.Paragraph>
        {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={error} />}
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 16 }} onFinish={(v) => void submit(v)} initialValues={{ counterNumber: 1, catalogSourceId: 'national-2020' }}>
          <Divider titlePlacement="start" plain>
            大厅与窗口
          </Divider>
          <Form.Item label="大厅名称" name="hallName" rules={[{ required: true, message: '请填写大厅名称' }]}>
            <Input autoFocus placeholder="如：郑州市医疗保障服务中心" />
          </Form.Item>
          <Form.Item label="医保区划代码" name="regionCode" rules={[{ required: true, message: '请填写医保区划代码' }, { pattern: /^\d{6}$/, message: '医保区划代码应为6位数字' }]}>
            <Input maxLength={6} placeholder="6位数字，如 410100" />
          </Form.Item>
          <Form.Item label="咨询电话" name="hallPhone" extra="印在受理回执、告知书和通知书上；不填则不印" rules={[{ pattern: /^[\d\s()（）-]*$/, message: '咨询电话只能包含数字、空格、括号和“-”' }]}>
            <Input maxLength={30} placeholder="如：0371-12345678" />
          </Form.Item>
          <Form.Item label="大厅地址" name="hallAddress" extra="印在告知书和通知书上；不填则不印">
            <Input maxLength={120} placeholder="如：郑州市金水区××路××号" />
          </Form.Item>
          <Form.Item label="本机窗口号" name="counterNumber" rules={[{ required: true, message: '请填写窗口号' }]}>
            <InputNumber min={1} max={999} precision={0} />
          </Form.Item>
          <Form.Item label="事项清单" name="catalogSourceId" rules={[{ required: true, message: '请选择事项清单' }]} extra="本大厅执行的经办政务服务事项清单">
            <Select loading={sources.isPending} options={(sources.data ?? []).map((s) => ({ value: s.id, label: `${s.title}（${s.itemCount}项）` }))} />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            系统管理员
          </Divider>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '用户名为2–32位字母、数字或 _ . -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="密码" name="password" extra="至少8位，须同时包含字母和数字" rules={[{ required: true, message: '请设置密码' }, { validator: (_, v: string) => (v && passwordProblem(v) ? Promise.reject(new Error(passwordProblem(v)!)) : Promise.resolve()) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认密码"
            name="confirm"
            dependencies={['password']}
            rules={[{ required: true, message: '请再次输入密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Button type="primary" htmlType="submit" loading={busy}>
              完成设置
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card className="auth-card wide" size="small">
        <Typography.Text>新人练习或演示？</Typography.Text>{' '}
        <Popconfirm title="进入培训模式" description="将打开一个单独的培训数据库（含示例账号和数据），培训数据不会上传。" okText="进入" cancelText="取消" onConfirm={() => void startTraining()}>
          <Button type="link">进入培训模式</Button>
        </Popconfirm>
      </Card>
    </div>
  );
}
