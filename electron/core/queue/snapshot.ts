import type { QueueSnapshot } from '../../../shared/contract/queue';
import { callingOrder } from '../../../shared/queue/policy';
import { toHallIso } from '../../../shared/system/hall-time';
import { OPEN_STATUSES, type QueueContext } from './context';
import { policyState, serviceMinutes } from './aggregates';
import { toTicket } from './rows';

/**
 * At most one snapshot per this window: the first change after a quiet spell is published at
 * once (next turn of the event loop), those that follow within the window make one more.
 */
const COALESCE_MS = 20;
/** Watchers get a fresh snapshot this often even without changes (clock, estimated waits). */
const REFRESH_MS = 5000;

/**
 * What boards, kiosks and consoles see. Built from the open tickets (a partial index) and the
 * running aggregates, never from the day's history, and outside any write transaction. Every
 * watcher of this core shares one snapshot per change, coalesced over COALESCE_MS.
 */
export function createSnapshots(ctx: QueueContext) {
  const { db, day } = ctx;

  async function build(): Promise<QueueSnapshot> {
    await ctx.ensureRolled();
    const d = day();
    const cats = await ctx.categories();
    const names = new Map(cats.map((c) => [c.id, c.name]));
    const open = await db.selectFrom('tickets').selectAll().where('day', '=', d).where('status', 'in', [...OPEN_STATUSES]).execute();
    const waitingRows = open.filter((t) => t.status === 'waiting');
    const order = callingOrder(waitingRows.map((t) => ({ ...t, priority: t.priority_kind !== null, queuedAt: Date.parse(t.queued_at) })), ctx.policy(), await policyState(db), ctx.deps.now());
    const counters = await db.selectFrom('queue_counters').selectAll().orderBy('number').execute();
    const seqs = await db.selectFrom('queue_sequence').selectAll().where('day', '=', d).execute();
    const minutes = await serviceMinutes(db, d);
    const calls = await db.selectFrom('queue_calls').selectAll().orderBy('seq', 'desc').limit(10).execute();
    const counterNames = new Map(counters.map((c) => [c.number, c.name]));
    const s = ctx.settings.get();
    return {
      day: d,
      hallName: s.hall.name,
      notice: s.queue.notice,
      now: toHallIso(ctx.deps.now()),
      priorityKinds: s.queue.priorityKinds,
      realNameTickets: s.queue.realNameTickets,
      categories: cats.map((c) => {
        const waiting = waitingRows.filter((t) => t.category_id === c.id).length;
        const taken = seqs.find((x) => x.category_id === c.id)?.taken ?? 0;
        const serving = counters.filter((k) => k.open && !k.paused_reason && (JSON.parse(k.categories) as string[]).includes(c.id)).length;
        const inUse = new Set(open.filter((t) => t.label.startsWith(c.id) && t.number >= c.rangeStart && t.number <= c.rangeEnd && t.label.length > c.id.length && /^\d+$/.test(t.label.slice(c.id.length))).map((t) => t.number)).size;
        return {
          ...c,
          waiting,
          taken,
          capReached: c.dailyCap > 0 && taken >= c.dailyCap,
          rangeUsedUp: inUse >= c.rangeEnd - c.rangeStart + 1,
          estimatedWaitMinutes: Math.round((waiting * (minutes.get(c.id) ?? 5)) / Math.max(1, serving)),
        };
      }),
      counters: counters.map((k) => {
        const current = open.find((t) => t.counter === k.number && (t.status === 'called' || t.status === 'serving'));
        return { number: k.number, name: k.name, categories: JSON.parse(k.categories) as string[], open: k.open === 1, pausedReason: k.paused_reason, staff: k.staff, current: current ? toTicket(current, names.get(current.category_id) ?? '') : null };
      }),
      waiting: order.map((t) => toTicket(t, names.get(t.category_id) ?? '')),
      recentCalls: calls.map((c) => ({ seq: c.seq, ticketId: c.ticket_id, label: c.label, counter: c.counter, counterName: counterNames.get(c.counter) ?? '', text: c.text, at: c.at, recall: c.recall === 1 })),
    };
  }

  // The shared snapshot: `changed` counts changes, `published` what watchers have been handed.
  let changed = 0;
  let latest: { value: QueueSnapshot | Error; version: number; at: number } | undefined;
  let published = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastPublished = 0;
  let refresh: NodeJS.Timeout | undefined;
  let watchers = 0;
  const wake = new Set<() => void>();

  function schedule() {
    if (watchers === 0 || timer) return;
    timer = setTimeout(() => void publish(), Math.max(0, lastPublished + COALESCE_MS - Date.now()));
  }

  async function publish() {
    const version = changed;
    let value: QueueSnapshot | Error;
    try {
      value = await build();
    } catch (error) {
      value = error instanceof Error ? error : new Error(String(error));
    }
    // Changes that came in while building are in this snapshot or schedule the next one.
    timer = undefined;
    lastPublished = Date.now();
    latest = { value, version, at: Date.now() };
    published++;
    for (const w of [...wake]) w();
    if (changed !== version) schedule();
  }

  ctx.changes.on('change', () => {
    changed++;
    schedule();
  });

  function unwrap(v: QueueSnapshot | Error): QueueSnapshot {
    if (v instanceof Error) throw v;
    return v;
  }

  // Readers asking at the same time share one build, begun after the last change they can have
  // seen: 150 consoles polling cost one build per change, not one each (bench/clients.bench.ts).
  let inflight: { version: number; promise: Promise<QueueSnapshot> } | undefined;

  function current(): Promise<QueueSnapshot> {
    if (inflight && inflight.version === changed) return inflight.promise;
    const mine = { version: changed, promise: build() };
    inflight = mine;
    const done = () => {
      if (inflight === mine) inflight = undefined;
    };
    void mine.promise.then(done, done);
    return mine.promise;
  }

  return {
    /**
     * The snapshot as of now (the RPC `queue.snapshot`, the CLI, printing): the one being built
     * when nothing has changed since it began, else a new one.
     */
    snapshot: current,

    /** The shared snapshot now, then one per coalesced change, and every REFRESH_MS. */
    async *watch(signal?: AbortSignal): AsyncGenerator<QueueSnapshot> {
      watchers++;
      refresh ??= setInterval(() => ctx.changes.emit('change'), REFRESH_MS);
      let seen = published;
      try {
        const reusable = latest && latest.version === changed && !(latest.value instanceof Error) && Date.now() - latest.at < 1000;
        yield reusable ? unwrap(latest!.value) : await build();
        while (!signal?.aborted) {
          if (published === seen) {
            await new Promise<void>((resolve) => {
              const done = () => {
                wake.delete(done);
                signal?.removeEventListener('abort', done);
                resolve();
              };
              wake.add(done);
              signal?.addEventListener('abort', done, { once: true });
            });
            continue;
          }
          seen = published;
          yield unwrap(latest!.value);
        }
      } finally {
        if (--watchers === 0) {
          clearInterval(refresh);
          refresh = undefined;
        }
      }
    },
  };
}
