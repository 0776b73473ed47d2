import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * One visit, one record (issue 15):
 * - tickets.holder: 实名取号, the identity read from the card at the kiosk (JSON, unmasked; the
 *   board only ever sees the masked name);
 * - cases.applicant_card: the applicant's card facts (性别, 民族, 出生日期, 住址, where read from), JSON;
 * - indexes for the links core now makes: a ticket's cases, a ticket's evaluation.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'counter_visit',
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('tickets').addColumn('holder', 'text').execute();
    await db.schema.alterTable('cases').addColumn('applicant_card', 'text').execute();
    await db.schema.createIndex('cases_ticket').on('cases').column('ticket_id').execute();
    await db.schema.createIndex('evaluations_ticket').on('evaluations').column('ticket_id').execute();
  },
};
