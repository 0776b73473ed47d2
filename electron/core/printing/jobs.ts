import { EventEmitter } from 'node:events';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database, PrintJobsTable } from '../db/schema';
import type { TicketPrintData } from '../../../shared/print/layout';
import type { PrintKind } from '../../../shared/print/model';
import type { Logger } from '../logging/logger';
import type { PrinterState } from './status';
import { backoffSeconds } from '../backoff';

/**
 * The print queue: a job is written before the printer is touched, then a single worker
 * prints due jobs one at a time, oldest first. A failure the printer can recover from (off,
 * unreachable, paper out, cover open) puts the job back with a back-off delay; after
 * `maxAttempts` it is 打印失败 and stays listed until someone prints it again or dismisses it.
 * A job found 'printing' at start (core stopped mid-print) is queued again: a receipt printed
 * twice is better than one never printed.
 */
export type JobSource = { type: 'document'; documentId: number } | { type: 'ticket'; ticket: TicketPrintData } | { type: 'test' };

export type JobRow = Selectable<PrintJobsTable>;
export type JobStatus = 'queued' | 'printing' | 'done' | 'failed' | 'dismissed';

export type AttemptOutcome =
  | { ok: true; state: PrinterState; printer: string }
  | { ok: false; retry: boolean; state: PrinterState | null; message: string; printer: string | null };

export interface PrintQueueDeps {
  db: Kysely<Database>;
  /** This station's id: the worker prints only its own jobs (hall mode shares the table). */
  station: string;
  now: () => number;
  logger: Logger;
  retry: () => { maxAttempts: number; retryBaseSeconds: number; retryMaxSeconds: number };
  attempt: (job: JobRow) => Promise<AttemptOutcome>;
}

export interface NewJob {
  kind: PrintKind;
  title: string;
  source: JobSource;
  caseNo?: string | null;
  documentId?: number | null;
  createdBy: string;
  counter?: number | null;
  reprintOf?: number | null;
}

/** Another write of the same action, inside its transaction. */
type Alongside<T> = (trx: Kysely<Database>, subject: T) => Promise<void>;

export function createPrintQueue(deps: PrintQueueDeps) {
  const { db, logger } = deps;
  /** This station's jobs, and jobs from before stations were recorded. */
  const own = (eb: ExpressionBuilder<Database, 'print_jobs'>) => eb.or([eb('station', '=', deps.station), eb('station', 'is', null)]);
  const iso = (ms = deps.now()) => new Date(ms).toISOString();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  let timer: NodeJS.Timeout | null = null;
  let draining: Promise<void> | null = null;
  let again = false;
  let running = false;

  async function next(): Promise<JobRow | undefined> {
    return db.selectFrom('print_jobs').selectAll().where(own).where('status', '=', 'queued').where('next_attempt_at', '<=', iso()).orderBy('id').limit(1).executeTakeFirst();
  }

  async function runOne(job: JobRow): Promise<void> {
    // Claim it: another drain (another host on the same database) may have taken it.
    const claimed = await db.updateTable('print_jobs').set({ status: 'printing', updated_at: iso() }).where('id', '=', job.id).where('status', '=', 'queued').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    let outcome: AttemptOutcome;
    try {
      outcome = await deps.attempt(job);
    } catch (error) {
      logger.error({ err: error, job: job.id }, 'print attempt failed unexpectedly');
      outcome = { ok: false, retry: true, state: null, message: '打印失败：系统内部错误，将自动重试', printer: null };
    }
    const attempts = job.attempts + 1;
    if (outcome.ok) {
      await db.updateTable('print_jobs').set({ status: 'done', attempts, printer_state: outcome.state, printer: outcome.printer, last_error: null, printed_at: iso(), updated_at: iso() }).where('id', '=', job.id).execute();
    } else {
      const r = deps.retry();
      const giveUp = !outcome.retry || attempts >= r.maxAttempts;
      const delay = backoffSeconds(attempts, r.retryBaseSeconds, r.retryMaxSeconds);
      await db
        .updateTable('print_jobs')
        .set({ status: giveUp ? 'failed' : 'queued', attempts, printer_state: outcome.state, printer: outcome.printer, last_error: outcome.message, next_attempt_at: iso(deps.now() + delay * 1000), updated_at: iso() })
        .where('id', '=', job.id)
        .execute();
      logger.warn({ job: job.id, attempts, state: outcome.state, giveUp }, 'print job not printed');
    }
    events.emit('job', job.id);
  }

  async function drain(): Promise<void> {
    for (let job = await next(); job && running; job = await next()) await runOne(job);
  }

  /** Runs the worker now (or once more after the current pass), then sleeps until the next due job. */
  function kick(): void {
    if (!running) return;
    if (draining) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    draining = drain()
      .catch((error: unknown) => logger.error({ err: error }, 'print queue pass failed'))
      .finally(() => {
        draining = null;
        if (again) {
          again = false;
          kick();
        } else void schedule();
      });
  }

  async function schedule(): Promise<void> {
    if (!running) return;
    const due = await db.selectFrom('print_jobs').select('next_attempt_at').where(own).where('status', '=', 'queued').orderBy('next_attempt_at').limit(1).executeTakeFirst().catch(() => undefined);
    if (!due || !running || draining) return;
    const wait = Math.min(60_000, Math.max(50, Date.parse(due.next_attempt_at) - deps.now()));
    if (timer) clearTimeout(timer);
    timer = setTimeout(kick, wait);
    timer.unref?.();
  }

  async function get(id: number): Promise<JobRow | undefined> {
    return db.selectFrom('print_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  return {
    station: deps.station,
    async start(): Promise<void> {
      if (running) return;
      running = true;
      // Only this station's: another counter's core may be printing its own job right now.
      await db.updateTable('print_jobs').set({ status: 'queued', updated_at: iso() }).where('station', '=', deps.station).where('status', '=', 'printing').execute();
      kick();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await draining;
    },
    kick,
    get,

    /** `alongside` runs in the same transaction (the audit entry: one commit per action). */
    async enqueue(job: NewJob, alongside?: Alongside<JobRow>): Promise<JobRow> {
      const at = iso();
      const row = await db.transaction().execute(async (trx) => {
        const made = await trx
          .insertInto('print_jobs')
          .values({
            kind: job.kind,
            title: job.title,
            source: JSON.stringify(job.source),
            case_no: job.caseNo ?? null,
            document_id: job.documentId ?? null,
            status: 'queued',
            next_attempt_at: at,
            created_by: job.createdBy,
            counter: job.counter ?? null,
            reprint_of: job.reprintOf ?? null,
            station: deps.station,
            created_at: at,
            updated_at: at,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await alongside?.(trx, made);
        return made;
      });
      kick();
      return row;
    },

    /**
     * The job once its next attempt is over (or as it is after `ms`). `attemptsBefore`: a retried
     * job already has attempts; it has settled only when one more is recorded (on a PostgreSQL
     * pool the caller may look before the queue has even claimed it).
     */
    async settled(id: number, ms: number, attemptsBefore = 0): Promise<JobRow | undefined> {
      const deadline = Date.now() + ms;
      for (;;) {
        const row = await get(id);
        if (!row || (row.status !== 'printing' && (row.status !== 'queued' || row.attempts > attemptsBefore))) return row;
        const left = deadline - Date.now();
        if (left <= 0) return row;
        await new Promise<void>((resolve) => {
          const t = setTimeout(done, Math.min(left, 250));
          function done() {
            clearTimeout(t);
            events.off('job', done);
            resolve();
          }
          events.on('job', done);
        });
      }
    },

    /** Queued now instead of at its back-off time (重试). */
    async retryNow(id: number, alongside?: Alongside<number>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('print_jobs').set({ status: 'queued', next_attempt_at: iso(), updated_at: iso() }).where('id', '=', id).where(own).where('status', 'in', ['queued', 'failed']).execute();
        await alongside?.(trx, id);
      });
      kick();
    },

    async setStatus(id: number, status: JobStatus, alongside?: Alongside<number>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('print_jobs').set({ status, updated_at: iso() }).where('id', '=', id).execute();
        await alongside?.(trx, id);
      });
      events.emit('job', id);
    },

    async list(filter: { limit: number; caseNo?: string; status?: JobStatus }): Promise<JobRow[]> {
      let q = db.selectFrom('print_jobs').selectAll().where(own).orderBy('id', 'desc').limit(filter.limit);
      if (filter.caseNo) q = q.where('case_no', '=', filter.caseNo);
      if (filter.status) q = q.where('status', '=', filter.status);
      return q.execute();
    },

    /** Jobs waiting (queued, printing) and jobs that need someone (failed). */
    async counts(): Promise<{ waiting: number; failed: number }> {
      const rows = await db.selectFrom('print_jobs').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).where(own).where('status', 'in', ['queued', 'printing', 'failed']).groupBy('status').execute();
      const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
      return { waiting: n('queued') + n('printing'), failed: n('failed') };
    },
  };
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;
