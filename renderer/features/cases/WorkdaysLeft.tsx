/** 剩余工作日: red when overdue, orange in the last three days. */
export function WorkdaysLeft({ value }: { value: number | null }) {
  if (value === null) return <span className="case-muted">—</span>;
  if (value < 0) return <span className="cases-overdue">已超期 {-value} 个工作日</span>;
  if (value === 0) return <span className="cases-overdue">今日到期</span>;
  return <span className={value <= 3 ? 'cases-duesoon' : undefined}>剩 {value} 个工作日</span>;
}
