import { useState } from 'react';
import { Button, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Ticket } from '../../../shared/contract/queue';
import { EVALUATION_LEVELS, LOW_RATING_MAX, LOW_RATING_REASONS } from '../../../shared/stats/evaluation';
import { useApi } from '../../api/context';
import { errorText } from '../../api/errors';

/**
 * After 办结本号: the invitation to rate the service just given. The evaluation tablet shows the
 * same ticket; on a counter without one the person taps a level here. Core ties the rating to
 * the ticket, its clerk, counter and cases. Goes away with the next call or 不评价.
 */
export function EvaluationOffer({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const { client } = useApi();
  const [low, setLow] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const submit = useMutation({
    mutationFn: (v: { level: number; reason?: string }) => client.evaluation.submit({ ticketId: ticket.id, ...v }),
    onSuccess: onDone,
  });
  return (
    <section className="evaluation-offer" data-testid="evaluation-offer" aria-label="服务评价">
      <span className="evaluation-offer-title">
        {ticket.label} 号已办结{ticket.caseNos.length ? `（办件 ${ticket.caseNos.length} 件）` : ''}，请群众评价本次服务：
      </span>
      {low === null ? (
        EVALUATION_LEVELS.map((l) => (
          <Button key={l.level} size="small" data-testid={`offer-level-${l.level}`} loading={submit.isPending && submit.variables?.level === l.level} onClick={() => (l.level <= LOW_RATING_MAX ? setLow(l.level) : submit.mutate({ level: l.level }))}>
            {l.label}
          </Button>
        ))
      ) : (
        <>
          {LOW_RATING_REASONS.map((r) => (
            <Button key={r} size="small" type={reason === r ? 'primary' : 'default'} onClick={() => setReason(r)}>
              {r}
            </Button>
          ))}
          <Input size="small" style={{ width: 180 }} maxLength={200} placeholder="具体情况（选填）" onChange={(e) => setReason(e.target.value)} />
          <Button size="small" type="primary" disabled={!reason.trim()} onClick={() => submit.mutate({ level: low, reason: reason.trim() })}>
            提交
          </Button>
        </>
      )}
      <span className="header-gap" />
      {submit.error && <span className="field-error">{errorText(submit.error)}</span>}
      <Button size="small" type="link" onClick={onDone}>
        不评价
      </Button>
    </section>
  );
}
