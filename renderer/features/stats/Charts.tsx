import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import type { StatsReport } from '../../../shared/contract/stats';
import { EChart } from './EChart';
import type { Drill } from './DrillDrawer';

/** 分时段取号与办结, 等候时长分布, 工作人员工作量. */
export function Charts({ report, onDrill }: { report: StatsReport; onDrill: (d: Drill) => void }) {
  const hourly = useMemo(() => {
    // Office hours, widened to any hour that had tickets.
    const busy = report.hourly.filter((h) => h.arrivals || h.served).map((h) => h.hour);
    const first = Math.min(7, ...busy);
    const last = Math.max(19, ...busy);
    const hours = report.hourly.filter((h) => h.hour >= first && h.hour <= last);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: ['取号', '办结'], top: 0 },
      grid: { left: 36, right: 12, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: hours.map((h) => `${h.hour}时`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '取号', type: 'bar', data: hours.map((h) => h.arrivals), itemStyle: { color: '#1677ff' } },
        { name: '办结', type: 'line', data: hours.map((h) => h.served), itemStyle: { color: '#52c41a' } },
      ],
    };
  }, [report]);
  const waits = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: report.waitDistribution.map((b) => b.label), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '人数', type: 'bar', data: report.waitDistribution.map((b) => b.count), itemStyle: { color: '#fa8c16' } }],
    }),
    [report],
  );
  const work = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['办结号数', '受理办件'], top: 0 },
      grid: { left: 90, right: 12, top: 32, bottom: 24 },
      yAxis: { type: 'category', data: report.workload.map((w) => w.clerk), inverse: true },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '办结号数', type: 'bar', data: report.workload.map((w) => w.served) },
        { name: '受理办件', type: 'bar', data: report.workload.map((w) => w.accepted) },
      ],
    }),
    [report],
  );
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={10}>
        <Card size="small" title="分时段取号与办结">
          <EChart option={hourly} testId="chart-hourly" onClick={() => onDrill({ kind: 'tickets', figure: 'taken', title: '取号' })} />
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title="等候时长分布">
          <EChart option={waits} testId="chart-waits" onClick={() => onDrill({ kind: 'tickets', figure: 'waited', title: '已叫号' })} />
        </Card>
      </Col>
      <Col xs={24} xl={7}>
        <Card size="small" title="工作人员工作量">
          <EChart option={work} testId="chart-workload" />
        </Card>
      </Col>
    </Row>
  );
}
