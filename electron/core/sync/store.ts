import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema';

/** Outbox item states: pending and unknown are waiting; acked is done; the others need a person. */
export type OutboxStatus = 'pending' | 'unknown' | 'acked' | 'rejected' | 'needs_attention';

export interface OutboxItem {
  id: number;
  msgId: string;
  caseNo: string;
  caseStatus: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  upstreamRef: string | null;
  createdAt: string;
  updatedAt: string;
  ackedAt: string | null;
}

type Row = Selectable<Database['sync_outbox']>;

export function toItem(r: Row): OutboxItem {
  return {
    id: r.id,
    msgId: r.msg_id,
    caseNo: r.case_no,
    caseStatus: r.case_status,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    upstreamRef: r.upstream_ref,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ackedAt: r.acked_at,
  };
}

type OutboxSets = Partial<{ status: OutboxStatus; attempts: number; next_attempt_at: string; last_error: string | null; upstream_ref: string | null; acked_at: string | null; updated_at: string }>;
type AttemptRow = Insertable<Database['sync_attempts']>;

/**
 * What one round of the worker changes locally, gathered while its requests are in flight and
 * written in one transaction at the end of the round (one commit, not three per item). A crash
 * before that commit leaves the round's items as they were: they are sent again under the same
 * message ids, which the upstream answers as duplicates.
 */
export class RoundWrites {
  readonly attempts: AttemptRow[] = [];
  readonly updates = new Map<number, OutboxSets>();
  readonly uploads = new Map<string, { outboxId: number; sha256: string; uploaded: number; done: boolean }>();
  readonly state = new Map<string, string>();

  record(outboxId: number, at: string, step: string, outcome: string, httpStatus: number | null, detail: string | null, durationMs: number) {
    this.attempts.push({ outbox_id: outboxId, at, step, outcome, http_status: httpStatus, detail: detail?.slice(0, 500) ?? null, duration_ms: durationMs });
  }
  update(id: number, sets: OutboxSets) {
    this.updates.set(id, { ...this.updates.get(id), ...sets });
  }
  attachmentProgress(outboxId: number, sha256: string, uploaded: number, done: boolean) {
    this.uploads.set(`${outboxId}:${sha256}`, { outboxId, sha256, uploaded, done });
  }
  setState(key: string, value: string) {
    this.state.set(key, value);
  }
  get empty(): boolean {
    return this.attempts.length + this.updates.size + this.uploads.size + this.state.size === 0;
  }
}

/** Rows per multi-row insert (and ids per IN list): well under every dialect's limit on bound parameters. */
const INSERT_ROWS = 200;

/**
 * A round's item updates, grouped by the columns they set (all of a round's acks set the same
 * ones), in groups small enough for one statement each.
 */
function updateGroups(updates: ReadonlyMap<number, OutboxSets>): [number, OutboxSets][][] {
  const byColumns = new Map<string, [number, OutboxSets][]>();
  for (const [id, sets] of updates) {
    const key = Object.keys(sets).sort().join();
    const group = byColumns.get(key);
    if (group) group.push([id, sets]);
    else byColumns.set(key, [[id, sets]]);
  }
  const out: [number, OutboxSets][][] = [];
  for (const group of byColumns.values()) for (let i = 0; i < group.length; i += INSERT_ROWS) out.push(group.slice(i, i + INSERT_ROWS));
  return out;
}

/**
 * Items that set the same columns, in one UPDATE joined to a VALUES list: one statement per
 * round instead of one per item (on PostgreSQL one round trip instead of fifty). The casts give
 * PostgreSQL the types its untyped parameters lack; SQLite (3.33+) reads them the same way.
 */
async function updateOutboxRows(db: Kysely<Database>, rows: readonly [number, OutboxSets][]): Promise<void> {
  const columns = Object.keys(rows[0]![1]).sort() as (keyof OutboxSets)[];
  if (!columns.length) return;
  const value = (column: keyof OutboxSets, v: unknown) => (column === 'attempts' ? sql`CAST(${v} AS INTEGER)` : sql`CAST(${v} AS TEXT)`);
  const values = rows.map(([id, sets]) => sql`(${sql.join([sql`CAST(${id} AS INTEGER)`, ...columns.map((c) => value(c, sets[c]))])})`);
  const names = sql.join(['id', ...columns].map((c) => sql.ref(c)));
  const assignments = sql.join(columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  await sql`WITH v (${names}) AS (VALUES ${sql.join(values)}) UPDATE sync_outbox SET ${assignments} FROM v WHERE sync_outbox.id = v.id`.execute(db);
}

/** Reads and small writes of the outbox tables; the worker decides, this stores. */
export function createSyncStore(db: Kysely<Database>) {
  return {
    /** A round's writes, in one transaction. */
    async commitRound(writes: RoundWrites): Promise<void> {
      if (writes.empty) return;
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < writes.attempts.length; i += INSERT_ROWS) await trx.insertInto('sync_attempts').values(writes.attempts.slice(i, i + INSERT_ROWS)).execute();
        for (const rows of updateGroups(writes.updates)) await updateOutboxRows(trx, rows);
        for (const u of writes.uploads.values()) await trx.updateTable('sync_attachments').set({ uploaded: u.uploaded, done: u.done ? 1 : 0 }).where('outbox_id', '=', u.outboxId).where('sha256', '=', u.sha256).execute();
        for (const [key, value] of writes.state) await sql`INSERT INTO sync_state (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(trx);
      });
    },
    /**
     * Up to `limit` items due now, oldest first, leaving out `except` (items of rounds in
     * progress). One query per waiting status walks the (status, next_attempt_at) index in
     * order and stops after `limit` ids; `status IN (pending, unknown)` made SQLite sort every
     * due row, payload and all, on each round — with a 10 000-item backlog, most of a round's
     * local time. The rows themselves are read by id.
     */
    async due(nowIso: string, limit: number, except: readonly number[] = []) {
      const heads: { id: number; next_attempt_at: string }[] = [];
      for (const status of ['pending', 'unknown'] as const) {
        let q = db.selectFrom('sync_outbox').select(['id', 'next_attempt_at']).where('status', '=', status).where('next_attempt_at', '<=', nowIso);
        if (except.length) q = q.where('id', 'not in', except);
        heads.push(...(await q.orderBy('next_attempt_at').orderBy('id').limit(limit).execute()));
      }
      heads.sort((a, b) => (a.next_attempt_at < b.next_attempt_at ? -1 : a.next_attempt_at > b.next_attempt_at ? 1 : a.id - b.id));
      const ids = heads.slice(0, limit).map((h) => h.id);
      if (!ids.length) return [];
      const rows = new Map((await db.selectFrom('sync_outbox').selectAll().where('id', 'in', ids).execute()).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id)).filter((r): r is Row => r !== undefined);
    },
    async nextDueAt(): Promise<string | null> {
      const r = await db.selectFrom('sync_outbox').select((e) => e.fn.min('next_attempt_at').as('at')).where('status', 'in', ['pending', 'unknown']).executeTakeFirst();
      return (r?.at as string | null | undefined) ?? null;
    },
    async counts(): Promise<Record<OutboxStatus, number>> {
      const rows = await db.selectFrom('sync_outbox').select(['status', (e) => e.fn.countAll<number>().as('n')]).groupBy('status').execute();
      const out: Record<OutboxStatus, number> = { pending: 0, unknown: 0, acked: 0, rejected: 0, needs_attention: 0 };
      for (const r of rows) out[r.status as OutboxStatus] = Number(r.n);
      return out;
    },
    async list(filter: { statuses?: OutboxStatus[]; caseNo?: string; limit: number; offset: number }) {
      let q = db.selectFrom('sync_outbox');
      if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
      if (filter.caseNo) q = q.where('case_no', '=', filter.caseNo);
      const total = Number((await q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
      const rows = await q.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
      return { total, items: rows.map(toItem) };
    },
    async byIdOrCase(key: string | number) {
      const q = db.selectFrom('sync_outbox').selectAll();
      const row = typeof key === 'number' || /^\d{1,9}$/.test(key) ? await q.where('id', '=', Number(key)).executeTakeFirst() : await q.where((e) => e.or([e('case_no', '=', key), e('msg_id', '=', key)])).executeTakeFirst();
      return row;
    },
    async attempts(outboxId: number, limit = 50) {
      return db.selectFrom('sync_attempts').selectAll().where('outbox_id', '=', outboxId).orderBy('id', 'desc').limit(limit).execute();
    },
    async record(outboxId: number, at: string, step: string, outcome: string, httpStatus: number | null, detail: string | null, durationMs: number) {
      await db.insertInto('sync_attempts').values({ outbox_id: outboxId, at, step, outcome, http_status: httpStatus, detail: detail?.slice(0, 500) ?? null, duration_ms: durationMs }).execute();
    },
    async update(id: number, sets: OutboxSets) {
      await db.updateTable('sync_outbox').set(sets).where('id', '=', id).execute();
    },
    async pendingAttachments(outboxId: number) {
      return db.selectFrom('sync_attachments').selectAll().where('outbox_id', '=', outboxId).where('done', '=', 0).execute();
    },
    /** The attachments still to upload of several items at once (a round's), by item. */
    async pendingAttachmentsOf(outboxIds: readonly number[]) {
      const byItem = new Map<number, Selectable<Database['sync_attachments']>[]>();
      for (let i = 0; i < outboxIds.length; i += INSERT_ROWS) {
        const rows = await db.selectFrom('sync_attachments').selectAll().where('outbox_id', 'in', outboxIds.slice(i, i + INSERT_ROWS)).where('done', '=', 0).execute();
        for (const r of rows) byItem.set(r.outbox_id, [...(byItem.get(r.outbox_id) ?? []), r]);
      }
      return byItem;
    },
    async attachmentProgress(outboxId: number, sha256: string, uploaded: number, done: boolean) {
      await db.updateTable('sync_attachments').set({ uploaded, done: done ? 1 : 0 }).where('outbox_id', '=', outboxId).where('sha256', '=', sha256).execute();
    },
    async getState(key: string): Promise<string | null> {
      return (await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
    },
    async setState(key: string, value: string | null) {
      if (value === null) await db.deleteFrom('sync_state').where('key', '=', key).execute();
      else await sql`INSERT INTO sync_state (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db);
    },
  };
}

export type SyncStore = ReturnType<typeof createSyncStore>;
