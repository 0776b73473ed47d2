import { useEffect } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';
import type { Settings } from '../../../shared/settings/schema';
import { PRINTER_DRIVER_LABELS, jobOutcomeText, printerTagOf } from './labels';
import { ReceiptImage } from './ReceiptImage';

type PrinterForm = Pick<Settings['printer'], 'driver' | 'address' | 'baudRate' | 'width' | 'encoding' | 'qrMode' | 'rasterFallback'>;

const ADDRESS_HELP: Record<string, { label: string; placeholder: string }> = {
  tcp: { label: '打印机地址', placeholder: 'tcp://192.168.1.50:9100' },
  serial: { label: '串口', placeholder: 'COM3 或 /dev/ttyUSB0' },
  system: { label: '系统打印机名称', placeholder: '如 POS80（留空为默认打印机）' },
};

/** 设置 → 小票打印机: driver, address, paper, encoding, QR mode; 测试打印 and the printer's state. */
export function PrinterSettings({ printer }: { printer: Settings['printer'] }) {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PrinterForm>();
  const driver = Form.useWatch('driver', form) ?? printer.driver;
  const status = useQuery({ ...orpc.printing.status.queryOptions(), refetchInterval: 10_000 });
  const preview = useQuery(orpc.printing.preview.queryOptions({ input: { what: { test: true } } }));

  useEffect(() => {
    form.setFieldsValue(printer);
  }, [printer, form]);

  const save = useMutation({
    mutationFn: (v: PrinterForm) => client.settings.update({ printer: v }),
    onSuccess: () => {
      void queryClient.invalidateQueries();
      void message.success('打印机设置已保存');
    },
    onError: (error) => {
      const fields = errorFields(error);
      form.setFields(Object.entries(fields).flatMap(([path, text]) => (path.startsWith('printer.') ? [{ name: path.slice(8) as keyof PrinterForm, errors: [text] }] : [])));
      void message.error(errorText(error));
    },
  });
  const test = useMutation({
    mutationFn: () => client.printing.testPrint(),
    onSuccess: (job) => {
      void queryClient.invalidateQueries();
      const outcome = jobOutcomeText(job);
      void (outcome.ok ? message.success(outcome.text) : message.warning({ content: outcome.text, duration: 8 }));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const tag = printerTagOf(status.data);
  const address = ADDRESS_HELP[driver];

  return (
    <Card size="small" title="小票打印机" data-testid="printer-settings" style={{ maxWidth: 1080 }}>
      <div className="printer-settings">
        <div>
          <div className="printer-status-line" data-testid="printer-status">
            <Tag color={tag.color}>{tag.text}</Tag>
            <Typography.Text type="secondary">{status.data?.message ?? '正在检查打印机…'}</Typography.Text>
            <Button size="small" type="link" onClick={() => void status.refetch()}>
              刷新
            </Button>
          </div>
          <Form form={form} layout="horizontal" labelCol={{ span: 7 }} wrapperCol={{ span: 16 }} onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
            <Form.Item label="打印机类型" name="driver">
              <Select options={Object.entries(PRINTER_DRIVER_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            {address && (
              <Form.Item label={address.label} name="address" rules={driver === 'system' ? [] : [{ required: true, message: `请填写${address.label}` }]}>
                <Input placeholder={address.placeholder} />
              </Form.Item>
            )}
            {driver === 'serial' && (
              <Form.Item label="波特率" name="baudRate">
                <Select options={[9600, 19200, 38400, 57600, 115200].map((b) => ({ value: b, label: String(b) }))} />
              </Form.Item>
            )}
            <Form.Item label="纸宽" name="width">
              <Radio.Group options={[{ value: 58, label: '58 毫米（每行32字符）' }, { value: 80, label: '80 毫米（每行48字符）' }]} />
            </Form.Item>
            <Form.Item label="中文编码" name="encoding" extra="多数国产打印机为 GB18030 或 GBK；中文乱码时先改选 GBK，仍乱码请打印机自检页核对中文字库">
              <Select
                options={[
                  { value: 'gb18030', label: 'GB18030（推荐）' },
                  { value: 'gbk', label: 'GBK' },
                  { value: 'utf8', label: 'UTF-8（少数机型）' },
                ]}
              />
            </Form.Item>
            <Form.Item label="二维码" name="qrMode">
              <Radio.Group options={[{ value: 'native', label: '打印机指令' }, { value: 'raster', label: '图片（打印机不支持二维码时）' }]} />
            </Form.Item>
            <Form.Item label="生僻字按图片打印" name="rasterFallback" valuePropName="checked" extra="打印机字库没有的字（如四字节生僻字）整行按图片打印">
              <Switch />
            </Form.Item>
            <Form.Item wrapperCol={{ offset: 7 }}>
              <Space>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存打印机设置
                </Button>
                <Button loading={test.isPending} onClick={() => test.mutate()}>
                  测试打印
                </Button>
              </Space>
            </Form.Item>
          </Form>
        </div>
        <div>
          <Typography.Text type="secondary">测试页预览</Typography.Text>
          {preview.data && <ReceiptImage svg={preview.data.svg} label="测试页预览" testId="test-page-preview" />}
        </div>
      </div>
    </Card>
  );
}
