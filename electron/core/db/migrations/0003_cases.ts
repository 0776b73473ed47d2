import { type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Cases (办件) with their applicant, answers, materials, documents and an append-only history,
 * plus the per-day sequence that numbers them. Personal data (ID number, name, phone) sits in
 * the case row; lists mask it, the audit log records every full view.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'cases',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('case_no', 'text', (c) => c.notNull().unique())
      .addColumn('query_code', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('item_key', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('item_name', 'text', (c) => c.notNull())
      .addColumn('pays', 'integer', (c) => c.notNull())
      .addColumn('applicant_id_kind', 'text', (c) => c.notNull())
      .addColumn('applicant_id_number', 'text', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('applicant_phone', 'text')
      .addColumn('agent', 'text')
      .addColumn('answers', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('form', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('time_limit_text', 'text', (c) => c.notNull())
      .addColumn('rule_text', 'text')
      .addColumn('accepted_on', 'text')
      .addColumn('due_date', 'text')
      .addColumn('reason', 'text')
      .addColumn('result', 'text')
      .addColumn('clerk_id', 'integer')
      .addColumn('clerk', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_id_number').on('cases').column('applicant_id_number').execute();
    await db.schema.createIndex('cases_name').on('cases').column('applicant_name').execute();
    await db.schema.createIndex('cases_created').on('cases').column('created_at').execute();
    await db.schema.createIndex('cases_status_due').on('cases').columns(['status', 'due_date']).execute();
    await db.schema.createIndex('cases_item').on('cases').column('item_key').execute();

    await db.schema
      .createTable('case_materials')
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('seq', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('condition_label', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('promise_allowed', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('case_materials_pk', ['case_id', 'seq'])
      .execute();

    await db.schema
      .createTable('case_history')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer')
      .addColumn('note', 'text')
      .execute();
    await db.schema.createIndex('case_history_case').on('case_history').column('case_id').execute();
    await kit.appendOnly(db, 'case_history');

    await db.schema
      .createTable('case_documents')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_documents_case').on('case_documents').column('case_id').execute();

    await db.schema
      .createTable('case_sequence')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('counter', 'integer', (c) => c.notNull())
      .addColumn('last', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_sequence_pk', ['day', 'counter'])
      .execute();
  },
};
