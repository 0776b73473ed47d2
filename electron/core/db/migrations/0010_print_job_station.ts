import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * Print jobs belong to the station (data folder) that made them: in hall mode every counter's
 * core shares the database, and each must print only on its own printer. Jobs from before this
 * column (station null) stay printable by whichever station looks first.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'print_job_station',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('print_jobs').addColumn('station', 'text').execute();
    await db.schema.createIndex('print_jobs_station_due').on('print_jobs').columns(['station', 'status', 'next_attempt_at']).execute();
  },
};
