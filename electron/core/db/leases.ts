import crypto from 'node:crypto';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface Lease {
  readonly holder: string;
  /** Takes the lease, or renews it when held; false while another host holds it. */
  acquire(): Promise<boolean>;
  /** Gives it up so another host takes over at once instead of after expiry. */
  release(): Promise<void>;
}

/**
 * A lease in the database: one statement takes a free or expired lease, or renews our own,
 * and says whether we hold it (the same upsert on SQLite and PostgreSQL, atomic on both).
 * Expiry uses the hosts' clocks: hall machines keep time by NTP (docs/hall.md).
 */
export function createLease(deps: { db: Kysely<Database>; name: string; ttlMs: () => number; now: () => number; holder?: string }): Lease {
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  return {
    holder,
    async acquire() {
      const now = new Date(deps.now()).toISOString();
      const until = new Date(deps.now() + deps.ttlMs()).toISOString();
      const r = await sql<{ holder: string }>`INSERT INTO leases (name, holder, expires_at) VALUES (${deps.name}, ${holder}, ${until})
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at < ${now}
        RETURNING holder`.execute(deps.db);
      return r.rows.length === 1;
    },
    async release() {
      await deps.db.deleteFrom('leases').where('name', '=', deps.name).where('holder', '=', holder).execute();
    },
  };
}
