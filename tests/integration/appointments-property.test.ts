import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { makeResidentId } from '../fixtures/identity';

const MANAGER = { id: 3, name: 'queue1', transport: 'direct' };
const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };
const KIOSK = { id: null, name: 'device:kiosk', transport: 'direct' };
const INTERLEAVE = 2;

type Step = { kind: 'walkIn' } | { kind: 'checkIn'; who: number } | { kind: 'call' };

interface Waiting {
  id: string;
  booked: boolean;
  key: string;
}

/**
 * Issue 21's property, on the real engine (SQLite): with any mix of bookings and walk-ins,
 * first come first served holds within each rank, and while a walk-in waits no two bookings
 * are called in a row beyond the N:1 interleave. One core; each run is a new working day.
 */
describe('appointments and walk-ins, any mix', () => {
  it('keep FIFO within each rank and never starve walk-ins beyond the interleave', async () => {
    let t = Date.parse('2026-11-23T07:00:00+08:00');
    const core = await preparedCore(tempDir(), { now: () => t });
    const q = core.services.queue;
    const a = core.services.appointments;
    await q.ensureDefaults([1]);
    await q.saveCounter(CLERK, { number: 1, name: '', categories: ['A'] });
    await q.setOpen(CLERK, 1, true);
    await a.savePlan(MANAGER, { categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 20, hours: [['09:00', '11:00']], checkInEarlyMinutes: 30 });
    let day = Date.parse('2026-11-23T00:00:00+08:00');
    let run = 0;
    const steps = fc.array(fc.oneof(fc.constant<Step>({ kind: 'walkIn' }), fc.constant<Step>({ kind: 'call' }), fc.integer({ min: 0, max: 5 }).map<Step>((who) => ({ kind: 'checkIn', who }))), { minLength: 5, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        // The next Monday–Friday: a new queue day, yesterday's line expired.
        do day += 86_400_000;
        while ([0, 6].includes(new Date(day + 8 * 3600_000).getUTCDay()));
        const date = new Date(day + 8 * 3600_000).toISOString().slice(0, 10);
        t = day + 8 * 3600_000;
        const people = Array.from({ length: 6 }, (_, i) => ({ idKind: 'resident' as const, idNumber: makeResidentId({ birthDate: '1975-01-01', sex: '男', seq: (run * 6 + i) % 500 }), name: `预约${i}` }));
        run++;
        for (const [i, p] of people.entries()) await a.book(MANAGER, { person: p, categoryId: 'A', itemName: '参保登记', day: date, slotStart: ['09:00', '09:30', '10:00'][i % 3]! });
        t = day + 8.75 * 3600_000; // 08:45
        const waiting: Waiting[] = [];
        const called: Waiting[] = [];
        const checkedIn = new Set<number>();
        const call = async () => {
          const ticket = await q.callNext(CLERK, 1);
          if (!ticket) return expect(waiting).toHaveLength(0);
          const i = waiting.findIndex((w) => w.id === ticket.id);
          expect(i).toBeGreaterThanOrEqual(0);
          const w = waiting.splice(i, 1)[0]!;
          // Nobody of the same rank who entered the line earlier is still waiting.
          expect(waiting.filter((o) => o.booked === w.booked && o.key < w.key)).toEqual([]);
          // Two bookings in a row while a walk-in waits would break 2:1 (the first after two walk-ins at most).
          const previous = called.at(-1);
          if (w.booked && previous?.booked) expect(waiting.some((o) => !o.booked)).toBe(false);
          called.push(w);
          await q.finish(CLERK, ticket.id);
        };
        for (const s of plan) {
          t += 60_000;
          if (s.kind === 'call') await call();
          else if (s.kind === 'walkIn') {
            const { ticket } = await q.take(KIOSK, 'A', null, 'kiosk');
            waiting.push({ id: ticket.id, booked: false, key: `${ticket.queuedAt}#${String(ticket.number).padStart(4, '0')}` });
          } else if (!checkedIn.has(s.who)) {
            checkedIn.add(s.who);
            const r = await a.checkIn(KIOSK, { idNumber: people[s.who]!.idNumber }).catch((e: { code: string }) => e);
            if ('take' in r) waiting.push({ id: r.take.ticket.id, booked: r.outcome === 'booked', key: `${r.take.ticket.queuedAt}#${String(r.take.ticket.number).padStart(4, '0')}` });
            else expect(r.code).toBe('CONFLICT'); // before its window opens
          }
        }
        while (waiting.length) await call();
      }),
      { numRuns: 12 },
    );
    expect(INTERLEAVE).toBe(core.services.settings.get().queue.interleaveNormal);
    await core.close();
  }, 180_000);
});
