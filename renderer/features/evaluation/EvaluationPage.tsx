import { useEffect, useState } from 'react';
import { Button, Input } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { adoptTokenFromHash } from '../board/devicePage';
import { setDeviceToken } from '../../auth/token';
import { EVALUATION_LEVELS, LOW_RATING_MAX, LOW_RATING_REASONS } from '../../../shared/stats/evaluation';
import { ElderToggle, useElderMode } from '../../app/elder';
import './evaluation.css';

/** `#/evaluate?counter=3`: the counter this tablet rates (this workstation's when absent). */
export function counterFromHash(hash: string = window.location.hash): number | undefined {
  const q = hash.indexOf('?');
  const n = q >= 0 ? Number(new URLSearchParams(hash.slice(q + 1)).get('counter')) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

const FACES: Record<number, string> = { 5: '😄', 4: '🙂', 3: '😐', 2: '🙁', 1: '😣' };

/**
 * 好差评 evaluation screen: a tablet facing the citizen (evaluator device token) or a second
 * window of the counter. Five big buttons; a low rating asks why; then thanks, and back.
 */
export function EvaluationPage() {
  const { orpc, client } = useApi();
  const elderMode = useElderMode();
  const [hasToken, setHasToken] = useState(() => adoptTokenFromHash('evaluate'));
  const counter = counterFromHash();
  const [level, setLevel] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [thanks, setThanks] = useState(false);
  const ctx = useQuery({ ...orpc.evaluation.context.queryOptions({ input: { counter } }), refetchInterval: 5000, enabled: hasToken, retry: false });
  const submit = useMutation({
    mutationFn: (v: { level: number; reason?: string }) => {
      const ticketId = ctx.data?.ticket?.id;
      if (!ticketId) throw new Error('没有待评价的号码');
      return client.evaluation.submit({ ...v, ticketId });
    },
    onSuccess: () => {
      void ctx.refetch();
      setThanks(true);
      setLevel(null);
      setReason('');
    },
  });
  useEffect(() => {
    if (!thanks) return;
    const t = setTimeout(() => setThanks(false), 5000);
    return () => clearTimeout(t);
  }, [thanks]);
  const refused = (ctx.error as { code?: string } | null)?.code;
  if (!hasToken || refused === 'UNAUTHORIZED' || refused === 'FORBIDDEN') {
    return (
      <main className="device-setup" data-testid="device-setup">
        <h1>评价器尚未配置</h1>
        {refused && <p>本设备保存的令牌无效或不是「评价器」令牌，请重新生成。</p>}
        <p>管理员在「用户管理 → 设备令牌」选择类型「评价器」生成令牌，然后在本设备打开：</p>
        <code>
          {`${window.location.origin}${window.location.pathname}`}#/evaluate?counter=<b>窗口号</b>&amp;token=<b>令牌</b>
        </code>
        {refused && (
          <p>
            <Button
              onClick={() => {
                setDeviceToken('evaluate', null);
                setHasToken(false);
              }}
            >
              清除令牌
            </Button>
          </p>
        )}
      </main>
    );
  }
  const d = ctx.data;
  return (
    <main className="evaluate-page" data-testid="evaluate-page">
      <header>
        <div className="evaluate-hall">{d?.hallName}</div>
        <div className="evaluate-counter">
          {d ? `${d.counter}号窗口${d.counterName ? ` ${d.counterName}` : ''}` : ''}
          {d?.ticket && <span className="evaluate-ticket">{d.ticket.label} 号{d.clerk ? ` · 经办人 ${d.clerk}` : ''}</span>}
        </div>
        <ElderToggle {...elderMode} />
      </header>
      {thanks ? (
        <section className="evaluate-thanks" data-testid="evaluate-thanks">
          感谢您的评价！
        </section>
      ) : level !== null && level <= LOW_RATING_MAX ? (
        <section className="evaluate-reasons">
          <h1>很抱歉，请告诉我们不满意的原因</h1>
          <div className="evaluate-reason-grid">
            {LOW_RATING_REASONS.map((r) => (
              <Button key={r} size="large" type={reason === r ? 'primary' : 'default'} onClick={() => setReason(r)}>
                {r}
              </Button>
            ))}
          </div>
          <Input.TextArea rows={2} maxLength={200} placeholder="也可以写下具体情况（选填）" onChange={(e) => setReason(e.target.value)} />
          <div className="evaluate-actions">
            <Button size="large" onClick={() => setLevel(null)}>
              返回
            </Button>
            <Button size="large" type="primary" disabled={!reason.trim()} loading={submit.isPending} onClick={() => submit.mutate({ level, reason: reason.trim() })}>
              提交评价
            </Button>
          </div>
        </section>
      ) : !d?.ticket ? (
        // Only a ticket just finished at this counter and not yet rated can be rated.
        <section className="evaluate-thanks" data-testid="evaluate-idle">
          欢迎您！办理完成后，请在此对本次服务作出评价。
        </section>
      ) : (
        <section>
          <h1>请您对本次服务作出评价</h1>
          <div className="evaluate-levels">
            {EVALUATION_LEVELS.map((l) => (
              <button key={l.level} type="button" className={`evaluate-level level-${l.level}`} data-testid={`level-${l.level}`} onClick={() => (l.level <= LOW_RATING_MAX ? setLevel(l.level) : submit.mutate({ level: l.level }))}>
                <span className="face">{FACES[l.level]}</span>
                {l.label}
              </button>
            ))}
          </div>
        </section>
      )}
      {submit.error && <p className="evaluate-error">{submit.error.message}</p>}
    </main>
  );
}
