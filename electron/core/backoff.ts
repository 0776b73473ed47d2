/**
 * The one back-off rule for work that is retried later (the print queue, the upstream sync):
 * base·2^(n−1) seconds after the n-th failed attempt, never more than `max`. Callers that
 * spread retries of many machines apart add their own jitter on top.
 */
export function backoffSeconds(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}
