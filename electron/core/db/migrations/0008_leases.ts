import { type Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Leases: a named job (e.g. the upstream sync) that only one host of a hall may run at a time.
 * The holder renews before `expires_at`; after it, any host may take over (db/leases.ts).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'leases',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
  },
};
