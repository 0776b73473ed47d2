import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { HallDatePicker } from '../../app/HallDatePicker';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { hallDayjs } from '../../app/hallTime';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { AuditEntry } from '../../../shared/contract/auth';
import { actionLabel } from './auditLabels';
import { auditCsv } from './auditExport';
import { downloadText } from '../../api/download';

interface Filter {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
}

/** 审计日志: read-only, with the chain check and an export; viewing and exporting are audited too. */
export function AuditPage() {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const list = useQuery(orpc.audit.list.queryOptions({ input: { ...filter, limit: pageSize, offset: (page - 1) * pageSize } }));
  const verify = useQuery(orpc.audit.verify.queryOptions());
  const [exporting, setExporting] = useState(false);

  const onSearch = (v: { range?: [Dayjs, Dayjs] | null; action?: string; actor?: string }) => {
    setPage(1);
    setFilter({ from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'), action: v.action || undefined, actor: v.actor || undefined });
  };
  const exportFile = async () => {
    setExporting(true);
    try {
      const result = await client.audit.export({ from: filter.from, to: filter.to });
      downloadText(`审计日志-${filter.from ?? '全部'}-${filter.to ?? hallDayjs().format('YYYY-MM-DD')}.csv`, auditCsv(result.entries, actionLabel), 'text/csv;charset=utf-8');
      void message.success(`已导出 ${result.entries.length} 条`);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card size="small" title="审计日志" extra={verify.data && (verify.data.ok ? <Tag color="green">日志链校验完整（{verify.data.checked} 条）</Tag> : <Tag color="red">日志链异常</Tag>)}>
      {verify.data && !verify.data.ok && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`审计日志自第 ${verify.data.brokenAt} 条起被改动或删除，请立即报告信息安全负责人。`} />}
      <Form layout="inline" onFinish={onSearch} style={{ marginBottom: 12 }}>
        <Form.Item name="range" label="日期">
          <HallDatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="actor" label="操作人">
          <Input placeholder="用户名" style={{ width: 120 }} allowClear />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <Input placeholder="如 auth. 或 user." style={{ width: 140 }} allowClear />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button onClick={() => void exportFile()} loading={exporting}>
            导出 CSV
          </Button>
        </Space>
      </Form>
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.entries}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: '时间', dataIndex: 'at', width: 170, render: (t: string) => hallDayjs(t).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'actor', width: 120 },
          { title: '操作', dataIndex: 'action', width: 150, render: (a: string) => actionLabel(a) },
          { title: '对象', dataIndex: 'target', width: 160, render: (t: string | null) => t ?? '—' },
          { title: '窗口', dataIndex: 'counter', width: 60, render: (c: number | null) => c ?? '—' },
          { title: '详情', dataIndex: 'detail', render: (d: Record<string, unknown>) => <span className="audit-detail">{Object.keys(d).length ? JSON.stringify(d) : ''}</span> },
        ]}
      />
    </Card>
  );
}
