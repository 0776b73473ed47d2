import { useState } from 'react';
import { Alert, App, Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { PrintJob } from '../../../shared/contract/printing';
import { JOB_STATUS_COLORS, JOB_STATUS_LABELS, jobOutcomeText, printerTagOf } from './labels';

type Filter = 'all' | 'failed' | 'queued';

/** 打印任务: every receipt sent to the printer; failed and waiting ones can be printed again. */
export function PrintJobsPage() {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>('all');
  const jobs = useQuery({ ...orpc.printing.jobs.queryOptions({ input: { limit: 200, ...(filter === 'all' ? {} : { status: filter }) } }), refetchInterval: 5000 });
  const status = useQuery({ ...orpc.printing.status.queryOptions(), refetchInterval: 10_000 });
  const act = useMutation({
    mutationFn: ({ job, action }: { job: PrintJob; action: 'reprint' | 'dismiss' }) => (action === 'reprint' ? client.printing.reprint({ jobId: job.id }) : client.printing.dismiss({ jobId: job.id })),
    onSuccess: (job, { action }) => {
      void queryClient.invalidateQueries();
      if (action === 'dismiss') return void message.info('已不再打印该任务');
      const outcome = jobOutcomeText(job);
      void (outcome.ok ? message.success(outcome.text) : message.warning({ content: outcome.text, duration: 8 }));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const tag = printerTagOf(status.data);

  return (
    <Card
      size="small"
      title="打印任务"
      extra={
        <Space>
          <Tag color={tag.color}>{tag.text}</Tag>
          {status.data && <span className="case-muted">{status.data.message}</span>}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'failed', label: '打印失败' },
            { value: 'queued', label: '等待打印' },
          ]}
        />
        {jobs.isError && <Alert type="error" showIcon title={errorText(jobs.error)} />}
        <Table<PrintJob>
          size="small"
          rowKey="id"
          loading={jobs.isPending}
          dataSource={jobs.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="print-jobs"
          columns={[
            { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (v: string) => hallDayjs(v).format('MM-DD HH:mm:ss') },
            { title: '内容', dataIndex: 'title', width: 130 },
            { title: '办件编号', dataIndex: 'caseNo', width: 190, render: (v: string | null) => <span className="case-mono">{v ?? '—'}</span> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: PrintJob['status']) => <Tag color={JOB_STATUS_COLORS[s]}>{JOB_STATUS_LABELS[s]}</Tag> },
            { title: '尝试', dataIndex: 'attempts', width: 56 },
            {
              title: '原因 / 打印时间',
              render: (_, j) =>
                j.status === 'done' ? (j.printedAt ? hallDayjs(j.printedAt).format('HH:mm:ss 已打印') : '') : j.error ? <span className="print-jobs-error">{j.error}</span> : j.status === 'queued' ? `将于 ${hallDayjs(j.nextAttemptAt).format('HH:mm:ss')} 打印` : '',
            },
            { title: '提交人', dataIndex: 'createdBy', width: 90 },
            {
              title: '操作',
              width: 180,
              render: (_, j) => (
                <Space size={4}>
                  {j.status !== 'printing' && j.status !== 'dismissed' && (
                    <Button size="small" loading={act.isPending && act.variables?.job.id === j.id && act.variables.action === 'reprint'} onClick={() => act.mutate({ job: j, action: 'reprint' })}>
                      重新打印
                    </Button>
                  )}
                  {(j.status === 'failed' || j.status === 'queued') && (
                    <Button size="small" type="text" onClick={() => act.mutate({ job: j, action: 'dismiss' })}>
                      不再打印
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
