import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { useCjkFont } from '../documents/fonts';
import { STATS_GROUPING_LABELS, type StatsFigures, type StatsReport } from '../../../shared/contract/stats';
import { hallDateTime } from '../../../shared/system/hall-time';

/** The figure columns of every table, in order: header and how a value is printed. */
export const FIGURE_COLUMNS: readonly { key: keyof StatsFigures; header: string; format?: 'minutes' | 'percent' }[] = [
  { key: 'taken', header: '取号数' },
  { key: 'served', header: '办结号数' },
  { key: 'noShows', header: '过号数' },
  { key: 'unserved', header: '未办理' },
  { key: 'waitMeanSec', header: '平均等候(分)', format: 'minutes' },
  { key: 'waitP90Sec', header: '90%等候(分)', format: 'minutes' },
  { key: 'serviceMeanSec', header: '平均办理(分)', format: 'minutes' },
  { key: 'serviceP90Sec', header: '90%办理(分)', format: 'minutes' },
  { key: 'accepted', header: '受理' },
  { key: 'refused', header: '不予受理' },
  { key: 'corrections', header: '一次性告知' },
  { key: 'completed', header: '办结' },
  { key: 'overdue', header: '已超期' },
  { key: 'dueSoon', header: '即将到期' },
  { key: 'evaluations', header: '评价数' },
  { key: 'satisfactionRate', header: '满意率', format: 'percent' },
];

export function cellValue(f: StatsFigures, c: (typeof FIGURE_COLUMNS)[number]): number | string {
  const v = f[c.key] as number | null;
  if (v === null || v === undefined) return '';
  if (c.format === 'minutes') return Math.round((v / 60) * 10) / 10;
  if (c.format === 'percent') return Math.round(v * 1000) / 10;
  return v;
}

const rangeText = (r: StatsReport) => (r.from === r.to ? r.from : `${r.from} 至 ${r.to}`);

export async function statsWorkbook(r: StatsReport, hallName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'medins-counter';
  const sum = wb.addWorksheet('汇总');
  sum.addRow([`${hallName} 统计报表`]);
  sum.addRow(['统计期间', rangeText(r)]);
  sum.addRow(['生成时间', hallDateTime(Date.parse(r.generatedAt), true)]);
  sum.addRow([]);
  for (const c of FIGURE_COLUMNS) sum.addRow([c.header, cellValue(r.totals, c)]);
  sum.addRow(['好评数', r.totals.satisfied]);
  sum.addRow(['待回访差评', r.followUpsOpen]);
  sum.addRow(['上报积压', r.syncBacklog.count, r.syncBacklog.note]);
  sum.getColumn(1).width = 16;
  sum.getColumn(3).width = 40;

  const groups = wb.addWorksheet(`按${STATS_GROUPING_LABELS[r.groupBy]}`);
  groups.addRow([STATS_GROUPING_LABELS[r.groupBy], ...FIGURE_COLUMNS.map((c) => c.header)]).font = { bold: true };
  for (const row of r.rows) groups.addRow([row.label, ...FIGURE_COLUMNS.map((c) => cellValue(row, c))]);
  groups.addRow(['合计', ...FIGURE_COLUMNS.map((c) => cellValue(r.totals, c))]).font = { bold: true };
  groups.getColumn(1).width = 28;

  const hours = wb.addWorksheet('分时段');
  hours.addRow(['时段', '取号', '办结']).font = { bold: true };
  for (const h of r.hourly) hours.addRow([`${String(h.hour).padStart(2, '0')}:00`, h.arrivals, h.served]);

  const waits = wb.addWorksheet('等候时长分布');
  waits.addRow(['等候时长', '人数']).font = { bold: true };
  for (const w of r.waitDistribution) waits.addRow([w.label, w.count]);

  const work = wb.addWorksheet('工作量');
  work.addRow(['工作人员', '办结号数', '办理时长(分)', '受理', '办结', '不予受理', '一次性告知']).font = { bold: true };
  for (const w of r.workload) work.addRow([w.clerk, w.served, w.serviceMinutes, w.accepted, w.completed, w.refused, w.corrections]);
  work.getColumn(1).width = 20;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function statsPdf(r: StatsReport, hallName: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: `${hallName} 统计报表` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  useCjkFont(doc);
  doc.fontSize(16).text(`${hallName} 统计报表`, { align: 'center' });
  doc.fontSize(10).text(`统计期间：${rangeText(r)}    生成时间：${hallDateTime(Date.parse(r.generatedAt), true)}`, { align: 'center' }).moveDown();
  const cols = [{ header: STATS_GROUPING_LABELS[r.groupBy] }, ...FIGURE_COLUMNS];
  const first = 130;
  const width = (doc.page.width - 72 - first) / FIGURE_COLUMNS.length;
  const line = (cells: (string | number)[], bold = false) => {
    if (doc.y > doc.page.height - 60) doc.addPage();
    const y = doc.y;
    doc.fontSize(bold ? 8.5 : 8);
    cells.forEach((c, i) => doc.text(String(c), 36 + (i === 0 ? 0 : first + (i - 1) * width), y, { width: i === 0 ? first - 4 : width - 2, lineBreak: false, ellipsis: true }));
    doc.x = 36;
    doc.y = y + 16;
  };
  line(cols.map((c) => c.header), true);
  for (const row of r.rows) line([row.label, ...FIGURE_COLUMNS.map((c) => cellValue(row, c))]);
  line(['合计', ...FIGURE_COLUMNS.map((c) => cellValue(r.totals, c))], true);
  doc.moveDown();
  line(['时段', ...r.hourly.filter((h) => h.arrivals || h.served).map((h) => `${h.hour}时 ${h.arrivals}/${h.served}`)]);
  line(['等候分布', ...r.waitDistribution.map((w) => `${w.label} ${w.count}`)]);
  line(['上报积压', `${r.syncBacklog.count}`, r.syncBacklog.note]);
  doc.end();
  return done;
}

export async function renderStatsExport(r: StatsReport, format: 'xlsx' | 'pdf', hallName: string) {
  const base = `统计报表-${r.from === r.to ? r.from : `${r.from}至${r.to}`}`;
  if (format === 'xlsx') return { fileName: `${base}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: (await statsWorkbook(r, hallName)).toString('base64') };
  return { fileName: `${base}.pdf`, mimeType: 'application/pdf', base64: (await statsPdf(r, hallName)).toString('base64') };
}
