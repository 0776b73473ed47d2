import type pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { endingTransaction, openDatabase, closeDatabase, type PostgresHandle } from '../../electron/core/db/handle';
import type { Core } from '../../electron/core/core';
import { CLERK } from '../fixtures/cases';
import { preparedCore } from '../fixtures/hall';
import { freshSchema, testDatabaseUrl, usePostgres } from '../fixtures/postgres';
import { tempDir } from '../fixtures/temp';

/** Every notice (WARNING, NOTICE) the server sends to any connection the pool hands out. */
function collectNotices(pool: pg.Pool): string[] {
  const notices: string[] = [];
  const heard = new WeakSet<pg.PoolClient>();
  pool.on('acquire', (client) => {
    if (heard.has(client)) return;
    heard.add(client);
    client.on('notice', (n) => notices.push(`${n.severity ?? ''}: ${n.message}`));
  });
  return notices;
}

let open: PostgresHandle | Core | undefined;
afterEach(async () => {
  if (open && 'dialect' in open) await closeDatabase(open);
  else await open?.close();
  open = undefined;
});

/**
 * A queue change on PostgreSQL ends with its own COMMIT, sent with the audit entry in one message
 * (queue/context.ts). The driver then sends no second COMMIT: that one cost a round trip and left
 * "WARNING: there is no transaction in progress" in the server's log for every take, call and
 * finish of the hall (112 of them for one run of the queue-engine tests).
 */
describe('a transaction that commits itself in its last message', () => {
  async function handle(poolSize = 1): Promise<PostgresHandle> {
    const h = (await openDatabase({ storage: { dialect: 'postgres', postgres: { url: testDatabaseUrl(), schema: freshSchema(), tls: 'off', poolSize } }, sqliteFile: '' })) as PostgresHandle;
    open = h;
    await sql`CREATE TABLE t (v integer)`.execute(h.db);
    return h;
  }
  const values = async (h: PostgresHandle) => (await sql<{ v: number }>`SELECT v FROM t ORDER BY v`.execute(h.db)).rows.map((r) => r.v);

  it('keeps what it wrote, and commit() sends nothing more (no warning from the server)', async () => {
    const h = await handle();
    const notices = collectNotices(h.pool);
    const trx = await h.db.startTransaction().execute();
    await sql`INSERT INTO t VALUES (1)`.execute(trx);
    await trx.executeQuery(endingTransaction('INSERT INTO t VALUES (2); COMMIT'));
    await trx.commit().execute();
    expect(await values(h)).toEqual([1, 2]);
    expect(notices).toEqual([]);
  });

  it('rolls back when the last message fails, and the connection serves the next transaction', async () => {
    const h = await handle();
    const notices = collectNotices(h.pool);
    const trx = await h.db.startTransaction().execute();
    await sql`INSERT INTO t VALUES (3)`.execute(trx);
    await expect(trx.executeQuery(endingTransaction('SELECT 1 / 0; COMMIT'))).rejects.toThrow(/division by zero/);
    await trx.rollback().execute();
    expect(await values(h)).toEqual([]);
    // One connection in the pool: the next transactions run on the same one, committed normally.
    await h.db.transaction().execute(async (t) => void (await sql`INSERT INTO t VALUES (4)`.execute(t)));
    expect(await values(h)).toEqual([4]);
    expect(notices).toEqual([]);
  });

  it('an ordinary transaction after one that committed itself is still committed by commit()', async () => {
    const h = await handle();
    const first = await h.db.startTransaction().execute();
    await first.executeQuery(endingTransaction('INSERT INTO t VALUES (5); COMMIT'));
    await first.commit().execute();
    const second = await h.db.startTransaction().execute();
    await sql`INSERT INTO t VALUES (6)`.execute(second);
    await second.commit().execute();
    // Seen from another connection: both committed, nothing left open on the first.
    const other = await h.pool.connect();
    try {
      expect((await other.query<{ v: number }>('SELECT v FROM t ORDER BY v')).rows.map((r) => r.v)).toEqual([5, 6]);
    } finally {
      other.release();
    }
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`.execute(h.db)).rows[0]!.n).toBe(0);
  });

  it('a counter taking, calling, starting and finishing tickets leaves no warning in the server log', async () => {
    const dir = tempDir();
    usePostgres(dir);
    const core = await preparedCore(dir);
    open = core;
    if (core.db.dialect !== 'postgres') throw new Error('expected hall mode');
    const notices = collectNotices(core.db.pool);
    await core.services.queue.ensureDefaults([1]);
    await core.services.queue.setOpen(CLERK, 1, true);
    for (let i = 0; i < 3; i++) {
      const { ticket } = await core.services.queue.take(CLERK, 'A', null, 'kiosk');
      const called = await core.services.queue.callNext({ ...CLERK, counter: 1 }, 1);
      expect(called?.id).toBe(ticket.id);
      await core.services.queue.start(CLERK, ticket.id);
      expect((await core.services.queue.finish(CLERK, ticket.id)).status).toBe('done');
    }
    expect(notices).toEqual([]);
    expect(await core.services.audit.verify()).toMatchObject({ ok: true });
  });
});
