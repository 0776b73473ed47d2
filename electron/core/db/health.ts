import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseHandle } from './handle';

export type DatabaseState = 'ok' | 'unavailable';

export interface DatabaseHealth {
  state(): DatabaseState;
  /** A connection broke (pool error): say so at once and look again now. */
  markLost(): void;
  stop(): void;
}

export interface DatabaseHealthOptions {
  logger: Pick<Logger, 'info' | 'warn'>;
  /** How often the hall database is asked `SELECT 1`. */
  intervalMs?: number;
  /** A probe slower than this counts as no answer (a cut network hangs rather than fails). */
  timeoutMs?: number;
}

/**
 * Whether the hall database answers, for the banner every counter shows (数据库连接中断，正在重试…).
 * One probe per core, shared by every screen through the clock stream, rather than a probe per
 * open screen. Embedded SQLite is a file on this PC: always reachable, nothing to watch.
 */
export function watchDatabase(handle: DatabaseHandle, options: DatabaseHealthOptions): DatabaseHealth {
  if (handle.dialect === 'sqlite') return { state: () => 'ok', markLost() {}, stop() {} };
  const intervalMs = options.intervalMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 3000;
  let current: DatabaseState = 'ok';
  let probing = false;
  let stopped = false;

  function set(next: DatabaseState, error?: unknown): void {
    if (next === current) return;
    current = next;
    if (next === 'unavailable') options.logger.warn({ err: error }, 'hall database unavailable; retrying');
    else options.logger.info('hall database reachable again');
  }

  async function probe(): Promise<void> {
    if (probing || stopped) return;
    probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([sql`SELECT 1`.execute(handle.db), timeout]);
      set('ok');
    } catch (error) {
      set('unavailable', error);
    } finally {
      clearTimeout(timer);
      probing = false;
    }
  }

  const timer = setInterval(() => void probe(), intervalMs);
  timer.unref();
  return {
    state: () => current,
    markLost() {
      set('unavailable');
      void probe();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
