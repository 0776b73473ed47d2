import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { StatsReport } from '../../../shared/contract/stats';
import { minutesOf } from '../../../shared/appointments/slots';
import { hallDayStartMs } from '../../../shared/system/hall-time';
import { bookingOutcomes, type BookingOutcomeRow } from '../appointments/readers';
import { ticketCalledAt } from '../queue/facts';

const at = (day: string, hhmm: string) => hallDayStartMs(day) + minutesOf(hhmm) * 60_000;

/** 预约 figures from each booking's outcome and its ticket's call (pure: tests pin it). */
export function appointmentFigures(rows: BookingOutcomeRow[], calledAt: Map<string, string>, now: number): StatsReport['appointments'] {
  let booked = 0;
  let checkedIn = 0;
  let noShows = 0;
  let cancelled = 0;
  let punctual = 0;
  let waitSum = 0;
  let waitCount = 0;
  for (const r of rows) {
    if (r.status === 'cancelled') {
      cancelled++;
      continue;
    }
    booked++;
    if (r.status === 'checked_in') {
      checkedIn++;
      const called = r.ticket_id ? calledAt.get(r.ticket_id) : undefined;
      if (called) {
        const t = Date.parse(called);
        if (t < at(r.day, r.slot_end)) punctual++;
        waitSum += Math.max(0, t - at(r.day, r.slot_start)) / 1000;
        waitCount++;
      }
    } else if (now >= at(r.day, r.slot_end)) noShows++;
  }
  return {
    booked,
    checkedIn,
    noShows,
    cancelled,
    checkInRate: booked ? checkedIn / booked : null,
    punctual,
    punctualityRate: checkedIn ? punctual / checkedIn : null,
    waitFromSlotMeanSec: waitCount ? waitSum / waitCount : null,
  };
}

export async function appointmentStats(db: Kysely<Database>, from: string, to: string, now: number): Promise<StatsReport['appointments']> {
  const rows = await bookingOutcomes(db, from, to);
  const ids = rows.filter((r) => r.status === 'checked_in' && r.ticket_id).map((r) => r.ticket_id!);
  return appointmentFigures(rows, await ticketCalledAt(db, ids), now);
}
