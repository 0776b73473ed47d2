// One counter machine of a hall, as a child process (tests/integration/queue-counters.test.ts,
// bench/hall.bench.ts): opens its settings and the database they name (the hall's PostgreSQL
// schema), wires the queue service as core does, says 'ready', and on 'go' calls next (and
// finishes it) until nobody is waiting. Only the queue's part of core is opened: twenty full
// cores (catalog, documents, readers) would spend half a minute starting on a two-core CI box.
import path from 'node:path';
import { openSettingsStore } from '../../../electron/core/settings/store';
import { closeDatabase, openDatabase } from '../../../electron/core/db/handle';
import { createAuditLog } from '../../../electron/core/auth/audit';
import { createQueueService } from '../../../electron/core/queue/service';
import { openHallEvents } from '../../../electron/core/db/hall-events';
import { silentLogger } from '../../../electron/core/logging/logger';

export interface CounterCall {
  ticketId: string;
  label: string;
  /** call-next duration in this process, ms */
  ms: number;
}

export type CounterMessage = { kind: 'ready' } | { kind: 'done'; calls: CounterCall[] } | { kind: 'failed'; error: string };

const [dataDir, counterArg] = process.argv.slice(2);
const counter = Number(counterArg);
const send = (m: CounterMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

async function main(): Promise<void> {
  const settings = openSettingsStore(path.join(dataDir!, 'settings.json'));
  const handle = await openDatabase({ storage: settings.get().storage, sqliteFile: path.join(dataDir!, 'medins.sqlite') });
  // Notes to the other cores on, as in a hall: every call notifies the boards.
  const hall = await openHallEvents(handle, silentLogger());
  const queue = createQueueService({ db: handle.db, sqlite: handle.dialect === 'sqlite' ? handle.raw : undefined, settings, audit: createAuditLog(handle.db), now: Date.now, hall });
  const actor = { id: null, name: `counter${counter}`, counter, transport: 'direct' };
  await send({ kind: 'ready' });
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  const calls: CounterCall[] = [];
  try {
    for (;;) {
      const started = performance.now();
      const ticket = await queue.callNext(actor, counter);
      const ms = performance.now() - started;
      if (!ticket) break;
      calls.push({ ticketId: ticket.id, label: ticket.label, ms });
      await queue.finish(actor, ticket.id);
    }
    await send({ kind: "done", calls });
  } finally {
    await hall.close();
    await closeDatabase(handle);
  }
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ kind: 'failed', error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
    process.exit(1);
  },
);
