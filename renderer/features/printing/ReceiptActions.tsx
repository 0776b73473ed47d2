import { useState } from 'react';
import { Alert, App, Button, Modal, Skeleton, Space, Typography } from 'antd';
import { EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { jobOutcomeText } from './labels';
import { ReceiptImage } from './ReceiptImage';

type Shown = { mode: 'preview' } | { mode: 'printed' };

/**
 * 打印小票 and 小票预览 for one case document. A failed print says why in Chinese and stays in
 * the print queue (打印任务); with the simulator driver the printed receipt opens on screen.
 */
export function ReceiptActions({ documentId, size = 'middle' }: { documentId: number; size?: 'small' | 'middle' }) {
  const { client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const print = useMutation({
    mutationFn: () => client.printing.printDocument({ documentId }),
    onSuccess: async (job) => {
      const outcome = jobOutcomeText(job);
      void queryClient.invalidateQueries();
      if (!outcome.ok) {
        void message.warning({ content: outcome.text, duration: 8 });
        return;
      }
      void message.success(outcome.text);
      const status = await client.printing.status().catch(() => null);
      if (status?.driver === 'simulator') setShown({ mode: 'printed' });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <>
      <Button size={size} autoInsertSpace={false} icon={<PrinterOutlined />} loading={print.isPending} onClick={() => print.mutate()}>
        打印小票
      </Button>
      <Button size={size} icon={<EyeOutlined />} onClick={() => setShown({ mode: 'preview' })}>
        小票预览
      </Button>
      <Modal open={shown !== null} onCancel={() => setShown(null)} footer={null} width={520} title={shown?.mode === 'printed' ? '模拟打印机已打印' : '小票预览（与打印效果一致）'} destroyOnHidden>
        {shown?.mode === 'preview' && <Preview documentId={documentId} />}
        {shown?.mode === 'printed' && <Printed />}
      </Modal>
    </>
  );
}

function Preview({ documentId }: { documentId: number }) {
  const { orpc } = useApi();
  const preview = useQuery(orpc.printing.preview.queryOptions({ input: { what: { documentId } } }));
  if (preview.isPending) return <Skeleton active />;
  if (preview.isError) return <Alert type="error" showIcon title="无法生成小票预览" description={errorText(preview.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {preview.data.width} 毫米纸，每行 {preview.data.cols} 个半角字符
      </Typography.Text>
      <ReceiptImage svg={preview.data.svg} label="小票预览" testId="receipt-preview" />
    </Space>
  );
}

function Printed() {
  const { orpc } = useApi();
  const last = useQuery(orpc.printing.simulator.last.queryOptions());
  if (last.isPending) return <Skeleton active />;
  if (last.isError) return <Alert type="error" showIcon title={errorText(last.error)} />;
  if (!last.data) return <Alert type="info" showIcon title="模拟打印机尚未收到小票" />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="simulator-received">
        {hallDayjs(last.data.at).format('HH:mm:ss')} 收到 {last.data.bytes} 字节，按打印机指令还原如下
      </Typography.Text>
      <ReceiptImage svg={last.data.svg} label="模拟打印机打印的小票" testId="simulator-receipt" />
    </Space>
  );
}
