// A hall's sync worker exchanging 线上预约 as fast as it can, for the crash test (tests/
// integration/booking-exchange-crash.test.ts): opens core on the data folder it is given (the
// upstream is configured there, its secret in MEDINS_UPSTREAM_SECRET), says 'ready', then runs
// one worker run after another. The parent kills it with SIGKILL at some point.
import { createCore } from '../../../electron/core/core';

export type LoopMessage = { kind: 'ready' } | { kind: 'run' } | { kind: 'failed'; error: string };

const [dataDir] = process.argv.slice(2);
const send = (m: LoopMessage) => process.send!(m);

async function main(): Promise<void> {
  const core = await createCore({ dataDir: dataDir!, runtime: 'test', logToFile: false });
  send({ kind: 'ready' });
  for (;;) {
    await core.services.sync.runOnce();
    send({ kind: 'run' });
  }
}

main().catch((error: unknown) => {
  send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
});
