import type { UpstreamResult } from './client';

/**
 * What an upstream answer means for a message that was sent (docs/upstream-protocol.md
 * §Client behaviour), for every kind of message the hall sends (case messages, booking
 * events): one reading, so both outboxes treat the same answer the same way.
 * - acked: 2xx, the upstream has it;
 * - rejected: 4xx but 401/403/408/429, the upstream refused it with a reason (a person corrects it);
 * - unknown: sent, but no answer or a 5xx/408/429 — ask the upstream by message id before sending again;
 * - auth: 401/403, the hall's key or clock is wrong — not the message's fault, retry later;
 * - offline: no connection was made, nothing reached the upstream.
 */
export type SubmitVerdict = { kind: 'offline' } | { kind: 'acked'; body: unknown } | { kind: 'rejected'; body: unknown } | { kind: 'unknown'; error: string } | { kind: 'auth'; error: string };

export const reasonOf = (body: unknown) => (body && typeof body === 'object' && 'reason' in body ? String((body as { reason: unknown }).reason) : JSON.stringify(body));

export function submitVerdict(r: UpstreamResult): SubmitVerdict {
  if (r.kind === 'offline') return { kind: 'offline' };
  if (r.kind === 'unknown') return { kind: 'unknown', error: `发送后无应答（${r.error}），将查询该报文状态` };
  if (r.status === 200 || r.status === 201) return { kind: 'acked', body: r.body };
  if (r.status === 401 || r.status === 403) return { kind: 'auth', error: `上级平台拒绝签名：${reasonOf(r.body)}` };
  if (r.status >= 500 || r.status === 429 || r.status === 408) return { kind: 'unknown', error: `上级平台错误 HTTP ${r.status}：${reasonOf(r.body)}` };
  return { kind: 'rejected', body: r.body };
}

/**
 * The answer to "what became of message id X" (asked before re-sending an unknown one):
 * accepted / rejected settle it, notFound means send it again under the same id.
 */
export type StatusVerdict = { kind: 'offline' } | { kind: 'acked'; body: unknown } | { kind: 'rejected'; body: unknown } | { kind: 'notFound' } | { kind: 'unknown'; error: string };

export function statusVerdict(st: UpstreamResult): StatusVerdict {
  if (st.kind === 'offline') return { kind: 'offline' };
  if (st.kind === 'unknown') return { kind: 'unknown', error: `状态查询无应答：${st.error}` };
  const state = st.body && typeof st.body === 'object' && 'status' in st.body ? (st.body as { status: unknown }).status : null;
  if (st.status === 200 && state === 'accepted') return { kind: 'acked', body: st.body };
  if (st.status === 200 && state === 'rejected') return { kind: 'rejected', body: st.body };
  if (st.status === 404) return { kind: 'notFound' };
  return { kind: 'unknown', error: `状态查询失败：HTTP ${st.status}` };
}
