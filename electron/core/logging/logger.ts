import pino, { type Logger } from 'pino';
import buildRollingFile from 'pino-roll';
import path from 'node:path';
import { scrubPersonalData } from './redact';

export type { Logger };

export interface LoggerOptions {
  logDir: string;
  level?: string;
  /** Also write to stderr (web host and Electron in development). */
  echo?: boolean;
  /** File name stem: `medins` (core) by default; the Electron main process writes `main`. */
  name?: string;
}

/**
 * Structured JSON logs, rolled daily and at 10 MB, 30 files kept, in <data>/logs. Personal data
 * is scrubbed before a line is written (see redact.ts), so nothing downstream has to remember.
 */
export async function createLogger(options: LoggerOptions): Promise<{ logger: Logger; close(): Promise<void> }> {
  const file = await buildRollingFile({
    file: path.join(options.logDir, options.name ?? 'medins'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: '10m',
    mkdir: true,
    limit: { count: 30 },
  });
  const streams: pino.StreamEntry[] = [{ stream: file }];
  if (options.echo) streams.push({ stream: process.stderr });
  const logger = pino(
    {
      level: options.level ?? process.env.MEDINS_LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => scrubPersonalData(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubPersonalData(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush();
        file.once('close', () => resolve());
        file.end();
      }),
  };
}

/** A logger that writes nowhere, for unit tests of services. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
