import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SettingsStore } from '../settings/store';
import type { Logger } from '../logging/logger';
import type { AuditLog } from '../auth/audit';
import type { UpstreamClient } from './client';

/** What the sync worker (worker.ts) is made of and reports. */

/** Where the worker reads attachment bytes by content hash ([print-scan] provides the files). */
export interface AttachmentSource {
  read(sha256: string, offset: number, length: number): Promise<Buffer | null>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SyncDeps {
  db: Kysely<Database>;
  settings: SettingsStore;
  logger: Logger;
  audit: AuditLog;
  now: () => number;
  training: boolean;
  /** 0..1; tests pin the jitter. */
  random?: () => number;
  timers?: Timers;
  attachments?: AttachmentSource;
  /** The secret when settings.json has none (MEDINS_UPSTREAM_SECRET). */
  env?: NodeJS.ProcessEnv;
  /** Who holds the sync lease (tests name two hosts on one database). */
  leaseHolder?: string;
  /**
   * Other exchanges with the same upstream (预约: appointments/exchange.ts), run after the case
   * rounds of every run that reached the upstream, under the same lease, with the same client.
   */
  exchanges?: readonly UpstreamExchange[];
}

/** An exchange the worker runs for another module; it reports whether the upstream was reachable. */
export interface UpstreamExchange {
  run(ctx: ExchangeContext): Promise<{ offline: boolean }>;
}

/** What the worker lends an exchange for one run. */
export interface ExchangeContext {
  client: UpstreamClient;
  /** The worker's back-off (with jitter) for the n-th failed attempt. */
  backoffMs(n: number): number;
  retryCap: number;
}

export interface RunResult {
  /** other-host: another core of the hall holds the sync lease and drains the outbox. */
  skipped?: 'disabled' | 'training' | 'not-configured' | 'offline-wait' | 'busy' | 'other-host';
  processed: number;
  acked: number;
  failed: number;
  offline: boolean;
}
