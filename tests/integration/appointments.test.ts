import { describe, expect, it } from 'vitest';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { makeResidentId } from '../fixtures/identity';

const MANAGER = { id: 3, name: 'queue1', transport: 'direct' };
const CLERK = { id: 2, name: 'clerk1', counter: 1, transport: 'direct' };
const KIOSK = { id: null, name: 'device:kiosk', transport: 'direct' };

const person = (seq: number) => ({ idKind: 'resident' as const, idNumber: makeResidentId({ birthDate: '1980-03-04', sex: '女', seq }), name: `测试${seq}` });

/** A hall on Monday 2026-11-23 at 08:00 hall time, line A booked in 30-minute slots of 2 from 09:00 to 12:00. */
async function hall() {
  let t = Date.parse('2026-11-23T08:00:00+08:00');
  const core = await preparedCore(tempDir(), { now: () => t });
  const q = core.services.queue;
  await q.ensureDefaults([1]);
  await q.saveCounter(CLERK, { number: 1, name: '', categories: ['A', 'B'] });
  await q.setOpen(CLERK, 1, true);
  const a = core.services.appointments;
  await a.savePlan(MANAGER, { categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 2, hours: [['09:00', '12:00']], checkInEarlyMinutes: 30 });
  return { core, q, a, at: (hhmm: string) => (t = Date.parse(`2026-11-23T${hhmm}:00+08:00`)) };
}

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { code: string; userText: string });

describe('appointments', () => {
  it('cuts a working day into slots, and says why a weekend or a closed day takes no bookings', async () => {
    const { core, a } = await hall();
    const monday = await a.slots('2026-11-23', 'A');
    expect(monday.closedReason).toBeNull();
    expect(monday.slots.map((s) => s.start)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect((await a.slots('2026-11-28', 'A')).closedReason).toBe('非工作日，不接受预约');
    // A year whose 节假日安排 is not published yet still takes bookings (read Monday–Friday).
    expect((await a.slots('2031-03-04', 'A')).slots).toHaveLength(6);
    await a.closeDay(MANAGER, { day: '2026-11-24', categoryId: null, reason: '系统升级' });
    expect((await a.slots('2026-11-24', 'A')).closedReason).toBe('当日暂停预约：系统升级');
    expect((await refusal(a.book(MANAGER, { person: person(1), categoryId: 'A', itemName: '参保登记', day: '2026-11-24', slotStart: '09:00' })))?.userText).toBe('当日暂停预约：系统升级');
    await a.reopenDay(MANAGER, { day: '2026-11-24', categoryId: null });
    expect((await a.slots('2026-11-24', 'A')).closedReason).toBeNull();
    expect((await refusal(a.savePlan(MANAGER, { categoryId: 'A', enabled: true, slotMinutes: 30, capacity: 2, hours: [['12:00', '09:00']], checkInEarlyMinutes: 30 })))?.userText).toContain('结束时间应晚于开始时间');
    expect((await core.services.audit.list({ action: 'appointment.' })).entries.map((e) => e.action).sort()).toEqual(['appointment.close', 'appointment.plan', 'appointment.reopen']);
    await core.close();
  });

  it('books a slot up to its places, once per person and day; lists mask the person', async () => {
    const { core, a } = await hall();
    const first = await a.book(MANAGER, { person: person(1), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:00' });
    expect(first).toMatchObject({ state: 'booked', slotStart: '10:00', slotEnd: '10:30', source: 'phone' });
    expect(first.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(first.name).toContain('*');
    expect(first.idNumberMasked).not.toBe(person(1).idNumber);
    await a.book(MANAGER, { person: person(2), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:00' });
    expect((await refusal(a.book(MANAGER, { person: person(3), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:00' })))?.userText).toBe('10:00–10:30 时段已约满，请选择其他时段');
    expect((await refusal(a.book(MANAGER, { person: person(1), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '11:00' })))?.userText).toContain('当天已有预约');
    const bad = { ...person(4), idNumber: `${person(4).idNumber.slice(0, 17)}${person(4).idNumber.endsWith('0') ? '1' : '0'}` };
    expect((await refusal(a.book(MANAGER, { person: bad, categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '11:00' })))?.code).toBe('BAD_REQUEST');
    expect((await a.slots('2026-11-23', 'A')).slots.find((s) => s.start === '10:00')).toMatchObject({ capacity: 2, booked: 2 });
    // Four callers for the two places of 10:30 at once from one core: two get them. (Across cores of
    // a hall the serialize('bookings') lock holds this; not shown here: one core never raced.)
    const race = await Promise.allSettled([4, 5, 6, 7].map((n) => a.book(MANAGER, { person: person(n), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:30' })));
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect((await a.slots('2026-11-23', 'A')).slots.find((s) => s.start === '10:30')?.booked).toBe(2);
    await a.cancel(MANAGER, first.id, '本人来电取消');
    expect((await a.slots('2026-11-23', 'A')).slots.find((s) => s.start === '10:00')?.booked).toBe(1);
    // Bookings made in the same instant (a fixed test clock) have no order among themselves.
    expect((await a.list('2026-11-23')).map((b) => [b.slotStart, b.id === first.id ? b.state : 'other'])).toEqual(expect.arrayContaining([['10:00', 'cancelled']]));
    expect((await a.list('2026-11-23')).map((b) => b.state).sort()).toEqual(['booked', 'booked', 'booked', 'cancelled']);
    await core.close();
  });

  it('checks in by ID number or code: too early is refused with the time, early waits for its slot, late becomes a walk-in', async () => {
    const { core, a, at } = await hall();
    const p1 = person(1);
    const b1 = await a.book(MANAGER, { person: p1, categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:00' });
    const b2 = await a.book(MANAGER, { person: person(2), categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '09:00' });
    at('09:10');
    expect((await refusal(a.checkIn(KIOSK, { idNumber: p1.idNumber })))?.userText).toBe('您的预约时段是 10:00–10:30，请于 09:30 后签到');
    expect((await refusal(a.checkIn(KIOSK, { idNumber: person(9).idNumber })))?.code).toBe('NOT_FOUND');
    at('09:40');
    const early = await a.checkIn(KIOSK, { code: b1.code.toLowerCase() });
    expect(early.outcome).toBe('booked');
    expect(early.take.ticket).toMatchObject({ priorityKind: '预约', queuedAt: new Date(Date.parse('2026-11-23T10:00:00+08:00')).toISOString() });
    expect(early.message).toBe(`签到成功，${early.take.ticket.label} 号将于 10:00 起优先叫号，请留意叫号屏`);
    expect(early.booking).toMatchObject({ state: 'checkedIn', ticketId: early.take.ticket.id });
    expect((await refusal(a.checkIn(KIOSK, { code: b1.code })))?.userText).toBe('该预约已签到或已取消');
    // 09:00–09:30 is over: served as a walk-in, and the booking counts as a no-show.
    const late = await a.checkIn(KIOSK, { code: b2.code });
    expect(late.outcome).toBe('walkIn');
    expect(late.take.ticket.priorityKind).toBeNull();
    expect(late.message).toContain('已过');
    expect((await a.list('2026-11-23')).find((b) => b.id === b2.id)?.state).toBe('noShow');
    // The check-in and its ticket committed together, with their audit entries.
    const actions = (await core.services.audit.list({ actor: 'device:kiosk' })).entries.map((e) => e.action);
    expect(actions.filter((x) => x === 'appointment.checkIn')).toHaveLength(1);
    await core.close();
  });

  it('calls a checked-in booking ahead of earlier walk-ins, within the N:1 interleave', async () => {
    const { core, q, a, at } = await hall();
    const p1 = person(1);
    await a.book(MANAGER, { person: p1, categoryId: 'A', itemName: '参保登记', day: '2026-11-23', slotStart: '10:00' });
    at('10:01');
    const walkIns = [];
    for (let i = 0; i < 3; i++) walkIns.push((await q.take(KIOSK, 'A', null, 'kiosk')).ticket.label);
    at('10:05');
    const booked = (await a.checkIn(KIOSK, { idNumber: p1.idNumber })).take.ticket;
    const order: string[] = [];
    at('10:07');
    for (let i = 0; i < 4; i++) {
      const t = (await q.callNext(CLERK, 1))!;
      order.push(t.label);
      await q.finish(CLERK, t.id);
    }
    // Interleave 2:1 (the default): two walk-ins, then the booking, ahead of the third walk-in.
    expect(order).toEqual([walkIns[0], walkIns[1], booked.label, walkIns[2]]);
    // Statistics: one booking, checked in, called at 10:07 within 10:00–10:30 (7 minutes from the slot's start).
    expect((await core.services.stats.report({ from: '2026-11-23' })).appointments).toEqual({
      booked: 1,
      checkedIn: 1,
      noShows: 0,
      cancelled: 0,
      checkInRate: 1,
      punctual: 1,
      punctualityRate: 1,
      waitFromSlotMeanSec: 420,
    });
    // 预约 is earned by a check-in, never chosen at the kiosk nor given by hand.
    expect((await refusal(q.take(KIOSK, 'A', '预约', 'kiosk')))?.code).toBe('BAD_REQUEST');
    const walkIn = (await q.take(KIOSK, 'A', null, 'kiosk')).ticket;
    expect((await refusal(q.manage(MANAGER, walkIn.id, { priorityKind: '预约' })))?.code).toBe('BAD_REQUEST');
    await core.close();
  });
});
