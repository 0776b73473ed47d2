import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Skeleton, Space, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';
import type { SettingsPatch } from '../../../shared/settings/schema';
import { PrinterSettings } from '../printing/PrinterSettings';
import { ScannerSettings } from '../scanning/ScannerSettings';

interface FormValues {
  hallName: string;
  regionCode: string;
  progressUrl: string;
  hallPhone: string;
  hallAddress: string;
  counterNumber: number;
  autoPrintReceipt: boolean;
  realNameTickets: boolean;
  idleLockMinutes: number;
  idReader: string;
  catalogSourceId: string;
}

const driverOptions = [
  { value: 'simulator', label: '模拟器（培训、无设备时）' },
  { value: 'serial', label: '串口设备' },
  { value: 'vendor-http', label: '厂商本地服务' },
  { value: 'none', label: '不使用' },
];

/** Maps contract field paths (hall.name) to this form's fields for inline errors. */
const fieldOf: Record<string, keyof FormValues> = {
  'hall.name': 'hallName',
  'hall.regionCode': 'regionCode',
  'hall.progressUrl': 'progressUrl',
  'hall.phone': 'hallPhone',
  'hall.address': 'hallAddress',
  'counter.number': 'counterNumber',
  'ui.idleLockMinutes': 'idleLockMinutes',
  'catalog.sourceId': 'catalogSourceId',
};

/** 设置: the hall and counter basics; every value is validated again in core. */
export function SettingsPage() {
  const { orpc, client } = useApi();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const sources = useQuery(orpc.catalog.sources.queryOptions());

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      hallName: s.hall.name,
      regionCode: s.hall.regionCode,
      progressUrl: s.hall.progressUrl,
      hallPhone: s.hall.phone,
      hallAddress: s.hall.address,
      counterNumber: s.counter.number,
      autoPrintReceipt: s.counter.autoPrintReceipt,
      realNameTickets: s.queue.realNameTickets,
      idleLockMinutes: s.ui.idleLockMinutes,
      idReader: s.devices.idReader,
      catalogSourceId: s.catalog.sourceId,
    });
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (patch: SettingsPatch) => client.settings.update(patch),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      void message.success('设置已保存');
    },
    onError: (error) => {
      const fields = errorFields(error);
      form.setFields(Object.entries(fields).flatMap(([path, text]) => (fieldOf[path] ? [{ name: fieldOf[path], errors: [text] }] : [])));
      void message.error(errorText(error));
    },
  });

  if (settings.isPending) return <Skeleton active />;
  const onFinish = (v: FormValues) =>
    save.mutate({
      hall: { name: v.hallName, regionCode: v.regionCode ?? '', progressUrl: v.progressUrl ?? '', phone: v.hallPhone ?? '', address: v.hallAddress ?? '' },
      counter: { number: v.counterNumber, autoPrintReceipt: v.autoPrintReceipt },
      queue: { realNameTickets: v.realNameTickets },
      ui: { idleLockMinutes: v.idleLockMinutes },
      catalog: { sourceId: v.catalogSourceId },
      devices: { idReader: v.idReader as never, scanner: settings.data!.devices.scanner },
    });

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title="设置" style={{ maxWidth: 720 }}>
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }} onFinish={onFinish} disabled={save.isPending}>
          <Form.Item label="大厅名称" name="hallName" rules={[{ required: true, message: '请填写大厅名称' }, { max: 60, message: '不超过60个字' }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item label="医保区划代码" name="regionCode" rules={[{ pattern: /^(\d{6})?$/, message: '医保区划代码应为6位数字' }]}>
            <Input placeholder="如 410100" maxLength={6} />
          </Form.Item>
          <Form.Item
            label="进度查询地址"
            name="progressUrl"
            rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: '进度查询地址应以 http:// 或 https:// 开头' }]}
            extra="印在受理回执二维码上，群众扫码查询办理进度。留空则用本机地址（仅本机可打开）。"
          >
            <Input placeholder="如 http://192.168.1.10:5780/#/progress" />
          </Form.Item>
          <Form.Item label="咨询电话" name="hallPhone" extra="印在受理回执、告知书和办结通知上；不填则不印" rules={[{ pattern: /^[\d\s()（）-]*$/, message: '咨询电话只能包含数字、空格、括号和“-”' }]}>
            <Input maxLength={30} placeholder="如 0371-12345678" />
          </Form.Item>
          <Form.Item label="大厅地址" name="hallAddress" extra="印在文书上；不填则不印">
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item label="窗口号" name="counterNumber" rules={[{ required: true, message: '请填写窗口号' }]}>
            <InputNumber min={1} max={999} precision={0} />
          </Form.Item>
          <Form.Item label="事项清单" name="catalogSourceId" extra="本大厅执行的经办政务服务事项清单">
            <Select loading={sources.isPending} options={(sources.data ?? []).map((src) => ({ value: src.id, label: `${src.title}（${src.itemCount}项）` }))} />
          </Form.Item>
          <Form.Item label="无操作自动锁屏（分钟）" name="idleLockMinutes">
            <InputNumber min={1} max={240} precision={0} />
          </Form.Item>
          <Form.Item label="受理后自动打印" name="autoPrintReceipt" valuePropName="checked" extra="受理、告知或不予受理后立即打印小票（F4 可再打印）">
            <Switch />
          </Form.Item>
          <Form.Item label="实名取号" name="realNameTickets" valuePropName="checked" extra="取号机可读身份证或医保电子凭证取号；叫号时申请人自动带到工作台，叫号屏只显示张*三">
            <Switch />
          </Form.Item>
          <Form.Item label="身份证读卡器" name="idReader">
            <Select options={driverOptions} />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存（Enter）
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {settings.data && <PrinterSettings printer={settings.data.printer} />}
      <ScannerSettings />
    </Space>
  );
}
