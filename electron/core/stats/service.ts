import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CaseService } from '../cases/service';
import type { CatalogService } from '../catalog/service';
import type { CalendarService } from '../calendar/service';
import type { SettingsStore } from '../settings/store';
import { AppError } from '../errors';
import { hallDate, hallDayStartMs } from '../../../shared/system/hall-time';
import { satisfactionRate } from '../../../shared/stats/evaluation';
import type { StatsFigures, StatsGrouping, StatsReport } from '../../../shared/contract/stats';
import { AGGREGATE_VERSION, emptyGroup, mergeDays, mergeGroup, percentile, waitDistribution, type DayAggregate, type Dimension, type Group } from './aggregate';
import { readDayFacts, type DayFacts } from './facts';
import { aggregateDay } from './compute';
import { createDrill } from './drill';
import { categoryNames } from '../queue/facts';
import { displayNames } from '../auth/readers';
import { runningDueCounts } from '../cases/readers';
import { syncBacklogCount } from '../sync/backlog';
import { appointmentStats } from './appointments';
import { statsMessages } from '../../../shared/messages/zh-CN';

type Db = Kysely<Database>;
export const MAX_RANGE_DAYS = 366 * 6;
export const DUE_SOON_WORKDAYS = 3;

export interface StatsDeps {
  db: Db;
  cases: CaseService;
  catalog: CatalogService;
  calendar: CalendarService;
  settings: SettingsStore;
  now: () => number;
}

/** Every hall day from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new AppError('BAD_REQUEST', `not a date: ${from}..${to}`, statsMessages.badDate);
  if (!(end >= start)) throw new AppError('BAD_REQUEST', `bad range ${from}..${to}`, statsMessages.endBeforeStart, { to: statsMessages.endBeforeStart });
  if ((end - start) / 86_400_000 + 1 > MAX_RANGE_DAYS) throw new AppError('BAD_REQUEST', 'range too long', statsMessages.rangeTooLong);
  for (let t = start; t <= end; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function figures(g: Group): Omit<StatsFigures, 'overdue' | 'dueSoon'> {
  const evaluations = g.levels.reduce((s, n) => s + n, 0);
  return {
    taken: g.taken,
    served: g.served,
    noShows: g.noShows,
    unserved: g.unserved,
    waitMeanSec: g.waitN ? Math.round(g.waitSum / g.waitN) : null,
    waitP90Sec: percentile(g.waitHist, 90),
    serviceMeanSec: g.serviceN ? Math.round(g.serviceSum / g.serviceN) : null,
    serviceP90Sec: percentile(g.serviceHist, 90),
    accepted: g.accepted,
    refused: g.refused,
    corrections: g.corrections,
    completed: g.completed,
    evaluations,
    satisfied: g.levels[2]! + g.levels[3]! + g.levels[4]!,
    satisfactionRate: satisfactionRate(g.levels),
    levels: [...g.levels],
  };
}

/**
 * 统计: a day's or a range's figures. Past hall days are folded once into `stats_daily` (a closed
 * day's tickets and case events no longer change); today is always read live.
 */
export function createStatsService(deps: StatsDeps) {
  const { db } = deps;
  const today = () => hallDate(deps.now());

  /** When queue day `day` ends: the next day's reset (hall time), e.g. midnight for 00:00. */
  function queueDayEndMs(day: string): number {
    const reset = deps.settings.get().queue.dailyReset;
    const [h, m] = reset === 'never' ? [0, 0] : reset.split(':').map(Number);
    return hallDayStartMs(day, 1) + (h! * 60 + m!) * 60_000;
  }

  async function facts(day: string): Promise<DayFacts> {
    return readDayFacts(db, day, deps.now(), queueDayEndMs(day));
  }

  async function dayAggregates(days: string[]): Promise<DayAggregate[]> {
    const t = today();
    const cached = new Map<string, DayAggregate>();
    const past = days.filter((d) => d < t);
    if (past.length) {
      const rows = await db.selectFrom('stats_daily').select(['day', 'data']).where('day', '>=', past[0]!).where('day', '<=', past[past.length - 1]!).where('version', '=', AGGREGATE_VERSION).execute();
      for (const r of rows) cached.set(r.day, JSON.parse(r.data) as DayAggregate);
    }
    const out: DayAggregate[] = [];
    for (const d of days) {
      if (d > t) continue;
      let agg = cached.get(d);
      if (!agg) {
        agg = aggregateDay(d, await facts(d));
        if (d < t && queueDayEndMs(d) <= deps.now()) {
          const data = JSON.stringify(agg);
          await db.insertInto('stats_daily').values({ day: d, version: AGGREGATE_VERSION, data, computed_at: new Date(deps.now()).toISOString() }).onConflict((oc) => oc.column('day').doUpdateSet({ version: AGGREGATE_VERSION, data })).execute();
        }
      }
      out.push(agg);
    }
    return out;
  }

  function mainItemOf(key: string, items: DayAggregate['items']): string {
    const [name, source] = items[key] ?? [key, undefined];
    try {
      return deps.catalog.getItem(key, source).item.mainItem?.name ?? name;
    } catch {
      return name;
    }
  }

  /** Groups of the chosen grouping; 主项 merges the item groups under their main item. */
  function groupsFor(agg: DayAggregate, groupBy: StatsGrouping): Map<string, Group> {
    if (groupBy !== 'mainItem') return new Map(Object.entries(agg.groups[groupBy as Dimension]));
    const out = new Map<string, Group>();
    for (const [k, g] of Object.entries(agg.groups.item)) {
      const main = k === '' ? '' : mainItemOf(k, agg.items);
      out.set(main, mergeGroup(out.get(main) ?? emptyGroup(), g));
    }
    return out;
  }

  async function labeller(groupBy: StatsGrouping, agg: DayAggregate): Promise<(key: string) => string> {
    if (groupBy === 'category') {
      const names = await categoryNames(db);
      return (k) => (k === '' ? '（无取号）' : `${k} ${names.get(k) ?? ''}`.trim());
    }
    if (groupBy === 'counter') return (k) => (k === '' ? '（未叫号）' : `${k}号窗口`);
    if (groupBy === 'clerk') {
      const names = await displayNames(db);
      return (k) => (k === '' ? '（未记录）' : names.has(k) ? `${names.get(k)}（${k}）` : k);
    }
    if (groupBy === 'item') return (k) => (k === '' ? '（未关联办件）' : (agg.items[k]?.[0] ?? k));
    return (k) => (k === '' ? '（未关联办件）' : k);
  }

  /** The last day still "due soon" (at most N working days left), or null when the calendar cannot say. */
  function dueSoonCutoff(from: string): string | null {
    try {
      const cal = deps.calendar.calendar();
      let cutoff = from;
      for (let i = 1; i <= 40; i++) {
        const d = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
        if (cal.workdaysBetween(from, d) > DUE_SOON_WORKDAYS) break;
        cutoff = d;
      }
      return cutoff;
    } catch {
      return null;
    }
  }

  /**
   * Running cases overdue / due soon, now, per key of the grouping (null where it does not
   * apply): one grouped read over the (status, due_date) index — the same rule as
   * cases.deadlines (due soon = due today or within DUE_SOON_WORKDAYS working days).
   */
  async function deadlineCounts(groupBy: StatsGrouping, agg: DayAggregate) {
    const t = today();
    const cutoff = dueSoonCutoff(t) ?? t;
    const rows = await runningDueCounts(db, cutoff)
      .then((grouped) => grouped.map((r) => ({ ...r, over: r.due_date! < t ? 1 : 0 })));
    const keyOf = (r: (typeof rows)[number]): string | null =>
      groupBy === 'clerk' ? r.clerk : groupBy === 'counter' ? String(r.counter) : groupBy === 'item' ? r.item_key : groupBy === 'mainItem' ? mainItemOf(r.item_key, { ...agg.items, [r.item_key]: [r.item_name, r.source_id] }) : null;
    const byKeyOverdue = new Map<string, number>();
    const byKeyDueSoon = new Map<string, number>();
    let overdue = 0;
    let dueSoon = 0;
    for (const r of rows) {
      const n = Number(r.n);
      const m = Number(r.over) ? byKeyOverdue : byKeyDueSoon;
      if (Number(r.over)) overdue += n;
      else dueSoon += n;
      const k = keyOf(r);
      if (k !== null) m.set(k, (m.get(k) ?? 0) + n);
    }
    return { overdue, dueSoon, byKeyOverdue, byKeyDueSoon, applies: groupBy !== 'category' };
  }

  /** Closed cases waiting for upstream, from the sync outbox. */
  async function syncBacklog(): Promise<StatsReport['syncBacklog']> {
    try {
      return { available: true, count: await syncBacklogCount(db), note: '待上报、结果未知或需人工处理的办件' };
    } catch {
      return { available: false, count: 0, note: '无法读取上报队列，积压按 0 计' };
    }
  }

  const drill = createDrill({ db, facts, daysOf, today, cases: deps.cases, mainItemOf, dueSoonWorkdays: DUE_SOON_WORKDAYS });

  return {
    ...drill,

    /** The aggregate of each day (cached for past days); the bench and tests read it. */
    dayAggregates,

    async report(input: { from: string; to?: string; groupBy?: StatsGrouping }): Promise<StatsReport> {
      const to = input.to ?? input.from;
      const groupBy = input.groupBy ?? 'category';
      const agg = mergeDays(await dayAggregates(daysOf(input.from, to)), `${input.from}..${to}`);
      const label = await labeller(groupBy, agg);
      const dl = await deadlineCounts(groupBy, agg);
      const rows = [...groupsFor(agg, groupBy)]
        .map(([key, g]) => ({ key, label: label(key), ...figures(g), overdue: dl.applies ? (dl.byKeyOverdue.get(key) ?? 0) : null, dueSoon: dl.applies ? (dl.byKeyDueSoon.get(key) ?? 0) : null }))
        .sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key, 'zh-CN', { numeric: true })));
      const clerkLabel = await labeller('clerk', agg);
      const workload = Object.entries(agg.groups.clerk)
        .filter(([k]) => k !== '')
        .map(([k, g]) => ({ clerk: clerkLabel(k), served: g.served, serviceMinutes: Math.round(g.serviceSum / 6) / 10, accepted: g.accepted, completed: g.completed, refused: g.refused, corrections: g.corrections }))
        .sort((a, b) => b.served + b.accepted - (a.served + a.accepted));
      const open = await db.selectFrom('evaluations').select((eb) => eb.fn.countAll().as('n')).where('follow_up', '=', 'open').executeTakeFirstOrThrow();
      return {
        from: input.from,
        to,
        groupBy,
        generatedAt: new Date(deps.now()).toISOString(),
        totals: { ...figures(agg.total), overdue: dl.overdue, dueSoon: dl.dueSoon },
        rows,
        hourly: agg.arrivals.map((n, hour) => ({ hour, arrivals: n, served: agg.served[hour]! })),
        waitDistribution: waitDistribution(agg.total.waitHist),
        workload,
        syncBacklog: await syncBacklog(),
        followUpsOpen: Number(open.n),
        dueSoonWorkdays: DUE_SOON_WORKDAYS,
        appointments: await appointmentStats(db, input.from, to, deps.now()),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
