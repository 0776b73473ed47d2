import type { Kysely } from 'kysely';
import type { Migration } from './types';

/**
 * 预约办理 (issue 21): each line's booking plan (slot length, places per slot, hours, how early
 * check-in opens), days closed to bookings with the reason callers are told, and the bookings
 * themselves. A booking's no-show is not stored: it is derived from the slot's end and the
 * missing check-in, so it can never disagree with them.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'appointments',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('appointment_plans')
      .addColumn('category_id', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('slot_minutes', 'integer', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      // JSON [["09:00","12:00"],["13:30","17:00"]]: the hours slots are cut from, hall time.
      .addColumn('hours', 'text', (c) => c.notNull())
      .addColumn('check_in_early_minutes', 'integer', (c) => c.notNull().defaultTo(30))
      .execute();
    await db.schema
      .createTable('appointment_closures')
      .addColumn('day', 'text', (c) => c.notNull())
      // '' closes every line that day.
      .addColumn('category_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('appointment_closures_pk', ['day', 'category_id'])
      .execute();
    await db.schema
      .createTable('bookings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('upstream_id', 'text', (c) => c.unique())
      .addColumn('id_kind', 'text', (c) => c.notNull())
      .addColumn('id_number', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('category_id', 'text', (c) => c.notNull())
      .addColumn('item_key', 'text')
      .addColumn('item_name', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('slot_start', 'text', (c) => c.notNull())
      .addColumn('slot_end', 'text', (c) => c.notNull())
      // booked → checked_in | cancelled (no-show is derived, see above)
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text')
      .addColumn('checked_in_at', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The day's list and a slot's places taken; a person's bookings at check-in.
    await db.schema.createIndex('bookings_day_slot').on('bookings').columns(['day', 'category_id', 'slot_start']).execute();
    await db.schema.createIndex('bookings_person_day').on('bookings').columns(['id_number', 'day']).execute();
    // The workstation asks which booking a called ticket came from.
    await db.schema.createIndex('bookings_ticket').on('bookings').column('ticket_id').execute();
  },
};
