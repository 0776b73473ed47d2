import type { Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * 预约 exchange with the upstream (docs/upstream-protocol.md §Bookings): where a pulled booking
 * was made (渠道), and the outbox of booking events — what became of each pulled booking
 * (checked in, no-show, cancelled at the hall), written in the transaction that made it and
 * sent by the sync worker under its own message id. One event per booking: a booking is
 * checked in, cancelled or missed once, and the unique index makes a second one impossible.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'booking_events',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema.alterTable('bookings').addColumn('channel', 'text').execute();
    await db.schema
      .createTable('booking_events')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('msg_id', 'text', (c) => c.notNull().unique())
      .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      // pending | unknown | acked | rejected | needs_attention, as sync_outbox
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('acked_at', 'text')
      .execute();
    await db.schema.createIndex('booking_events_booking').on('booking_events').column('booking_id').unique().execute();
    await db.schema.createIndex('booking_events_due').on('booking_events').columns(['status', 'next_attempt_at']).execute();
    // The no-show sweep reads a few days of pulled bookings still booked.
    await db.schema.createIndex('bookings_source_day').on('bookings').columns(['source', 'day', 'status']).execute();
  },
};
