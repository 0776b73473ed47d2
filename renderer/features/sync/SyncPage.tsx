import { useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { SYNC_ITEM_STATUS_LABELS, type SyncItem } from '../../../shared/contract';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { useSyncStatus } from './useSyncStatus';

type Group = 'pending' | 'failed' | 'needsAttention' | 'acked' | 'all';
const GROUPS: { value: Group; label: string }[] = [
  { value: 'needsAttention', label: '需人工处理' },
  { value: 'failed', label: '被退回' },
  { value: 'pending', label: '待上传' },
  { value: 'acked', label: '已上传' },
  { value: 'all', label: '全部' },
];
const STATUS_COLOR: Record<SyncItem['status'], string> = { pending: 'processing', unknown: 'warning', acked: 'success', rejected: 'error', needs_attention: 'error' };
const fmt = (t: string | null) => (t ? hallDayjs(t).format('YYYY-MM-DD HH:mm:ss') : '—');

/** 上传同步: what is waiting, what failed and why, when the last case went up; 重新上传. */
export function SyncPage() {
  const { client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useSyncStatus();
  const [group, setGroup] = useState<Group>('needsAttention');
  const [page, setPage] = useState(1);
  const items = useQuery({ queryKey: ['sync.list', group, page, status?.pending, status?.acked, status?.needsAttention], queryFn: () => client.sync.list({ group, limit: 20, offset: (page - 1) * 20 }) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sync.list'] });
  const resend = useMutation({ mutationFn: (id: number) => client.sync.resend({ id }), onSuccess: (i) => (void message.success(`办件 ${i.caseNo} 已重新排队上传`), refresh()), onError: (e) => void message.error(errorText(e)) });
  const runNow = useMutation({
    mutationFn: () => client.sync.runNow(),
    onSuccess: (r) => (void message.info(r.skipped ? '上传同步未启用或未配置' : r.offline ? '上级平台无法连接，恢复后自动续传' : `本轮上传 ${r.acked} 件，失败 ${r.failed} 件`), refresh()),
    onError: (e) => void message.error(errorText(e)),
  });

  const s = status;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {s?.training && <Alert type="info" showIcon message="培训模式的数据不会上传。" />}
      {s && !s.training && !s.enabled && <Alert type="info" showIcon message="上传同步未启用" description="办结的办件仍写入待上传队列；系统管理员在 设置 中启用并配置上级平台地址与单位密钥后自动上传。" />}
      {s?.enabled && !s.configured && <Alert type="warning" showIcon message="上传同步未配置完整：需要上级平台地址、单位密钥编号和密钥。" />}
      {s?.offline && <Alert type="warning" showIcon message={`上级平台无法连接${s.offlineSince ? `（自 ${fmt(s.offlineSince)}）` : ''}`} description="办件保存在本机，网络恢复后自动续传，不会丢失，也不会重复。" />}
      {s?.lastError && !s.offline && <Alert type="error" showIcon message={s.lastError} />}
      <Card size="small" title="上传同步" extra={<Button onClick={() => runNow.mutate()} loading={runNow.isPending}>立即上传一轮</Button>}>
        <Row gutter={16}>
          <Col span={4}><Statistic title="待上传" value={s?.pending ?? '—'} /></Col>
          <Col span={4}><Statistic title="被退回" value={s?.failed ?? '—'} valueStyle={s?.failed ? { color: '#cf1322' } : undefined} /></Col>
          <Col span={4}><Statistic title="需人工处理" value={s?.needsAttention ?? '—'} valueStyle={s?.needsAttention ? { color: '#cf1322' } : undefined} /></Col>
          <Col span={4}><Statistic title="已上传" value={s?.acked ?? '—'} /></Col>
          <Col span={8}><Statistic title="最近成功" value={fmt(s?.lastSuccessAt ?? null)} valueStyle={{ fontSize: 18 }} /></Col>
        </Row>
        {s?.progress && s.progress.total > 0 && (
          <div style={{ marginTop: 12 }} data-testid="sync-progress">
            <Typography.Text type="secondary">积压上传进度：{s.progress.done} / {s.progress.total}</Typography.Text>
            <Progress percent={Math.floor((100 * s.progress.done) / s.progress.total)} status="active" />
          </div>
        )}
      </Card>
      <Card size="small">
        <Segmented options={GROUPS} value={group} onChange={(v) => (setGroup(v), setPage(1))} style={{ marginBottom: 12 }} />
        <Table<SyncItem>
          size="small"
          rowKey="id"
          loading={items.isPending}
          dataSource={items.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: items.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: '没有记录' }}
          columns={[
            { title: '办件编号', dataIndex: 'caseNo', width: 200, render: (v: string) => <code>{v}</code> },
            { title: '办件结果', dataIndex: 'caseStatus', width: 100, render: (v: string) => ({ completed: '办结', refused: '不予受理', rejected: '审核不通过', withdrawn: '撤回' })[v] ?? v },
            { title: '同步状态', dataIndex: 'status', width: 110, render: (v: SyncItem['status']) => <Tag color={STATUS_COLOR[v]}>{SYNC_ITEM_STATUS_LABELS[v]}</Tag> },
            { title: '失败次数', dataIndex: 'attempts', width: 80 },
            { title: '原因', dataIndex: 'lastError', render: (v: string | null) => v ?? '—' },
            { title: '时间', width: 170, render: (_: unknown, r) => (r.status === 'acked' ? fmt(r.ackedAt) : r.status === 'pending' || r.status === 'unknown' ? `下次 ${fmt(r.nextAttemptAt)}` : fmt(r.updatedAt)) },
            {
              title: '操作',
              width: 100,
              render: (_: unknown, r) => (r.status === 'rejected' || r.status === 'needs_attention' ? <Button size="small" onClick={() => resend.mutate(r.id)} loading={resend.isPending && resend.variables === r.id}>重新上传</Button> : null),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          每件办结的办件以固定的报文编号上传；应答丢失时先向上级平台查询该报文，绝不换号重发。重新上传沿用原报文编号。
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}
