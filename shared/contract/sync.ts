import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { userProc } from './base';

/** Upstream sync (docs/upstream-protocol.md): outbox status, items, attempts, manual resend. */
export const SYNC_ITEM_STATUSES = ['pending', 'unknown', 'acked', 'rejected', 'needs_attention'] as const;

export const SYNC_ITEM_STATUS_LABELS: Record<(typeof SYNC_ITEM_STATUSES)[number], string> = {
  pending: '待上传',
  unknown: '待确认',
  acked: '已上传',
  rejected: '被退回',
  needs_attention: '需人工处理',
};

export const syncStatusSchema = z.object({
  enabled: z.boolean(),
  configured: z.boolean(),
  training: z.boolean(),
  running: z.boolean(),
  offline: z.boolean(),
  offlineSince: z.string().nullable(),
  offlineReason: z.string().nullable(),
  /** Waiting to go up (including the unknowns being confirmed). */
  pending: z.int(),
  unknown: z.int(),
  /** Rejected by the upstream, with its reason. */
  failed: z.int(),
  /** 需人工处理: retry cap reached or attachment missing. */
  needsAttention: z.int(),
  acked: z.int(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Of the current backlog: how many went up so far. */
  progress: z.object({ total: z.int(), done: z.int() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncItemSchema = z.object({
  id: z.int(),
  msgId: z.string(),
  caseNo: z.string(),
  caseStatus: z.string(),
  status: z.enum(SYNC_ITEM_STATUSES),
  attempts: z.int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  upstreamRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ackedAt: z.string().nullable(),
});
export type SyncItem = z.infer<typeof syncItemSchema>;

export const syncAttemptSchema = z.object({
  at: z.string(),
  step: z.string(),
  outcome: z.string(),
  httpStatus: z.int().nullable(),
  detail: z.string().nullable(),
  durationMs: z.int(),
});

const syncStaff = userProc(['supervisor', 'admin']);

export const syncContract = {
  status: userProc().output(syncStatusSchema),
  /** Status snapshots for the header indicator: now and on every change. */
  watch: userProc().output(eventIterator(syncStatusSchema)),
  list: syncStaff
    .input(z.object({ group: z.enum(['pending', 'failed', 'needsAttention', 'acked', 'all']).default('all'), caseNo: z.string().max(30).optional(), limit: z.int().min(1).max(200).default(50), offset: z.int().min(0).default(0) }))
    .output(z.object({ total: z.int(), items: z.array(syncItemSchema) })),
  attempts: syncStaff.input(z.object({ id: z.int() })).output(z.array(syncAttemptSchema)),
  /** 重新上传 under the same message id. */
  resend: syncStaff.input(z.object({ id: z.int() })).output(syncItemSchema),
  /** One round now (does nothing when sync is off). */
  runNow: syncStaff.output(z.object({ processed: z.int(), acked: z.int(), failed: z.int(), offline: z.boolean(), skipped: z.string().optional() })),
};
