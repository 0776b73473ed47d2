import { useState } from 'react';
import { Button, Form, Input, Select, Table, Tabs, Tag } from 'antd';
import { HallDatePicker } from '../../app/HallDatePicker';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from '../../../shared/cases/model';
import type { CaseSummary } from '../../../shared/contract/cases';
import { CaseDrawer } from './CaseDrawer';
import { statusColor } from './labels';
import { WorkdaysLeft } from './WorkdaysLeft';
import { DueDate } from '../../app/DueDate';
import './cases.css';

interface Filters {
  caseNo?: string;
  idNumber?: string;
  name?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  item?: string;
  status?: CaseStatus;
  clerk?: string;
}
type Tab = 'all' | 'overdue' | 'dueSoon';

const PAGE = 20;

function toSearch(f: Filters) {
  const t = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const out = {
    caseNo: t(f.caseNo),
    idNumber: t(f.idNumber),
    name: t(f.name),
    from: f.dates?.[0]?.format('YYYY-MM-DD'),
    to: f.dates?.[1]?.format('YYYY-MM-DD'),
    item: t(f.item),
    status: f.status,
    clerk: t(f.clerk),
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Partial<typeof out>;
}

/** 办件查询: search by number, ID, name, dates, item, status and clerk; 已超期 / 即将到期 lists. */
export function CasesPage() {
  const { orpc } = useApi();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<ReturnType<typeof toSearch>>({});
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState<Tab>('all');
  const [open, setOpen] = useState<string | null>(null);

  const search = useQuery({
    ...orpc.cases.search.queryOptions({ input: { ...filters, limit: PAGE, offset: (page - 1) * PAGE } }),
    placeholderData: keepPreviousData,
    enabled: tab === 'all',
  });
  const deadlines = useQuery(orpc.cases.deadlines.queryOptions({ input: { dueWithinWorkdays: 3 } }));

  const rows = tab === 'all' ? search.data?.cases : tab === 'overdue' ? deadlines.data?.overdue : deadlines.data?.dueSoon;
  const error = tab === 'all' ? search.error : deadlines.error;

  const submit = (values: Filters) => {
    setFilters(toSearch(values));
    setPage(1);
    setTab('all');
  };

  return (
    <div className="cases-page">
      <Form<Filters> form={form} className="cases-filters" layout="inline" onFinish={submit}>
        <Form.Item name="caseNo" noStyle>
          <Input placeholder="办件编号" aria-label="办件编号" allowClear autoFocus className="case-mono" />
        </Form.Item>
        <Form.Item name="idNumber" noStyle>
          <Input placeholder="证件号码" aria-label="证件号码" allowClear />
        </Form.Item>
        <Form.Item name="name" noStyle>
          <Input placeholder="姓名" aria-label="姓名" allowClear style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="dates" noStyle>
          <HallDatePicker.RangePicker aria-label="受理日期" placeholder={['受理日期起', '止']} style={{ width: 250 }} allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="item" noStyle>
          <Input placeholder="事项名称或编码" aria-label="事项" allowClear />
        </Form.Item>
        <Form.Item name="status" noStyle>
          <Select placeholder="状态" aria-label="状态" allowClear style={{ width: 150 }} options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="clerk" noStyle>
          <Input placeholder="经办人姓名或用户名" aria-label="经办人" allowClear style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            submit({});
          }}
        >
          重置
        </Button>
      </Form>

      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          { key: 'all', label: search.data ? `查询结果（${search.data.total}）` : '查询结果' },
          { key: 'overdue', label: <span className={deadlines.data?.overdue.length ? 'cases-overdue' : undefined}>已超期（{deadlines.data?.overdue.length ?? '…'}）</span> },
          { key: 'dueSoon', label: `3个工作日内到期（${deadlines.data?.dueSoon.length ?? '…'}）` },
        ]}
      />

      <Table<CaseSummary>
        size="small"
        rowKey="caseNo"
        data-testid="cases-table"
        loading={tab === 'all' ? search.isFetching : deadlines.isPending}
        dataSource={rows ?? []}
        locale={{ emptyText: error ? errorText(error) : '没有符合条件的办件' }}
        onRow={(r) => ({ onClick: () => setOpen(r.caseNo), onKeyDown: (e) => e.key === 'Enter' && setOpen(r.caseNo), tabIndex: 0, className: 'cases-row' })}
        pagination={
          tab === 'all'
            ? { current: page, pageSize: PAGE, total: search.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 件` }
            : false
        }
        columns={[
          { title: '办件编号', dataIndex: 'caseNo', width: 200, render: (v: string) => <span className="case-mono">{v}</span> },
          { title: '事项', dataIndex: 'itemName', ellipsis: true },
          { title: '申请人', dataIndex: 'applicantName', width: 90 },
          { title: '证件号码', dataIndex: 'applicantIdMasked', width: 170, render: (v: string) => <span className="case-mono">{v}</span> },
          { title: '状态', dataIndex: 'status', width: 130, render: (s: CaseStatus) => <Tag color={statusColor(s)}>{CASE_STATUS_LABELS[s]}</Tag> },
          { title: '受理日期', dataIndex: 'acceptedOn', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '办结时限', dataIndex: 'dueDate', width: 130, render: (v: string | null, c: CaseSummary) => (v ? <DueDate date={v} provisional={c.dueProvisional} /> : '—') },
          { title: '剩余', dataIndex: 'workdaysLeft', width: 140, render: (v: number | null) => <WorkdaysLeft value={v} /> },
          { title: '经办人', dataIndex: 'clerkName', width: 110, render: (v: string, r) => `${v}（${r.counter}号）` },
        ]}
      />
      <CaseDrawer caseNo={open} onClose={() => setOpen(null)} />
    </div>
  );
}
