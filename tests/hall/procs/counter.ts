// One counter machine of a hall, as a child process (tests/integration/queue-counters.test.ts,
// bench/hall.bench.ts): opens its settings and the database they name (the hall's PostgreSQL
// schema), wires the queue service as core does, says 'ready', and then either, on 'go', calls
// next (and finishes it) until nobody is waiting, or, on each 'call', calls once and finishes
// it (the bench's bursts: every counter pressing 叫号 at the same moment). Only the queue's part of core is opened: twenty full
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

export type CounterMessage = { kind: 'ready' } | { kind: 'done'; calls: CounterCall[] } | { kind: 'called'; call: CounterCall | null } | { kind: 'failed'; error: string };
/** From the parent: empty the line ('go'), one call now ('call'), or stop ('end'). */
export type CounterOrder = 'go' | 'call' | 'end';

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
  const orders: CounterOrder[] = [];
  let wake: (() => void) | undefined;
  process.on('message', (m: CounterOrder) => {
    orders.push(m);
    wake?.();
  });
  const next = async (): Promise<CounterOrder> => {
    while (orders.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return orders.shift()!;
  };
  const callOnce = async (): Promise<CounterCall | null> => {
    const started = performance.now();
    const ticket = await queue.callNext(actor, counter);
    const ms = performance.now() - started;
    if (!ticket) return null;
    await queue.finish(actor, ticket.id);
    return { ticketId: ticket.id, label: ticket.label, ms };
  };
  try {
    for (let order = await next(); order !== 'end'; order = await next()) {
      if (order === 'call') {
        await send({ kind: 'called', call: await callOnce() });
        continue;
      }
      const calls: CounterCall[] = [];
      for (let call = await callOnce(); call; call = await callOnce()) calls.push(call);
      await send({ kind: 'done', calls });
      break;
    }
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
