import type { StatsReport } from '../../../shared/contract/stats';
import { useState } from 'react';
import { App, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { HallDatePicker } from '../../app/HallDatePicker';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useApi } from '../../api/context';
import { STATS_GROUPINGS, STATS_GROUPING_LABELS, type StatsFigures, type StatsGrouping } from '../../../shared/contract/stats';
import { Charts } from './Charts';
import { DrillDrawer, type Drill } from './DrillDrawer';
import { FollowUps } from './FollowUps';
import { minutes, percent } from './format';
import { downloadBase64 } from '../../api/download';
import { hallToday } from '../../app/hallTime';
import './stats.css';


type Card = { title: string; value: (f: StatsFigures) => string | number; drill?: Omit<Drill, 'title' | 'key'>; hint?: string };
const CARDS: Card[] = [
  { title: '取号', value: (f) => f.taken, drill: { kind: 'tickets', figure: 'taken' } },
  { title: '办结号', value: (f) => f.served, drill: { kind: 'tickets', figure: 'served' } },
  { title: '过号', value: (f) => f.noShows, drill: { kind: 'tickets', figure: 'noShows' } },
  { title: '未办理', value: (f) => f.unserved },
  { title: '平均等候(分)', value: (f) => minutes(f.waitMeanSec), drill: { kind: 'tickets', figure: 'waited' }, hint: '已叫号的号码在等候与转窗中的时间' },
  { title: '90%等候(分)', value: (f) => minutes(f.waitP90Sec), drill: { kind: 'tickets', figure: 'waited' } },
  { title: '平均办理(分)', value: (f) => minutes(f.serviceMeanSec), drill: { kind: 'tickets', figure: 'served' }, hint: '办理中的时间，不含暂停' },
  { title: '受理', value: (f) => f.accepted, drill: { kind: 'cases', figure: 'accepted' } },
  { title: '不予受理', value: (f) => f.refused, drill: { kind: 'cases', figure: 'refused' } },
  { title: '一次性告知', value: (f) => f.corrections, drill: { kind: 'cases', figure: 'corrections' } },
  { title: '办结', value: (f) => f.completed, drill: { kind: 'cases', figure: 'completed' } },
  { title: '已超期', value: (f) => f.overdue ?? '—', drill: { kind: 'cases', figure: 'overdue' }, hint: '当前在办且已过到期日' },
  { title: '即将到期', value: (f) => f.dueSoon ?? '—', drill: { kind: 'cases', figure: 'dueSoon' } },
  { title: '评价 / 满意率', value: (f) => `${f.evaluations} / ${percent(f.satisfactionRate)}`, hint: '非常满意、满意、基本满意为好评' },
];

/** 统计: a day or range, grouped; figure cards, charts, drill-down, export, 差评回访. */
export function StatsPage() {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([hallToday(), hallToday()]);
  const [groupBy, setGroupBy] = useState<StatsGrouping>('category');
  const [drill, setDrill] = useState<Drill | null>(null);
  const r = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const report = useQuery({ ...orpc.stats.report.queryOptions({ input: { ...r, groupBy } }), placeholderData: (prev) => prev });
  const exporter = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') => client.stats.export({ ...r, groupBy, format }),
    onSuccess: (f) => downloadBase64(f.fileName, f.mimeType, f.base64),
    onError: (e) => message.error(e.message),
  });
  const data = report.data;
  const figureCell = (col: Card, row: StatsFigures & { key: string; label: string }) => {
    const v = col.value(row);
    return col.drill && v !== 0 && v !== '—' ? (
      <a onClick={() => setDrill({ ...col.drill!, title: `${row.label} ${col.title}`, key: row.key } as Drill)}>{v}</a>
    ) : (
      v
    );
  };
  return (
    <div className="stats-page" data-testid="stats-page">
      <Space wrap className="stats-toolbar">
        <HallDatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} presets={[{ label: '今天', value: [hallToday(), hallToday()] }, { label: '最近7天', value: [hallToday().subtract(6, 'day'), hallToday()] }, { label: '本月', value: [hallToday().startOf('month'), hallToday()] }, { label: '今年', value: [hallToday().startOf('year'), hallToday()] }]} />
        <Segmented value={groupBy} onChange={(v) => setGroupBy(v)} options={STATS_GROUPINGS.map((g) => ({ value: g, label: `按${STATS_GROUPING_LABELS[g]}` }))} />
        <Button onClick={() => exporter.mutate('xlsx')} loading={exporter.isPending && exporter.variables === 'xlsx'} data-testid="export-xlsx">
          导出 Excel
        </Button>
        <Button onClick={() => exporter.mutate('pdf')} loading={exporter.isPending && exporter.variables === 'pdf'}>
          导出 PDF
        </Button>
        {report.isFetching && <Typography.Text type="secondary">统计中…</Typography.Text>}
      </Space>
      {report.error && <Typography.Text type="danger">{report.error.message}</Typography.Text>}
      {data && (
        <>
          <Row gutter={[8, 8]} className="stats-cards">
            {CARDS.map((c) => (
              <Col key={c.title} xs={12} md={6} xl={3}>
                <Card size="small" hoverable={!!c.drill} onClick={() => c.drill && setDrill({ ...c.drill, title: c.title } as Drill)} data-testid={`figure-${c.title}`}>
                  <Tooltip title={c.hint}>
                    <Statistic title={c.title} value={c.value(data.totals)} />
                  </Tooltip>
                </Card>
              </Col>
            ))}
            <Col xs={12} md={6} xl={3}>
              <Card size="small">
                <Tooltip title={data.syncBacklog.note}>
                  <Statistic title="上报积压" value={data.syncBacklog.available ? data.syncBacklog.count : '—'} />
                </Tooltip>
              </Card>
            </Col>
            <Col xs={12} md={6} xl={3}>
              <Card size="small">
                <Statistic title="待回访差评" value={data.followUpsOpen} />
              </Card>
            </Col>
          </Row>
          {data.appointments.booked + data.appointments.cancelled > 0 && <AppointmentCards a={data.appointments} />}
          <Charts report={data} onDrill={setDrill} />
          <Card size="small" title={`按${STATS_GROUPING_LABELS[groupBy]}`} className="stats-table">
            <Table
              size="small"
              rowKey="key"
              data-testid="stats-rows"
              dataSource={data.rows}
              pagination={false}
              scroll={{ x: 1200 }}
              columns={[{ title: STATS_GROUPING_LABELS[groupBy], dataIndex: 'label', fixed: 'left' as const, width: 180 }, ...CARDS.map((c) => ({ title: c.title, key: c.title, render: (_: unknown, row: (typeof data.rows)[number]) => figureCell(c, row) }))]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  {CARDS.map((c, i) => (
                    <Table.Summary.Cell key={c.title} index={i + 1}>
                      {c.value(data.totals)}
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
            />
          </Card>
        </>
      )}
      <FollowUps />
      <DrillDrawer drill={drill} range={r} groupBy={groupBy} onClose={() => setDrill(null)} />
    </div>
  );
}

/** 预约: bookings, check-in rate, no-shows, punctuality (called within the slot), wait from the slot's start. */
function AppointmentCards({ a }: { a: StatsReport['appointments'] }) {
  const cards: [string, string | number, string][] = [
    ['预约人数', a.booked, `不含已取消（${a.cancelled}）`],
    ['签到率', percent(a.checkInRate), `已签到 ${a.checkedIn} 人`],
    ['爽约', a.noShows, '时段结束仍未签到'],
    ['准时叫号率', percent(a.punctualityRate), `时段内叫号 ${a.punctual} 人`],
    ['自时段起等候', a.waitFromSlotMeanSec === null ? '—' : `${minutes(a.waitFromSlotMeanSec)} 分钟`, '叫号时间减预约时段开始时间'],
  ];
  return (
    <Row gutter={[8, 8]} className="stats-cards" data-testid="stats-appointments">
      {cards.map(([title, value, hint]) => (
        <Col key={title} xs={12} md={6} xl={3}>
          <Card size="small">
            <Tooltip title={hint}>
              <Statistic title={title} value={value} />
            </Tooltip>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
