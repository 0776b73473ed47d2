import { z } from 'zod';
import { PRINT_KINDS } from '../print/model';
import { userProc } from './base';

/**
 * 小票打印: print jobs (queued in core, retried, never lost silently), the receipt as it will
 * print (SVG preview from the same layout as the bytes), the printer's state, and the
 * in-process simulator's last printed receipt.
 */
export const PRINTER_STATES = ['ready', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'error', 'unknown', 'unreachable', 'off'] as const;
export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'dismissed'] as const;

export const printerStatusSchema = z.object({
  driver: z.string(),
  /** tcp://…, a serial path, a queue name; empty for the simulator */
  address: z.string(),
  width: z.union([z.literal(58), z.literal(80)]),
  state: z.enum(PRINTER_STATES),
  /** Chinese, for the header and the settings screen */
  message: z.string(),
  /** Jobs queued or printing, and jobs that failed and wait for someone. */
  waiting: z.int(),
  failed: z.int(),
  checkedAt: z.string(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const printJobSchema = z.object({
  id: z.int(),
  kind: z.enum(PRINT_KINDS),
  title: z.string(),
  caseNo: z.string().nullable(),
  documentId: z.int().nullable(),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.int(),
  nextAttemptAt: z.string(),
  printerState: z.enum(PRINTER_STATES).nullable(),
  /** Chinese: why it did not print (yet). */
  error: z.string().nullable(),
  printer: z.string().nullable(),
  reprintOf: z.int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  printedAt: z.string().nullable(),
});
export type PrintJob = z.infer<typeof printJobSchema>;

export const receiptPreviewSchema = z.object({
  width: z.union([z.literal(58), z.literal(80)]),
  cols: z.int(),
  /** The receipt drawn at one unit per printer dot. */
  svg: z.string(),
  /** Its text, one string per printed line. */
  lines: z.array(z.string()),
});
export type ReceiptPreview = z.infer<typeof receiptPreviewSchema>;

export const simulatedPrintSchema = z.object({
  seq: z.int(),
  at: z.string(),
  bytes: z.int(),
  svg: z.string(),
  lines: z.array(z.string()),
  warnings: z.array(z.string()),
});

const what = z.union([z.object({ documentId: z.int() }), z.object({ ticketId: z.string().min(1).max(100) }), z.object({ test: z.literal(true) })]);
const width = z.union([z.literal(58), z.literal(80)]).optional();
const staff = userProc(['clerk', 'supervisor', 'admin']);
const jobRef = z.object({ jobId: z.int() });

export const printingContract = {
  status: userProc(undefined, ['kiosk']).output(printerStatusSchema),
  /** The receipt as the configured printer (or `width`) will print it. */
  preview: userProc(['clerk', 'supervisor', 'admin', 'queueManager']).input(z.object({ what, width })).output(receiptPreviewSchema),
  /** Queues a case document and waits briefly for the first attempt: the job says whether it printed. */
  printDocument: staff.input(z.object({ documentId: z.int() })).output(printJobSchema),
  printTicket: userProc(['clerk', 'queueManager', 'admin'], ['kiosk']).input(z.object({ ticketId: z.string().min(1).max(100) })).output(printJobSchema),
  testPrint: userProc(['admin']).output(printJobSchema),
  jobs: staff.input(z.object({ limit: z.int().min(1).max(500).default(100), caseNo: z.string().max(21).optional(), status: z.enum(PRINT_JOB_STATUSES).optional() }).prefault({})).output(z.array(printJobSchema)),
  /** 重新打印: a queued or failed job is tried again now; a printed one is printed once more as a new job. */
  reprint: staff.input(jobRef).output(printJobSchema),
  /** 不再打印: takes a failed or queued job off the list (recorded in the audit log). */
  dismiss: staff.input(jobRef).output(printJobSchema),
  simulator: {
    /** The last receipt the in-process simulator printed, decoded from its bytes. */
    last: userProc().output(simulatedPrintSchema.nullable()),
    /** Training / tests: make the simulated printer run out of paper, open its cover, go offline. */
    setCondition: userProc(['admin']).input(z.object({ paperOut: z.boolean().optional(), coverOpen: z.boolean().optional(), offline: z.boolean().optional() })).output(z.object({ paperOut: z.boolean(), coverOpen: z.boolean(), offline: z.boolean() })),
  },
};
