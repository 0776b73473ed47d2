import { EventEmitter } from 'node:events';
import type { Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor } from '../auth/audit';
import { AppError } from '../errors';
import { createUpstreamClient, type UpstreamClient, type UpstreamResult } from './client';
import { createLease } from '../db/leases';
import { RoundWrites, createSyncStore, toItem, type OutboxStatus } from './store';
import type { Settings } from '../../../shared/settings/schema';
import { backoffSeconds } from '../backoff';
import type { RunResult, SyncDeps, Timers } from './deps';
import { reasonOf, statusVerdict, submitVerdict } from './verdicts';

export type { AttachmentSource, RunResult, SyncDeps, Timers, UpstreamExchange } from './deps';

const CHUNK = 256 * 1024;
type Row = Selectable<Database['sync_outbox']>;
type PendingAttachment = Selectable<Database['sync_attachments']>;
type Outcome = 'acked' | 'rejected' | 'retry' | 'offline';

/**
 * The sync worker: drains the outbox in rounds of `batchSize` (`inFlight` requests at once,
 * each item under its own message id), and writes what a round learnt — every attempt, every
 * item's new state — in one local transaction at its end; while a backlog remains the next
 * round starts at once. It records every attempt, sorts each answer into success / rejected / unknown; an unknown is
 * settled by asking the upstream for that message id before anything is sent again. Failed
 * attempts back off exponentially with jitter, up to `retryCap`, then 需人工处理 (manual
 * resend). No connection at all is not a failed attempt: the worker goes offline, probes
 * health with back-off, and carries on by itself when the network returns.
 */
export function createSyncService(deps: SyncDeps) {
  const store = createSyncStore(deps.db);
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const random = deps.random ?? Math.random;
  const timers: Timers = deps.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const iso = (ms = deps.now()) => new Date(ms).toISOString();
  let client: { key: string; client: UpstreamClient } | null = null;
  let offline: { since: string; probes: number; nextProbeAt: number; error: string } | null = null;
  let running = false;
  let started = false;
  let timer: unknown = null;
  let progress: { total: number; done: number } | null = null;
  let lastError: string | null = null;
  let backlog = false;

  const cfg = () => deps.settings.get().upstream;
  // In a hall every counter's core has a worker; one at a time drains the shared outbox. The
  // lease outlives a slow round and is renewed every round; a host that dies loses it on expiry.
  const lease = createLease({ db: deps.db, name: 'sync', now: deps.now, holder: deps.leaseHolder, ttlMs: () => Math.max(120_000, 3 * cfg().pollSeconds * 1000) });
  const secretOf = (u: Settings['upstream']) => u.keySecret ?? (deps.env ?? process.env).MEDINS_UPSTREAM_SECRET;

  function clientFor(u: Settings['upstream']): UpstreamClient {
    const secret = secretOf(u)!;
    const key = JSON.stringify([u.url, u.keyId, secret, u.signing, u.caCertFile, u.timeoutSeconds]);
    if (client?.key !== key) {
      client?.client.close();
      client = { key, client: createUpstreamClient({ url: u.url, keyId: u.keyId, secret, signing: u.signing, caCertFile: u.caCertFile, timeoutMs: u.timeoutSeconds * 1000 }, deps.now) };
    }
    return client.client;
  }

  /** Exponential back-off with jitter: base·2^(n−1), capped, then a random 50–100 % of it. */
  function backoffMs(n: number, capSeconds = cfg().backoffMaxSeconds): number {
    const u = cfg();
    const raw = backoffSeconds(n, u.backoffBaseSeconds, capSeconds) * 1000;
    return Math.round(raw * (0.5 + random() * 0.5));
  }

  const changed = () => events.emit('change');

  async function attempt(w: RoundWrites, row: Row, step: string, call: () => Promise<UpstreamResult>) {
    const t0 = Date.now();
    const r = await call();
    const outcome = r.kind !== 'answer' ? r.kind : r.status < 300 ? 'success' : r.status === 404 ? 'not_found' : r.status >= 500 ? 'unknown' : 'rejected';
    const detail = r.kind === 'answer' ? (r.status >= 300 ? JSON.stringify(r.body) : null) : r.error;
    w.record(row.id, iso(), step, outcome, r.kind === 'answer' ? r.status : null, detail, Date.now() - t0);
    return r;
  }

  function fail(w: RoundWrites, row: Row, status: 'pending' | 'unknown', error: string): Outcome {
    const attempts = row.attempts + 1;
    const cap = cfg().retryCap;
    const giveUp = attempts >= cap;
    w.update(row.id, { attempts, status: giveUp ? 'needs_attention' : status, next_attempt_at: iso(deps.now() + backoffMs(attempts)), last_error: giveUp ? `需人工处理：已尝试 ${attempts} 次。${error}` : error, updated_at: iso() });
    if (giveUp) deps.logger.warn({ msgId: row.msg_id, caseNo: row.case_no, attempts }, 'sync item needs attention');
    return 'retry';
  }

  async function uploadAttachments(w: RoundWrites, row: Row, c: UpstreamClient, pending: readonly PendingAttachment[]): Promise<Outcome | null> {
    for (const a of pending) {
      const head = await attempt(w, row, 'attachment', () => c.attachmentOffset(a.sha256));
      if (head.kind === 'offline') return 'offline';
      if (head.kind === 'unknown' || head.status >= 500) return fail(w, row, row.status as 'pending', `附件 ${a.sha256.slice(0, 12)} 查询失败`);
      let offset = head.status === 404 ? 0 : Number(head.headers['upload-offset'] ?? 0);
      while (offset < a.size) {
        const chunk = await deps.attachments?.read(a.sha256, offset, Math.min(CHUNK, a.size - offset));
        if (!chunk?.length) {
          w.update(row.id, { status: 'needs_attention', last_error: `需人工处理：附件文件缺失（${a.sha256.slice(0, 12)}…）`, updated_at: iso() });
          return 'retry';
        }
        const put = await attempt(w, row, 'attachment', () => c.uploadAttachment(a.sha256, offset, a.size, chunk));
        if (put.kind === 'offline') return 'offline';
        if (put.kind === 'unknown' || put.status >= 300) return fail(w, row, row.status as 'pending', `附件上传失败：${put.kind === 'answer' ? reasonOf(put.body) : put.error}`);
        offset = Number(put.headers['upload-offset'] ?? offset + chunk.length);
        w.attachmentProgress(row.id, a.sha256, offset, false);
      }
      w.attachmentProgress(row.id, a.sha256, a.size, true);
    }
    return null;
  }

  function ack(w: RoundWrites, row: Row, body: unknown): Outcome {
    const ref = body && typeof body === 'object' && 'caseRef' in body ? String((body as { caseRef: unknown }).caseRef) : null;
    w.update(row.id, { status: 'acked', acked_at: iso(), upstream_ref: ref, last_error: null, updated_at: iso() });
    w.setState('last_success_at', iso());
    return 'acked';
  }

  function reject(w: RoundWrites, row: Row, body: unknown): Outcome {
    w.update(row.id, { status: 'rejected', attempts: row.attempts + 1, last_error: `上级平台退回：${reasonOf(body)}`, updated_at: iso() });
    return 'rejected';
  }

  async function processItem(w: RoundWrites, row: Row, c: UpstreamClient, pending: readonly PendingAttachment[]): Promise<Outcome> {
    const up = await uploadAttachments(w, row, c, pending);
    if (up) return up;
    if (row.status === 'unknown') {
      // The last send may have arrived: ask before sending again (same message id either way).
      const st = statusVerdict(await attempt(w, row, 'status', () => c.status(row.msg_id)));
      if (st.kind === 'offline') return 'offline';
      if (st.kind === 'unknown') return fail(w, row, 'unknown', st.error);
      if (st.kind === 'acked') return ack(w, row, st.body);
      if (st.kind === 'rejected') return reject(w, row, st.body);
    }
    const v = submitVerdict(await attempt(w, row, 'submit', () => c.submit(row.msg_id, row.payload)));
    switch (v.kind) {
      case 'offline':
        return 'offline';
      case 'acked':
        return ack(w, row, v.body);
      case 'rejected':
        return reject(w, row, v.body);
      case 'auth':
        lastError = v.error;
        return fail(w, row, 'pending', v.error);
      case 'unknown':
        return fail(w, row, 'unknown', v.error);
    }
  }

  function readiness(): RunResult['skipped'] | null {
    if (deps.training) return 'training';
    const u = cfg();
    if (!u.enabled) return 'disabled';
    if (!u.url || !u.keyId || !secretOf(u)) return 'not-configured';
    return null;
  }

  /** The other exchanges, once the case rounds are done; one failing never stops the others or the loop. */
  async function runExchanges(c: UpstreamClient, probeCap: number): Promise<void> {
    for (const exchange of deps.exchanges ?? []) {
      if (offline) return;
      try {
        const r = await exchange.run({ client: c, backoffMs: (n) => backoffMs(n), retryCap: cfg().retryCap });
        if (r.offline) {
          offline = { since: iso(), probes: 1, nextProbeAt: deps.now() + backoffMs(1, probeCap), error: 'connection failed' };
        }
      } catch (error) {
        deps.logger.error({ err: error }, 'upstream exchange failed');
      }
    }
  }

  /** Items taken in one transaction's worth: a round commits once all of its items are answered. */
  interface Round {
    w: RoundWrites;
    rows: Row[];
    left: number;
  }

  /**
   * One round, or (`drain`, the loop) rounds back to back while a backlog remains. The next
   * round is taken once fewer than `inFlight` items of the current one are left to hand out,
   * so the lanes stay busy while it is fetched, while the current round's last answers come in
   * and while it commits; its items are left out of the next round's query until that commit.
   * Each round still writes everything it learnt in one transaction of its own, and commits
   * happen one at a time in round order.
   */
  async function runRounds(drain: boolean): Promise<RunResult> {
    const result: RunResult = { processed: 0, acked: 0, failed: 0, offline: false };
    backlog = false;
    const skip = readiness();
    if (skip) return { ...result, skipped: skip };
    if (running) return { ...result, skipped: 'busy' };
    running = true;
    try {
      if (!(await lease.acquire())) return { ...result, skipped: 'other-host' };
      const u = cfg();
      const c = clientFor(u);
      const probeCap = Math.min(u.backoffMaxSeconds, 300);
      if (offline) {
        if (deps.now() < offline.nextProbeAt) return { ...result, offline: true, skipped: 'offline-wait' };
        const h = await c.health();
        if (h.kind !== 'answer' || h.status !== 200) {
          offline.probes += 1;
          offline.nextProbeAt = deps.now() + backoffMs(offline.probes, probeCap);
          offline.error = h.kind === 'answer' ? `HTTP ${h.status}` : h.error;
          return { ...result, offline: true };
        }
        deps.logger.info({ since: offline.since }, 'upstream reachable again');
        offline = null;
      }

      let stop = false;
      let lastFull = false;
      let commitFailure: { error: unknown } | null = null;
      /** Items of rounds not committed yet: the next round's query leaves them out. */
      const taken = new Set<number>();
      const queue: { row: Row; round: Round }[] = [];
      const attachments = new Map<number, Awaited<ReturnType<typeof store.pendingAttachments>>>();
      let commits: Promise<void> = Promise.resolve();
      let rounds = 0;

      const takeRound = async (): Promise<void> => {
        // Every further round renews the lease (the first did above); a lost lease ends the drain.
        if (rounds > 0 && !(await lease.acquire())) {
          stop = true;
          return;
        }
        const due = await store.due(iso(), u.batchSize, [...taken]);
        rounds += 1;
        lastFull = due.length >= u.batchSize;
        if (!due.length) return;
        if (!progress) {
          const counts = await store.counts();
          progress = { total: counts.pending + counts.unknown, done: 0 };
        }
        // One query for the round's attachment lists instead of one per item.
        for (const [id, list] of await store.pendingAttachmentsOf(due.map((r) => r.id))) attachments.set(id, list);
        const round: Round = { w: new RoundWrites(), rows: due, left: due.length };
        for (const row of due) {
          taken.add(row.id);
          queue.push({ row, round });
        }
      };

      const finish = (round: Round) => {
        round.left -= 1;
        if (round.left > 0) return;
        commits = commits.then(async () => {
          try {
            if (!commitFailure) await store.commitRound(round.w);
          } catch (error) {
            // Nothing of this round moved: its items are sent again (same ids) by a later run.
            commitFailure = { error };
            stop = true;
          } finally {
            for (const row of round.rows) {
              taken.delete(row.id);
              attachments.delete(row.id);
            }
          }
        });
      };

      // The lanes share one fetch of the next round, so a round is never taken twice over. A
      // fetch started ahead may never be awaited: its failure is kept and ends the drain instead.
      let fetching: Promise<void> | null = null;
      let fetchFailure: { error: unknown } | null = null;
      const fetchRound = () => (fetching ??= takeRound().catch((error: unknown) => void ((fetchFailure = { error }), (stop = true))).finally(() => (fetching = null)));
      const more = () => rounds === 0 || (drain && lastFull && started);
      const next = async (): Promise<{ row: Row; round: Round } | undefined> => {
        for (;;) {
          if (stop) return undefined;
          const item = queue.shift();
          if (item) {
            // The next round's queries (lease, due items, attachments) run while the last
            // `inFlight` items of this one are still to be sent, so no lane waits for them.
            if (queue.length < u.inFlight && more()) void fetchRound();
            return item;
          }
          if (!more()) return undefined;
          await fetchRound();
          if (!queue.length && !fetching) return undefined;
        }
      };

      const lane = async () => {
        for (let item = await next(); item; item = await next()) {
          const { row, round } = item;
          let outcome: Outcome;
          try {
            outcome = await processItem(round.w, row, c, attachments.get(row.id) ?? []);
          } catch (error) {
            // One bad item never blocks the others.
            deps.logger.error({ err: error, msgId: row.msg_id }, 'sync item failed');
            outcome = fail(round.w, row, row.status as 'pending', `内部错误：${(error as Error).message}`);
          }
          if (outcome === 'offline') {
            stop = true;
            offline ??= { since: iso(), probes: 0, nextProbeAt: deps.now(), error: 'connection failed' };
            offline.probes += 1;
            offline.nextProbeAt = deps.now() + backoffMs(offline.probes, probeCap);
            round.w.record(row.id, iso(), 'submit', 'offline', null, '无法连接上级平台', 0);
          } else {
            result.processed += 1;
            if (outcome === 'acked') {
              result.acked += 1;
              if (progress) progress.done += 1;
              lastError = null;
            } else result.failed += 1;
          }
          finish(round);
        }
      };

      try {
        await Promise.all(Array.from({ length: u.inFlight }, lane));
      } finally {
        // A fetch started ahead ends first: it must not renew the lease after the run (stop()
        // releases it), and its round is handed back with the rest.
        await (fetching as Promise<void> | null);
        // Items handed out but never sent (offline, a lost lease) still belong to their round.
        for (const { round } of queue.splice(0)) finish(round);
        await commits;
      }
      if (commitFailure) throw (commitFailure as { error: unknown }).error;
      if (fetchFailure) throw (fetchFailure as { error: unknown }).error;
      if (!stop) await runExchanges(c, probeCap);
      result.offline = offline !== null;
      // A full last round means more may be waiting: the loop goes on at once (schedule()).
      backlog = lastFull && !stop;
      const counts = await store.counts();
      if (counts.pending + counts.unknown === 0) progress = null;
      else if (progress) progress.total = Math.max(progress.total, progress.done + counts.pending + counts.unknown);
      return result;
    } finally {
      // A one-off round (CLI, 立即上传 without the loop) must not keep the loop of another host waiting.
      if (!started) await lease.release().catch((error: unknown) => deps.logger.warn({ err: error }, 'sync lease not released; it expires by itself'));
      running = false;
      changed();
    }
  }

  /** One round (CLI, 立即上传, tests). */
  const runOnce = () => runRounds(false);

  async function schedule(): Promise<void> {
    if (!started) return;
    let delay = cfg().pollSeconds * 1000;
    try {
      const r = await runRounds(true);
      // Switched off or not configured yet: look again soon, so enabling it takes effect within seconds.
      if (r.skipped === 'disabled' || r.skipped === 'not-configured') delay = Math.min(delay, 5000);
      else if (backlog) delay = 0;
      else if (offline) delay = Math.max(0, Math.min(delay, offline.nextProbeAt - deps.now()));
      else {
        const next = await store.nextDueAt();
        if (next) delay = Math.max(0, Math.min(delay, Date.parse(next) - deps.now()));
      }
    } catch (error) {
      deps.logger.error({ err: error }, 'sync round failed');
    }
    // No pause while a backlog remains; otherwise at least 50 ms, so a fault cannot spin the loop.
    if (started) timer = timers.setTimeout(() => void schedule(), backlog ? 0 : Math.max(delay, 50));
  }

  async function status() {
    const counts = await store.counts();
    const u = cfg();
    return {
      enabled: u.enabled && !deps.training,
      configured: readiness() !== 'not-configured',
      training: deps.training,
      running: started,
      offline: offline !== null,
      offlineSince: offline?.since ?? null,
      offlineReason: offline?.error ?? null,
      pending: counts.pending + counts.unknown,
      unknown: counts.unknown,
      failed: counts.rejected,
      needsAttention: counts.needs_attention,
      acked: counts.acked,
      lastSuccessAt: await store.getState('last_success_at'),
      lastError,
      progress,
    };
  }

  return {
    runOnce,
    status,
    /** Starts the background loop (hosts call this; the CLI and training never do). */
    start() {
      if (started || deps.training) return;
      started = true;
      timer = timers.setTimeout(() => void schedule(), 0);
    },
    stop() {
      if (started) void lease.release().catch((error: unknown) => deps.logger.warn({ err: error }, 'sync lease not released; it expires by itself'));
      started = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      client?.client.close();
      client = null;
    },
    async list(filter: { group?: 'pending' | 'failed' | 'needsAttention' | 'acked' | 'all'; caseNo?: string; limit?: number; offset?: number }) {
      const groups: Record<string, OutboxStatus[] | undefined> = { pending: ['pending', 'unknown'], failed: ['rejected'], needsAttention: ['needs_attention'], acked: ['acked'], all: undefined };
      return store.list({ statuses: groups[filter.group ?? 'all'], caseNo: filter.caseNo, limit: filter.limit ?? 50, offset: filter.offset ?? 0 });
    },
    async attempts(key: string | number) {
      const row = await store.byIdOrCase(key);
      if (!row) throw new AppError('NOT_FOUND', `outbox item ${key} not found`, '未找到该同步记录');
      return (await store.attempts(row.id)).map((a) => ({ at: a.at, step: a.step, outcome: a.outcome, httpStatus: a.http_status, detail: a.detail, durationMs: a.duration_ms }));
    },
    /** 重新上传: same message id; a possibly delivered one is asked about first. */
    async resend(actor: Actor, key: string | number) {
      const row = await store.byIdOrCase(key);
      if (!row) throw new AppError('NOT_FOUND', `outbox item ${key} not found`, '未找到该同步记录');
      if (row.status === 'acked') throw new AppError('CONFLICT', 'already acknowledged', '该办件已上传成功，无需重发');
      const sent = (await store.attempts(row.id, 1000)).some((a) => a.step === 'submit' && a.outcome !== 'offline');
      const status: OutboxStatus = row.status === 'rejected' || !sent ? 'pending' : 'unknown';
      await deps.db.transaction().execute(async (trx) => {
        await createSyncStore(trx).update(row.id, { status, attempts: 0, next_attempt_at: iso(), last_error: null, updated_at: iso() });
        await deps.audit.record(actor, 'sync.resend', `case:${row.case_no}`, { msgId: row.msg_id, from: row.status }, trx);
      });
      if (offline) offline.nextProbeAt = deps.now();
      changed();
      if (started && !running) {
        if (timer !== null) timers.clearTimeout(timer);
        timer = timers.setTimeout(() => void schedule(), 0);
      }
      return toItem({ ...row, status, attempts: 0, next_attempt_at: iso(), last_error: null });
    },
    /** Status snapshots for the status bar: now, then on every change (at least every 5 s). */
    async *watch(signal?: AbortSignal) {
      while (!signal?.aborted) {
        yield await status();
        await new Promise<void>((resolve) => {
          const t = setTimeout(finish, 5000);
          function finish() {
            clearTimeout(t);
            events.off('change', finish);
            signal?.removeEventListener('abort', finish);
            resolve();
          }
          events.once('change', finish);
          signal?.addEventListener('abort', finish, { once: true });
        });
      }
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
