import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql, type QueryExecutorProvider } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logging/logger';
import type { DatabaseHandle, PostgresHandle } from './handle';

/** What changed, as far as other cores need to know: they re-read it themselves. */
export type HallTopic = 'queue';

/**
 * Changes made by the other cores of a hall (hall mode, docs/hall.md). On PostgreSQL a change
 * publishes `pg_notify('medins_events', …)` inside its own transaction, so the note goes out
 * exactly when the change commits and never for a rolled-back one; every core LISTENs on one
 * connection of its own and re-emits into its local streams (queue snapshots for the board,
 * kiosk and consoles). On SQLite all clients share one core, so there is nothing to carry.
 */
export interface HallEvents {
  publish(trx: QueryExecutorProvider, topic: HallTopic): Promise<void>;
  /** The payload publish() would send on HALL_CHANNEL, for a change made inside a server function (null: no other cores). */
  note(topic: HallTopic): string | null;
  /** Another core changed `topic` (or the listener reconnected and may have missed some). */
  on(topic: HallTopic, listener: () => void): () => void;
  close(): Promise<void>;
}

export const HALL_CHANNEL = 'medins_events';

export function localHallEvents(): HallEvents {
  return { publish: async () => undefined, note: () => null, on: () => () => undefined, close: async () => undefined };
}

export async function openHallEvents(handle: DatabaseHandle, logger: Logger): Promise<HallEvents> {
  if (handle.dialect !== 'postgres') return localHallEvents();
  const events = new PostgresHallEvents(handle, logger);
  await events.start();
  return events;
}

interface Note {
  /** schema: several halls (or test runs) may share one database */
  s: string;
  t: HallTopic;
  /** the publishing core: it has already told its own listeners */
  o: string;
}

class PostgresHallEvents implements HallEvents {
  private readonly origin = crypto.randomUUID();
  private readonly emitter = new EventEmitter();
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private delayMs = 250;

  constructor(
    private readonly handle: PostgresHandle,
    private readonly logger: Logger,
  ) {
    this.emitter.setMaxListeners(0);
  }

  async publish(trx: QueryExecutorProvider, topic: HallTopic): Promise<void> {
    await sql`SELECT pg_notify(${HALL_CHANNEL}, ${this.note(topic)})`.execute(trx);
  }

  note(topic: HallTopic): string {
    const note: Note = { s: this.handle.schema, t: topic, o: this.origin };
    return JSON.stringify(note);
  }

  on(topic: HallTopic, listener: () => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  /** Connects and listens; a failure is logged and retried, never fatal (core works, only slower to hear). */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.logger.warn({ err: error }, 'hall events: cannot listen yet; retrying');
      this.scheduleRetry();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.handle.clientConfig);
    client.on('notification', (msg) => this.receive(msg.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'hall events: listening connection lost; reconnecting');
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    await client.query(`LISTEN ${HALL_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    const reconnected = this.client === undefined && this.delayMs > 250;
    this.client = client;
    this.delayMs = 250;
    // Notes sent while we were away are gone: have every listener re-read once.
    if (reconnected) this.emitter.emit('queue');
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    this.delayMs = Math.min(this.delayMs * 2, 5000);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'hall events: reconnect failed');
        this.scheduleRetry();
      });
    }, this.delayMs);
    this.retry.unref();
  }

  private receive(payload: string | undefined): void {
    let note: Note;
    try {
      note = JSON.parse(payload ?? '') as Note;
    } catch {
      return;
    }
    if (note.s !== this.handle.schema || note.o === this.origin) return;
    this.emitter.emit(note.t);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }
}
