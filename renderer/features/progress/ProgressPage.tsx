import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Input, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { adoptHallTimeZone, hallDayjs } from '../../app/hallTime';
import type { CaseStatus } from '../../../shared/cases/model';
import { formatChineseDate } from '../../../shared/cases/documents';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';
import { codeFromHash, useHash } from './route';
import { ElderToggle, useElderMode } from '../../app/elder';
import { DueDate } from '../../app/DueDate';
import './progress.css';

/** After this long a shown result is cleared, so the next person at the kiosk does not see it. */
const CLEAR_AFTER_MS = 90_000;
const CODE_PATTERN = /^[0-9A-Za-z]{6,32}$/;

const STATUS_COLOR: Record<CaseStatus, string> = {
  accepted: '#1565c0',
  approved: '#1565c0',
  paid: '#1565c0',
  correction_requested: '#e65100',
  returned: '#e65100',
  completed: '#2e7d32',
  refused: '#c62828',
  rejected: '#c62828',
  withdrawn: '#616161',
};

const STATUS_NOTE: Partial<Record<CaseStatus, string>> = {
  correction_requested: '请按一次性告知书补齐材料后到窗口办理。',
  returned: '请按一次性告知书补正材料后到窗口办理。',
  completed: '办件已办结，请留意办结通知。',
};

function setCodeInHash(code: string): void {
  window.location.hash = code ? `/progress?code=${encodeURIComponent(code)}` : '/progress';
}

/**
 * 办理进度查询: public, no sign-in (kiosk, tablet, the applicant's phone on the hall LAN). Shows
 * status, steps done and the due date for the code on the 受理回执 — nothing personal beyond
 * the masked name core returns.
 */
export function ProgressPage() {
  const { orpc } = useApi();
  const elderMode = useElderMode();
  const code = codeFromHash(useHash());
  const [typed, setTyped] = useState(code);
  const [formatError, setFormatError] = useState<string | null>(null);
  // The box follows the code in the address (QR scan, auto-clear) — adjusted during render.
  const [shownCode, setShownCode] = useState(code);
  if (shownCode !== code) {
    setShownCode(code);
    setTyped(code);
  }

  const valid = CODE_PATTERN.test(code);
  const progress = useQuery({ ...orpc.cases.progress.queryOptions({ input: { code } }), enabled: valid, retry: false, staleTime: 0 });

  useEffect(() => {
    if (!code) return;
    const timer = window.setTimeout(() => setCodeInHash(''), CLEAR_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [code]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = typed.trim().toUpperCase();
    if (!CODE_PATTERN.test(next)) {
      setFormatError(next ? '查询码为6位以上的字母或数字，请核对受理回执上的查询码' : '请输入受理回执上的查询码');
      return;
    }
    setFormatError(null);
    if (next === code) void progress.refetch();
    else setCodeInHash(next);
  };

  const error = formatError ?? (code && !valid ? '查询码为6位以上的字母或数字，请核对受理回执上的查询码' : progress.isError ? errorText(progress.error) : null);
  const p = valid && progress.isSuccess ? progress.data : null;
  // No clock stream on this public page: the answer names the hall's zone for the step times.
  if (p) adoptHallTimeZone(p.timeZone);

  return (
    <main className="progress-page" data-testid="progress-page">
      <ElderToggle {...elderMode} className="progress-elder-toggle" />
      <h1>办理进度查询</h1>
      <div className="progress-hint">请输入受理回执上的查询码，或用手机扫描回执上的二维码</div>
      <form className="progress-form" onSubmit={submit}>
        <Input
          aria-label="查询码"
          placeholder="查询码"
          value={typed}
          maxLength={32}
          autoFocus
          autoComplete="off"
          onChange={(e) => {
            setTyped(e.target.value.toUpperCase());
            setFormatError(null);
          }}
        />
        <Button type="primary" htmlType="submit" loading={valid && progress.isFetching}>
          查询
        </Button>
      </form>

      {error && <Alert className="progress-error" type="error" showIcon message={error} data-testid="progress-error" />}
      {valid && progress.isPending && <Spin size="large" style={{ marginTop: 48 }} />}

      {p && (
        <section className="progress-result" data-testid="progress-result" aria-live="polite">
          <div className="progress-status">
            <span className="label">当前状态</span>
            <span className="value" style={{ color: STATUS_COLOR[p.status] }} data-testid="progress-status">
              {p.statusLabel}
            </span>
          </div>
          {STATUS_NOTE[p.status] && <Alert type="info" showIcon message={STATUS_NOTE[p.status]} style={{ fontSize: 20, marginBottom: 18 }} />}
          <dl className="progress-facts">
            <dt>办理事项</dt>
            <dd>{p.itemName}</dd>
            <dt>申请人</dt>
            <dd data-testid="progress-name">{p.applicantName}</dd>
            <dt>办件编号</dt>
            <dd>{p.caseNo}</dd>
            <dt>受理日期</dt>
            <dd>{p.acceptedOn ? formatChineseDate(p.acceptedOn) : '未受理'}</dd>
            <dt>承诺办结</dt>
            <dd data-testid="progress-due">{p.dueDate ? <DueDate date={p.dueDate} provisional={p.dueProvisional} format={formatChineseDate} /> : '—'}</dd>
          </dl>
          <ol className="progress-steps" data-testid="progress-steps">
            {p.steps.map((s, i) => (
              <li key={s.label} className={s.done ? 'done' : undefined}>
                <span className="dot">{s.done ? '✓' : i + 1}</span>
                <span className="name">{s.label}</span>
                <span className="when">{s.at ? hallDayjs(s.at).format('YYYY-MM-DD HH:mm') : '待办理'}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <div className="progress-footer">为保护您的信息，查询结果将在90秒后自动清除。如有疑问，请到服务窗口咨询。</div>
    </main>
  );
}
