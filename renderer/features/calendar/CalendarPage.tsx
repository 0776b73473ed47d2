import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Tag, Tooltip, Typography, Upload } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import type { CalendarYearDetail, CalendarYearSummary, DueDateChange } from '../../../shared/contract/calendar';
import { RecomputedCases } from './RecomputedCases';
import { monthGrid, festivalsOf, formatMonthDay } from './yearView';
import './calendar.css';

const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

/** 工作日历 (admin): years loaded and where each comes from, a year's months, import of a new year. */
export function CalendarPage() {
  const { orpc, client } = useApi();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const years = useQuery(orpc.calendar.years.queryOptions());
  const [chosen, setSelected] = useState<number | undefined>();
  const [importError, setImportError] = useState<string | undefined>();
  const [importing, setImporting] = useState(false);
  const [recomputed, setRecomputed] = useState<DueDateChange[] | undefined>();

  const list = years.data?.years ?? [];
  const latest = list.at(-1)?.year;
  // The latest year until the admin picks another.
  const selected = chosen ?? latest;

  const year = useQuery({ ...orpc.calendar.year.queryOptions({ input: { year: selected ?? 0 } }), enabled: selected !== undefined });

  const importFile = async (file: File) => {
    setImportError(undefined);
    setImporting(true);
    try {
      const text = await file.text();
      const result = await client.calendar.import({ text });
      const what = { none: '新增', bundled: '替换内置数据', imported: '替换此前导入' } as const;
      setRecomputed(result.recomputed);
      // Said once the page (and the 尚未导入 banner) shows the imported years, not before.
      await queryClient.invalidateQueries({ queryKey: orpc.calendar.key() });
      setSelected(result.imported.at(-1)?.year);
      void message.success(`已导入：${result.imported.map((i) => `${i.year}年（${what[i.replaced]}）`).join('、')}，立即生效`);
    } catch (e) {
      setImportError(`“${file.name}”未导入：${errorText(e)}`);
    } finally {
      setImporting(false);
    }
  };

  return (
    <div className="calendar-page">
      <Card
        size="small"
        title="工作日历"
        extra={
          <Upload accept=".json,application/json" showUploadList={false} beforeUpload={(file) => (void importFile(file), false)}>
            <Button type="primary" loading={importing}>
              导入节假日安排…
            </Button>
          </Upload>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 10 }}>
          按工作日计算的办理时限依据此日历（法定节假日放假、调休上班）。国务院办公厅公布下一年节假日安排后，由管理员导入该年的 JSON 文件，导入后立即生效。办结日期落在未导入年份的办件照常受理，按周一至周五计算并标注“暂定”；导入该年后自动重新计算，并列出日期有变化的办件。
        </Typography.Paragraph>
        {recomputed && <RecomputedCases changes={recomputed} onClose={() => setRecomputed(undefined)} />}
        {importError && (
          <Alert type="error" showIcon closable onClose={() => setImportError(undefined)} style={{ marginBottom: 10 }} message={<pre className="calendar-import-error">{importError}</pre>} />
        )}
        {years.error && <Alert type="error" showIcon message={errorText(years.error)} />}
        {years.data?.bundledError && <Alert type="warning" showIcon style={{ marginBottom: 10 }} message={`内置日历无法读取，只加载了导入的年份：${years.data.bundledError}`} />}
        {years.data?.overlayError && <Alert type="warning" showIcon style={{ marginBottom: 10 }} message={`导入的日历文件无法读取，已忽略（重新导入即可恢复）：${years.data.overlayError}`} />}
        {years.isPending ? (
          <Spin />
        ) : (
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <div>
              已加载 {list.length} 年{list.length ? `（${list[0]!.year}–${latest}）` : ''}，点击年份查看：
            </div>
            <div className="calendar-years" data-testid="calendar-years">
              {list.map((y) => (
                <YearTag key={y.year} summary={y} selected={y.year === selected} onSelect={() => setSelected(y.year)} />
              ))}
            </div>
            <div className="calendar-legend">
              <span>年份颜色：</span>
              <Tag color="default" style={{ margin: 0 }}>
                随程序发布的内置数据
              </Tag>
              <Tag color="blue" style={{ margin: 0 }}>
                管理员导入
              </Tag>
            </div>
          </Space>
        )}
      </Card>
      {selected !== undefined && <YearCard detail={year.data} loading={year.isPending} error={year.error ? errorText(year.error) : undefined} />}
    </div>
  );
}

function YearTag({ summary, selected, onSelect }: { summary: CalendarYearSummary; selected: boolean; onSelect: () => void }) {
  const source = summary.source === 'imported' ? (summary.replacesBundled ? '导入（替换内置数据）' : '导入') : '内置';
  return (
    <Tooltip title={`${summary.year}年：${source}；放假 ${summary.holidays} 天，调休上班 ${summary.makeupWorkdays} 天`}>
      <Tag color={summary.source === 'imported' ? 'blue' : 'default'} className={selected ? 'is-selected' : undefined} onClick={onSelect} data-testid={`year-${summary.year}`}>
        {summary.year}
      </Tag>
    </Tooltip>
  );
}

function YearCard({ detail, loading, error }: { detail?: CalendarYearDetail; loading: boolean; error?: string }) {
  const festivals = useMemo(() => (detail ? festivalsOf(detail) : []), [detail]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (loading || !detail) return <Spin />;
  const special = new Map<string, { kind: 'holiday' | 'makeup'; name: string }>();
  for (const d of detail.holidays) special.set(d.date, { kind: 'holiday', name: d.name });
  for (const d of detail.makeupWorkdays) special.set(d.date, { kind: 'makeup', name: d.name });
  return (
    <Card size="small" title={`${detail.year}年节假日安排`} extra={<Tag color={detail.source === 'imported' ? 'blue' : 'default'}>{detail.source === 'imported' ? '导入' : '内置'}</Tag>}>
      <Descriptions size="small" column={1} style={{ marginBottom: 10 }}>
        <Descriptions.Item label="来源">{detail.notice ? <NoticeLinks notice={detail.notice} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label="安排">
          {festivals.length ? (
            <ul className="calendar-festivals">
              {festivals.map((f) => (
                <li key={f.name}>
                  <b>{f.name}</b>：{f.ranges.map(([a, b]) => (a === b ? formatMonthDay(a) : `${formatMonthDay(a)}至${formatMonthDay(b)}`)).join('、')}放假，共{f.days}天
                  {f.makeup.length ? `；${f.makeup.map(formatMonthDay).join('、')}上班` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该年没有节假日" />
          )}
        </Descriptions.Item>
      </Descriptions>
      <div className="calendar-legend" style={{ marginBottom: 8 }}>
        <span>
          <i className="holiday" />
          放假
        </span>
        <span>
          <i className="makeup" />
          调休上班
        </span>
        <span>
          <i className="weekend" />
          周末
        </span>
      </div>
      <div className="calendar-months" data-testid="calendar-months">
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
          <div className="calendar-month" key={month}>
            <h5>{month}月</h5>
            <div className="calendar-grid">
              {WEEK_HEAD.map((w) => (
                <div className="head" key={w}>
                  {w}
                </div>
              ))}
              {monthGrid(detail.year, month).map((cell, i) => {
                if (!cell) return <div key={`blank-${i}`} />;
                const s = special.get(cell.date);
                const cls = s ? s.kind : cell.weekend ? 'weekend' : '';
                const day = (
                  <div key={cell.date} className={`day ${cls}`} data-date={cell.date}>
                    {cell.day}
                    {s && <span className="mark">{s.kind === 'holiday' ? '休' : '班'}</span>}
                  </div>
                );
                return s ? (
                  <Tooltip key={cell.date} title={`${cell.date} ${s.name}${s.kind === 'holiday' ? '放假' : '调休上班'}`}>
                    {day}
                  </Tooltip>
                ) : (
                  day
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </Card>
  );
}

function NoticeLinks({ notice }: { notice: string }) {
  const parts = notice.split(/\s+/).filter(Boolean);
  return (
    <Space wrap size={4}>
      {parts.map((p) =>
        /^https:\/\//.test(p) ? (
          <a key={p} href={p} target="_blank" rel="noreferrer">
            国务院办公厅通知
          </a>
        ) : (
          <span key={p}>{p}</span>
        ),
      )}
    </Space>
  );
}
