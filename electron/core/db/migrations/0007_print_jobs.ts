import type { Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Receipt print jobs (electron/core/printing/jobs.ts): queued before the printer is touched,
 * so a job survives a restart, a printer that is off or out of paper, and is never lost
 * silently. `source` is JSON naming what to print (a stored document, a ticket's data…); the
 * bytes are built at each attempt with the printer settings of that moment.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'print_jobs',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('print_jobs')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('case_no', 'text')
      .addColumn('document_id', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('printer_state', 'text')
      .addColumn('last_error', 'text')
      .addColumn('printer', 'text')
      .addColumn('reprint_of', 'integer')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('printed_at', 'text')
      .execute();
    await db.schema.createIndex('print_jobs_due').on('print_jobs').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('print_jobs_case').on('print_jobs').column('case_no').execute();
  },
};
