import { describe, expect, it } from 'vitest';
import { appointmentFigures } from '../../../electron/core/stats/appointments';

const row = (slot: [string, string], status: string, ticket: string | null = null) => ({ day: '2026-11-23', slot_start: slot[0], slot_end: slot[1], status, ticket_id: ticket });
const hall = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`).toISOString();

describe('预约 figures', () => {
  it('counts check-ins, derived no-shows, punctuality and the wait from the slot start', () => {
    const rows = [
      row(['09:00', '09:30'], 'checked_in', 't1'), // called 09:10: punctual, 10 min
      row(['09:00', '09:30'], 'checked_in', 't2'), // called 09:40: late, 40 min
      row(['09:30', '10:00'], 'checked_in', 't3'), // called 09:20, before its slot: punctual, 0 min
      row(['09:30', '10:00'], 'booked'), // slot over at 11:00: no-show
      row(['11:00', '11:30'], 'booked'), // not yet: neither
      row(['11:00', '11:30'], 'cancelled'),
      row(['10:00', '10:30'], 'checked_in', 't4'), // not called yet
    ];
    const called = new Map([
      ['t1', hall('09:10')],
      ['t2', hall('09:40')],
      ['t3', hall('09:20')],
    ]);
    const f = appointmentFigures(rows, called, Date.parse(hall('11:00')));
    expect(f).toMatchObject({ booked: 6, checkedIn: 4, noShows: 1, cancelled: 1, punctual: 2 });
    expect(f.checkInRate).toBeCloseTo(4 / 6);
    expect(f.punctualityRate).toBeCloseTo(2 / 4);
    expect(f.waitFromSlotMeanSec).toBeCloseTo(((10 + 40 + 0) * 60) / 3);
  });

  it('has no rates without bookings', () => {
    expect(appointmentFigures([], new Map(), 0)).toMatchObject({ booked: 0, checkInRate: null, punctualityRate: null, waitFromSlotMeanSec: null });
  });
});
