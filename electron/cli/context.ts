import type { Core } from '../core/core';
import { resolveDataDir } from '../core/paths';

/** A command's failure with a message for the operator; exits 1. */
export class CliFailure extends Error {}

/** Opens core for one command and always closes it, so the WAL is checkpointed on exit. */
export async function withCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  // Loaded on first use: the whole of core (every service and its libraries) is most of the
  // CLI's start-up time, and commands such as `status` or `id` do without it.
  const { openCoreHost } = await import('../core/profiles');
  // The CLI works on the active profile (training when the app is in training mode).
  const cores = await openCoreHost({ dataDir: resolveDataDir(), runtime: 'cli' });
  try {
    return await fn(cores.current());
  } finally {
    await cores.close();
  }
}

/** JSON for scripts (--json), plain lines for people. */
export function print(json: boolean, value: unknown, human: string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}
