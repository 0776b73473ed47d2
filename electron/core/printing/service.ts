import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SettingsStore } from '../settings/store';
import type { Actor, AuditLog } from '../auth/audit';
import type { Logger } from '../logging/logger';
import type { CaseService } from '../cases/service';
import type { QueueService } from '../queue/service';
import { ticketRow } from '../queue/facts';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { Settings } from '../../../shared/settings/schema';
import type { PrintJob, PrinterStatus, ReceiptPreview } from '../../../shared/contract/printing';
import type { PrintKind, Printable } from '../../../shared/print/model';
import { layoutPrintable, printableDocument, printableTestPage, printableTicket, type TicketPrintData } from '../../../shared/print/layout';
import type { PaperWidth } from '../../../shared/print/width';
import { encodeLayout } from './escpos';
import { renderPaperSvg, paperText } from './paper';
import { PrinterSimulator } from './simulator';
import { PRINTER_STATE_TEXT, type PrinterState } from './status';
import { templateLoader, resolveTemplatesDir } from './templates';
import { PrintFailure, parseTcpAddress, queryStatus, sendToPrinter, type PrinterTarget } from './transport';
import { createPrintQueue, type JobRow, type JobSource } from './jobs';
import { printingMessages } from '../../../shared/messages/zh-CN';

export type PrinterSettings = Settings['printer'];

/** The printer the settings describe; an unusable address is a Chinese error for the clerk. */
export function printerTarget(cfg: PrinterSettings): PrinterTarget {
  switch (cfg.driver) {
    case 'tcp': {
      const addr = parseTcpAddress(cfg.address);
      if (!addr) throw new AppError('BAD_REQUEST', `printer address "${cfg.address}" is not host:port`, printingMessages.addressInvalid);
      return { driver: 'tcp', ...addr };
    }
    case 'serial':
      if (!cfg.address) throw new AppError('BAD_REQUEST', 'serial printer without a port', printingMessages.serialPortMissing);
      return { driver: 'serial', path: cfg.address, baudRate: cfg.baudRate };
    case 'system':
      return { driver: 'system', name: cfg.address };
    default:
      return { driver: cfg.driver };
  }
}

export function describePrinter(cfg: PrinterSettings): string {
  return cfg.driver === 'simulator' || cfg.driver === 'none' ? cfg.driver : `${cfg.driver} ${cfg.address}`;
}

const DRIVER_NAMES: Record<PrinterSettings['driver'], string> = { simulator: '模拟打印机', tcp: '网络打印机', serial: '串口打印机', system: '系统打印机', none: '未启用' };

/** The printer as the test page names it: 网络打印机 tcp://… · 80毫米 · GB18030. */
function printerLabel(cfg: PrinterSettings): string {
  return `${DRIVER_NAMES[cfg.driver]}${cfg.address && cfg.driver !== 'simulator' ? ` ${cfg.address}` : ''} · ${cfg.width}毫米 · ${cfg.encoding.toUpperCase()}`;
}

export interface PrintingServiceDeps {
  db: Kysely<Database>;
  settings: SettingsStore;
  cases: Pick<CaseService, 'document'>;
  queue: Pick<QueueService, 'snapshot'>;
  audit: AuditLog;
  logger: Logger;
  now: () => number;
  /** The data folder: holds this station's id (station.id), which its print jobs carry. */
  dataDir: string;
  templatesDir?: string;
}

/**
 * The station's id, kept in its data folder: in hall mode many cores share one database, but
 * each data folder is one counter (or kiosk) with its own printer.
 */
export function stationId(dataDir: string): string {
  const file = path.join(dataDir, 'station.id');
  try {
    const id = fs.readFileSync(file, 'utf8').trim();
    if (id) return id;
  } catch {
    // first use: made below
  }
  const id = crypto.randomUUID();
  fs.writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}

function toJob(row: JobRow): PrintJob {
  return {
    id: row.id,
    kind: row.kind as PrintJob['kind'],
    title: row.title,
    caseNo: row.case_no,
    documentId: row.document_id,
    status: row.status as PrintJob['status'],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    printerState: row.printer_state as PrintJob['printerState'],
    error: row.last_error,
    printer: row.printer,
    reprintOf: row.reprint_of,
    createdBy: row.created_by,
    createdAt: row.created_at,
    printedAt: row.printed_at,
  };
}

/** How long a print call waits for its first attempt before answering 已加入打印队列. */
const SETTLE_MS = 8000;

/**
 * 小票打印 in core: builds receipts from the templates, keeps the job queue, talks to the
 * configured printer, and owns the in-process simulator (the `simulator` driver).
 */
export function createPrintingService(deps: PrintingServiceDeps) {
  const { db, settings, audit, logger } = deps;
  const simulator = new PrinterSimulator('gb18030');
  const templates = templateLoader(resolveTemplatesDir(deps.templatesDir));
  const cfg = () => settings.get().printer;
  const iso = () => new Date(deps.now()).toISOString();
  let cachedStatus: { at: number; key: string; state: PrinterState } | null = null;

  async function printableOf(source: JobSource): Promise<Printable> {
    switch (source.type) {
      case 'document':
        return printableDocument(await deps.cases.document(source.documentId), iso());
      case 'ticket':
        return printableTicket(source.ticket);
      case 'test':
        return printableTestPage(settings.get().hall.name, printerLabel(cfg()), iso());
    }
  }

  async function layoutOf(source: JobSource, width: PaperWidth) {
    const printable = await printableOf(source);
    return layoutPrintable(templates(printable.kind), printable, width);
  }

  async function attempt(job: JobRow) {
    const c = cfg();
    const printer = describePrinter(c);
    let target: PrinterTarget;
    try {
      target = printerTarget(c);
    } catch (e) {
      return { ok: false as const, retry: true, state: null, message: e instanceof AppError ? (e.userText ?? e.message) : String(e), printer };
    }
    let bytes: Buffer;
    try {
      const layout = await layoutOf(JSON.parse(job.source) as JobSource, c.width);
      bytes = await encodeLayout(layout, c);
    } catch (e) {
      // The document is gone or a template is broken: retrying will not help.
      logger.error({ err: e, job: job.id }, 'print job could not be built');
      return { ok: false as const, retry: false, state: null, message: e instanceof AppError ? (e.userText ?? e.message) : '小票内容无法生成，请联系系统管理员', printer };
    }
    try {
      const state = await sendToPrinter(target, bytes, { statusTimeoutMs: c.statusTimeoutMs, simulator });
      cachedStatus = { at: Date.now(), key: printer, state };
      return { ok: true as const, state, printer };
    } catch (e) {
      if (!(e instanceof PrintFailure)) throw e;
      cachedStatus = { at: Date.now(), key: printer, state: e.state };
      logger.warn({ job: job.id, printer, detail: e.message }, 'printer refused or unreachable');
      return { ok: false as const, retry: e.state !== 'off', state: e.state, message: PRINTER_STATE_TEXT[e.state], printer };
    }
  }

  const queue = createPrintQueue({ db, station: stationId(deps.dataDir), now: deps.now, logger, retry: () => cfg(), attempt });

  async function submit(actor: Actor, job: { kind: PrintKind; title: string; source: JobSource; caseNo?: string | null; documentId?: number | null; reprintOf?: number | null }): Promise<PrintJob> {
    const row = await queue.enqueue({ ...job, createdBy: actor.displayName ?? actor.name, counter: actor.counter ?? null }, async (trx, made) => {
      await keepRequest(trx);
      await audit.record(actor, job.reprintOf ? 'print.reprint' : 'print.job', `print_job:${made.id}`, { kind: job.kind, caseNo: job.caseNo ?? null, reprintOf: job.reprintOf ?? null }, trx);
    });
    return toJob((await queue.settled(row.id, SETTLE_MS)) ?? row);
  }

  async function ticketData(ticketId: string): Promise<TicketPrintData> {
    const row = await ticketRow(db, ticketId);
    if (!row) throw new AppError('NOT_FOUND', `ticket ${ticketId} not found`, printingMessages.ticketNotFound);
    // Ahead and wait as the kiosk screen shows them: the line in calling order (policy applied).
    const snap = await deps.queue.snapshot();
    const line = snap.waiting.filter((t) => t.categoryId === row.category_id);
    const ahead = Math.max(0, line.findIndex((t) => t.id === row.id));
    const category = snap.categories.find((c) => c.id === row.category_id);
    const perPerson = category && category.waiting > 0 ? category.estimatedWaitMinutes / category.waiting : 0;
    const s = settings.get();
    return {
      hallName: s.hall.name,
      label: row.label,
      categoryName: category?.name ?? row.category_id,
      priorityKind: row.priority_kind,
      ahead,
      estimatedWaitMinutes: Math.round(ahead * perPerson),
      takenAt: row.taken_at,
      notice: s.queue.notice,
    };
  }

  return {
    simulator,
    start: () => queue.start(),
    stop: () => queue.stop(),

    async status(): Promise<PrinterStatus> {
      const c = cfg();
      const key = describePrinter(c);
      let state: PrinterState;
      if (cachedStatus && cachedStatus.key === key && Date.now() - cachedStatus.at < 5000) state = cachedStatus.state;
      else {
        try {
          state = await queryStatus(printerTarget(c), { statusTimeoutMs: c.statusTimeoutMs, simulator });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          state = 'unreachable';
        }
        cachedStatus = { at: Date.now(), key, state };
      }
      const counts = await queue.counts();
      return { driver: c.driver, address: c.driver === 'simulator' ? '' : c.address, width: c.width, state, message: PRINTER_STATE_TEXT[state], ...counts, checkedAt: iso() };
    },

    async preview(what: { documentId: number } | { ticketId: string } | { test: true }, width?: PaperWidth): Promise<ReceiptPreview> {
      const source: JobSource = 'documentId' in what ? { type: 'document', documentId: what.documentId } : 'ticketId' in what ? { type: 'ticket', ticket: await ticketData(what.ticketId) } : { type: 'test' };
      const layout = await layoutOf(source, width ?? cfg().width);
      return { width: layout.width, cols: layout.cols, svg: renderPaperSvg(layout.lines, layout.width), lines: paperText(layout.lines) };
    },

    async printDocument(actor: Actor, documentId: number): Promise<PrintJob> {
      const doc = await deps.cases.document(documentId);
      return submit(actor, { kind: doc.kind, title: doc.title, source: { type: 'document', documentId }, caseNo: doc.caseNo, documentId });
    },

    async printTicket(actor: Actor, ticketId: string): Promise<PrintJob> {
      const ticket = await ticketData(ticketId);
      return submit(actor, { kind: 'queueTicket', title: `排队号票 ${ticket.label}`, source: { type: 'ticket', ticket } });
    },

    testPrint: (actor: Actor) => submit(actor, { kind: 'testPage', title: '打印测试页', source: { type: 'test' } }),

    async jobs(filter: { limit: number; caseNo?: string; status?: PrintJob['status'] }): Promise<PrintJob[]> {
      return (await queue.list(filter)).map(toJob);
    },

    async reprint(actor: Actor, jobId: number): Promise<PrintJob> {
      const row = await queue.get(jobId);
      if (!row) throw new AppError('NOT_FOUND', `print job ${jobId} not found`, printingMessages.jobNotFound);
      const here = row.station === null || row.station === queue.station;
      if (here && (row.status === 'queued' || row.status === 'failed')) {
        await queue.retryNow(jobId, async (trx) => {
          await keepRequest(trx);
          await audit.record(actor, 'print.retry', `print_job:${jobId}`, { kind: row.kind, caseNo: row.case_no }, trx);
        });
        return toJob((await queue.settled(jobId, SETTLE_MS, row.attempts)) ?? row);
      }
      if (here && row.status === 'printing') throw new AppError('CONFLICT', `print job ${jobId} is printing`, printingMessages.jobPrinting);
      return submit(actor, { kind: row.kind as PrintKind, title: row.title, source: JSON.parse(row.source) as JobSource, caseNo: row.case_no, documentId: row.document_id, reprintOf: row.id });
    },

    async dismiss(actor: Actor, jobId: number): Promise<PrintJob> {
      const row = await queue.get(jobId);
      if (!row) throw new AppError('NOT_FOUND', `print job ${jobId} not found`, printingMessages.jobNotFound);
      if (row.status !== 'queued' && row.status !== 'failed') throw new AppError('CONFLICT', `print job ${jobId} is ${row.status}`, printingMessages.jobNotCancellable);
      await queue.setStatus(jobId, 'dismissed', (trx) => audit.record(actor, 'print.dismiss', `print_job:${jobId}`, { kind: row.kind, caseNo: row.case_no, error: row.last_error }, trx));
      return toJob((await queue.get(jobId))!);
    },

    simulatorLast() {
      const job = simulator.last();
      if (!job) return null;
      return { seq: job.seq, at: job.at, bytes: job.bytes.length, svg: simulator.svg(job, cfg().width), lines: job.lines, warnings: job.decoded.warnings };
    },

    setSimulatorCondition(change: { paperOut?: boolean; coverOpen?: boolean; offline?: boolean }) {
      simulator.condition = { ...simulator.condition, ...change };
      cachedStatus = null;
      const { paperOut, coverOpen, offline } = simulator.condition;
      if (!paperOut && !coverOpen && !offline) queue.kick();
      return { paperOut, coverOpen, offline };
    },
  };
}

export type PrintingService = ReturnType<typeof createPrintingService>;
