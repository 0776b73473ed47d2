import { useEffect } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorFields, errorText } from '../../api/errors';
import { SCANNER_DRIVERS, type Settings } from '../../../shared/settings/schema';
import { COLOR_MODE_LABELS, SCAN_SOURCE_LABELS, SCANNER_DRIVER_LABELS } from './labels';

type Scanning = Settings['scanning'];
type FormValues = Omit<Scanning, 'naps2Path' | 'attachmentsDir'> & { scanner: Settings['devices']['scanner'] };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 设置 → 扫描仪: the driver and its device, resolution, colour, source, blank-page removal, compression. */
export function ScannerSettings() {
  const { client, orpc } = useApi();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const settings = useQuery(orpc.settings.get.queryOptions());
  const scanner = Form.useWatch('scanner', form);
  const devices = useQuery({ ...orpc.scanning.devices.queryOptions({ input: { driver: scanner } }), enabled: false, retry: false });

  useEffect(() => {
    const s = settings.data;
    if (s) form.setFieldsValue({ ...s.scanning, scanner: s.devices.scanner });
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: ({ scanner: driver, ...scanning }: FormValues) => {
      const s = settings.data!;
      // Whole sections: a partial section would reset its other keys to their defaults.
      const { naps2Path: _path, attachmentsDir: _dir, ...current } = s.scanning;
      return client.settings.update({ devices: { ...s.devices, scanner: driver }, scanning: { ...current, ...scanning } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries();
      void message.success('扫描仪设置已保存');
    },
    onError: (error) => {
      form.setFields(Object.entries(errorFields(error)).flatMap(([path, text]) => (path.startsWith('scanning.') ? [{ name: path.slice(9) as keyof FormValues, errors: [text] }] : [])));
      void message.error(errorText(error));
    },
  });

  const detect = () =>
    void devices.refetch().then((r) => {
      if (r.isError) void message.error(errorText(r.error));
      else if (r.data?.devices.length === 0) void message.warning('没有检测到扫描仪');
    });

  return (
    <Card size="small" title="扫描仪" style={{ maxWidth: 720 }} data-testid="scanner-settings">
      <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }} onFinish={(v) => save.mutate(v)} disabled={save.isPending || settings.isPending}>
        <Form.Item label="扫描设备" name="scanner" extra="Linux 用 SANE；Windows 用 NAPS2（WIA/TWAIN）；高拍仪可用厂商服务或摄像头">
          <Select options={SCANNER_DRIVERS.map((d) => ({ value: d, label: SCANNER_DRIVER_LABELS[d] }))} />
        </Form.Item>
        {scanner === 'sane' && (
          <Form.Item label="SANE 设备" extra="留空：使用检测到的第一台">
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="saneDevice" noStyle>
                <Select
                  allowClear
                  showSearch
                  aria-label="SANE 设备"
                  placeholder="如 fujitsu:fi-7160:…"
                  options={(devices.data?.driver === 'sane' ? devices.data.devices : []).map((d) => ({ value: d.id, label: `${d.id}（${d.label}）` }))}
                  notFoundContent="点“检测设备”列出本机扫描仪"
                />
              </Form.Item>
              <Button onClick={detect} loading={devices.isFetching}>
                检测设备
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        {scanner === 'naps2' && (
          <>
            <Form.Item label="NAPS2 驱动" name="naps2Driver">
              <Select options={[{ value: 'wia', label: 'WIA' }, { value: 'twain', label: 'TWAIN' }, { value: 'escl', label: 'eSCL（网络扫描仪）' }]} />
            </Form.Item>
            <Form.Item label="设备名称" name="naps2Device" extra="留空：NAPS2 的默认设备">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {scanner === 'vendor-ws' && (
          <Form.Item label="厂商服务地址" name="vendorWsUrl" rules={[{ pattern: /^(wss?:\/\/.+)?$/, message: '应为 ws:// 开头的地址' }]} extra="如 良田 ws://127.0.0.1:9000">
            <Input placeholder="ws://127.0.0.1:9000" />
          </Form.Item>
        )}
        <Form.Item label="分辨率" name="resolution">
          <Select options={[150, 200, 300, 600].map((v) => ({ value: v, label: `${v} dpi${v === 300 ? '（推荐）' : ''}` }))} />
        </Form.Item>
        <Form.Item label="色彩" name="colorMode">
          <Select options={options(COLOR_MODE_LABELS)} />
        </Form.Item>
        <Form.Item label="默认扫描方式" name="source">
          <Select options={options(SCAN_SOURCE_LABELS)} />
        </Form.Item>
        <Form.Item label="空白页阈值（‰）" name="blankThreshold" extra="墨迹少于页面面积的该千分比即视为空白页并去除；0 为不去除">
          <InputNumber min={0} max={50} step={0.5} />
        </Form.Item>
        <Form.Item label="保存格式" name="format">
          <Select options={[{ value: 'jpeg', label: 'JPEG' }, { value: 'webp', label: 'WebP（更小）' }]} />
        </Form.Item>
        <Form.Item label="压缩质量" name="quality">
          <InputNumber min={40} max={95} />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 6 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存扫描仪设置
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
