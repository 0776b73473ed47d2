import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { announcementText, callingOrder, pickNext, type QueuePolicy, type Waiting } from '../../../shared/queue/policy';

const t = (id: string, priority: boolean, minute: number, number = minute): Waiting => ({ id, number, priority, queuedAt: minute * 60_000 });
const ids = (xs: Waiting[]) => xs.map((x) => x.id);
const line = [t('n1', false, 1), t('p1', true, 2), t('n2', false, 3), t('n3', false, 4), t('p2', true, 5), t('n4', false, 6)];

describe('queue policies', () => {
  it('strict: every priority ticket first, each rank first come first served', () => {
    expect(ids(callingOrder(line, { kind: 'strict' }, { normalsSincePriority: 0 }, 0))).toEqual(['p1', 'p2', 'n1', 'n2', 'n3', 'n4']);
  });

  it('interleave 2:1: two normal, then one priority, while both wait', () => {
    expect(ids(callingOrder(line, { kind: 'interleave', normal: 2 }, { normalsSincePriority: 0 }, 0))).toEqual(['n1', 'n2', 'p1', 'n3', 'n4', 'p2']);
  });

  it('interleave continues from the state: after two normal calls a priority ticket is next', () => {
    expect(pickNext(line, { kind: 'interleave', normal: 2 }, { normalsSincePriority: 2 }, 0)?.id).toBe('p1');
  });

  it('interleave with only priority (or only normal) tickets calls them in arrival order', () => {
    expect(ids(callingOrder(line.filter((x) => x.priority), { kind: 'interleave', normal: 3 }, { normalsSincePriority: 0 }, 0))).toEqual(['p1', 'p2']);
    expect(ids(callingOrder(line.filter((x) => !x.priority), { kind: 'interleave', normal: 3 }, { normalsSincePriority: 9 }, 0))).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('ageing: a priority ticket counts as having come ageingMs earlier', () => {
    // p1 came at 2 min, worth 2 - 10 = -8: ahead of everyone; p2 at 5 - 10 = -5.
    expect(ids(callingOrder(line, { kind: 'ageing', ageingMs: 10 * 60_000 }, { normalsSincePriority: 0 }, 0))).toEqual(['p1', 'p2', 'n1', 'n2', 'n3', 'n4']);
    // With 2 minutes, p2 counts as 5 − 2 = 3, tying n2; the tie goes to the earlier arrival, n2.
    expect(ids(callingOrder(line, { kind: 'ageing', ageingMs: 2 * 60_000 }, { normalsSincePriority: 0 }, 0))).toEqual(['p1', 'n1', 'n2', 'p2', 'n3', 'n4']);
  });

  const policies: QueuePolicy[] = [{ kind: 'strict' }, { kind: 'interleave', normal: 2 }, { kind: 'ageing', ageingMs: 600_000 }];
  it.each(policies.map((p) => [p.kind, p] as const))('%s: FIFO within the same rank, whatever the line (property)', (_k, policy) => {
    fc.assert(
      fc.property(fc.array(fc.record({ priority: fc.boolean(), minute: fc.integer({ min: 0, max: 500 }) }), { maxLength: 40 }), (raw) => {
        const tickets = raw.map((r, i) => t(`t${i}`, r.priority, r.minute, i));
        const order = callingOrder(tickets, policy, { normalsSincePriority: 0 }, 0);
        expect(order).toHaveLength(tickets.length);
        for (const rank of [true, false]) {
          const same = order.filter((x) => x.priority === rank);
          for (let i = 1; i < same.length; i++) expect(same[i - 1]!.queuedAt <= same[i]!.queuedAt).toBe(true);
        }
      }),
    );
  });

  it('announces the ticket and the counter', () => {
    expect(announcementText('A012', 3)).toBe('请 A012 号 到 3 号窗口办理');
  });
});

describe('callingOrder agrees with calling pickNext one by one', () => {
  const policies: QueuePolicy[] = [{ kind: 'strict' }, { kind: 'interleave', normal: 2 }, { kind: 'interleave', normal: 1 }, { kind: 'ageing', ageingMs: 300_000 }];
  it.each(policies.map((p) => [JSON.stringify(p), p] as const))('%s', (_k, policy) => {
    fc.assert(
      fc.property(fc.array(fc.record({ priority: fc.boolean(), minute: fc.integer({ min: 0, max: 100 }) }), { maxLength: 30 }), fc.integer({ min: 0, max: 3 }), (raw, since) => {
        const tickets = raw.map((r, i) => t(`t${i}`, r.priority, r.minute, i));
        const stepwise: string[] = [];
        const rest = [...tickets];
        let state = { normalsSincePriority: since };
        while (rest.length) {
          const next = pickNext(rest, policy, state, 0)!;
          stepwise.push(next.id);
          rest.splice(rest.indexOf(next), 1);
          state = { normalsSincePriority: next.priority ? 0 : state.normalsSincePriority + 1 };
        }
        expect(ids(callingOrder(tickets, policy, { normalsSincePriority: since }, 0))).toEqual(stepwise);
      }),
    );
  });
});
