import { useState } from 'react';
import { App, Button, Card, Input, Modal, Segmented, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import type { FollowUp } from '../../../shared/contract/stats';
import { hallDateTime } from '../../../shared/system/hall-time';

/** 差评回访: low ratings a supervisor closes with a note. */
export function FollowUps() {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [closing, setClosing] = useState<FollowUp | null>(null);
  const [note, setNote] = useState('');
  const list = useQuery(orpc.stats.followUps.queryOptions({ input: { status } }));
  const close = useMutation({
    mutationFn: (v: { id: number; note: string }) => client.stats.closeFollowUp(v),
    onSuccess: async () => {
      setClosing(null);
      setNote('');
      message.success('已办结该差评回访');
      await qc.invalidateQueries();
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card title="差评回访" size="small" extra={<Segmented value={status} onChange={(v) => setStatus(v as 'open' | 'closed' | 'all')} options={[{ value: 'open', label: '待回访' }, { value: 'closed', label: '已办结' }, { value: 'all', label: '全部' }]} />}>
      <Table
        size="small"
        rowKey="id"
        data-testid="follow-ups"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10 }}
        locale={{ emptyText: status === 'open' ? '没有待回访的差评' : '暂无记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => hallDateTime(Date.parse(v)) },
          { title: '评价', dataIndex: 'levelLabel', render: (v: string) => <Tag color="error">{v}</Tag> },
          { title: '原因', dataIndex: 'reason' },
          { title: '窗口', dataIndex: 'counter' },
          { title: '工作人员', dataIndex: 'clerk' },
          { title: '号码 / 办件', render: (_: unknown, r: FollowUp) => [r.ticketLabel, r.caseNo].filter(Boolean).join(' / ') || '—' },
          { title: '处理', render: (_: unknown, r: FollowUp) => (r.status === 'open' ? <Button size="small" onClick={() => setClosing(r)}>回访办结</Button> : `${r.closedBy ?? ''}：${r.closeNote ?? ''}`) },
        ]}
      />
      <Modal open={closing !== null} title="差评回访办结" okText="办结" cancelText="取消" onCancel={() => setClosing(null)} confirmLoading={close.isPending} onOk={() => closing && close.mutate({ id: closing.id, note })} okButtonProps={{ disabled: note.trim() === '' }}>
        <p>
          {closing?.levelLabel}：{closing?.reason}
        </p>
        <Input.TextArea rows={3} maxLength={500} placeholder="回访情况与处理结果（必填）" value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Card>
  );
}
