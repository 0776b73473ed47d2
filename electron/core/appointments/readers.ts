import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * What other modules may know of the appointments tables (docs/architecture.md § Table owners):
 * statistics read each booking's outcome here.
 */
export interface BookingOutcomeRow {
  day: string;
  slot_start: string;
  slot_end: string;
  status: string;
  ticket_id: string | null;
}

/** The bookings of hall days [from, to], served by the (day, …) index. */
export async function bookingOutcomes(db: Kysely<Database>, from: string, to: string): Promise<BookingOutcomeRow[]> {
  return db.selectFrom('bookings').select(['day', 'slot_start', 'slot_end', 'status', 'ticket_id']).where('day', '>=', from).where('day', '<=', to).execute();
}
