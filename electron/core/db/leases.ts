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

const STATION_PREFIX = 'station:';

/**
 * A holder name that carries the station (data folder) it runs for: `station:<id>/<host:pid:random>`.
 * A host restarted after a crash finds its station's old process named on the lease and takes
 * it back at once instead of waiting out the TTL; another station's lease is never taken early.
 */
export function stationLeaseHolder(stationId: string): string {
  return `${STATION_PREFIX}${stationId}/${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
}

function stationOf(holder: string): string | null {
  if (!holder.startsWith(STATION_PREFIX)) return null;
  const slash = holder.indexOf('/');
  const station = holder.slice(STATION_PREFIX.length, slash);
  // LIKE wildcards in a station id would widen the match to other stations.
  return slash > STATION_PREFIX.length && /^[A-Za-z0-9-]+$/.test(station) ? station : null;
}

/**
 * A lease in the database: one statement takes a free or expired lease, or renews our own,
 * and says whether we hold it (the same upsert on SQLite and PostgreSQL, atomic on both).
 * Expiry uses the hosts' clocks: hall machines keep time by NTP (docs/hall.md).
 */
export function createLease(deps: { db: Kysely<Database>; name: string; ttlMs: () => number; now: () => number; holder?: string }): Lease {
  const holder = deps.holder ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const station = stationOf(holder);
  // Only the first acquire of a (re)started host may take over from its own station's dead process.
  let first = true;
  return {
    holder,
    async acquire() {
      const now = new Date(deps.now()).toISOString();
      const until = new Date(deps.now() + deps.ttlMs()).toISOString();
      const ownStation = first && station !== null ? sql`OR leases.holder LIKE ${`${STATION_PREFIX}${station}/%`}` : sql``;
      const r = await sql<{ holder: string }>`INSERT INTO leases (name, holder, expires_at) VALUES (${deps.name}, ${holder}, ${until})
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at < ${now} ${ownStation}
        RETURNING holder`.execute(deps.db);
      first = false;
      return r.rows.length === 1;
    },
    async release() {
      await deps.db.deleteFrom('leases').where('name', '=', deps.name).where('holder', '=', holder).execute();
    },
  };
}
