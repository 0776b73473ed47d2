import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CaseService } from '../cases/service';
import { AppError } from '../errors';
import type { StatsGrouping } from '../../../shared/contract/stats';
import type { DayFacts } from './facts';
import { statsMessages } from '../../../shared/messages/zh-CN';

export const MAX_DRILL_DAYS = 31;

interface DrillDeps {
  db: Kysely<Database>;
  facts: (day: string) => Promise<DayFacts>;
  daysOf: (from: string, to: string) => string[];
  today: () => string;
  cases: CaseService;
  mainItemOf: (key: string, items: DayFacts['items']) => string;
  dueSoonWorkdays: number;
}

interface DrillInput {
  from: string;
  to?: string;
  groupBy?: StatsGrouping;
  key?: string;
  limit?: number;
}

/** 下钻: the tickets or cases behind a figure of the report, read from the raw rows. */
export function createDrill(deps: DrillDeps) {
  function days(input: DrillInput): string[] {
    const list = deps.daysOf(input.from, input.to ?? input.from).filter((d) => d <= deps.today());
    if (list.length > MAX_DRILL_DAYS) throw new AppError('BAD_REQUEST', 'drill range too long', statsMessages.drillTooLong(MAX_DRILL_DAYS));
    return list;
  }

  function matches(input: DrillInput, keys: { category: string; counter: string; clerk: string; item: string }, items: DayFacts['items']): boolean {
    if (input.key === undefined) return true;
    const g = input.groupBy ?? 'category';
    const value = g === 'mainItem' ? (keys.item === '' ? '' : deps.mainItemOf(keys.item, items)) : keys[g];
    return value === input.key;
  }

  return {
    async tickets(input: DrillInput & { figure: 'taken' | 'served' | 'noShows' | 'waited' }) {
      const rows = [];
      for (const d of days(input)) {
        const f = await deps.facts(d);
        for (const t of f.tickets) {
          if (!matches(input, { category: t.category, counter: t.counter, clerk: t.clerk, item: t.itemKey }, f.items)) continue;
          const ok = input.figure === 'taken' || (input.figure === 'served' && t.doneAt !== null) || (input.figure === 'noShows' && t.status === 'no_show') || (input.figure === 'waited' && t.waitSec !== null);
          if (!ok) continue;
          rows.push({
            id: t.id,
            label: t.label,
            day: t.day,
            category: t.category,
            counter: t.counter === '' ? null : Number(t.counter),
            clerk: t.clerk,
            itemName: t.itemKey ? (f.items[t.itemKey]?.[0] ?? t.itemKey) : '',
            status: t.status,
            takenAt: t.takenAt,
            doneAt: t.doneAt,
            waitSec: t.waitSec,
            serviceSec: t.serviceSec,
            caseNos: t.caseNos,
          });
        }
      }
      rows.sort((a, b) => a.takenAt.localeCompare(b.takenAt));
      return { total: rows.length, rows: rows.slice(0, input.limit ?? 500) };
    },

    async cases(input: DrillInput & { figure: 'accepted' | 'refused' | 'corrections' | 'completed' | 'overdue' | 'dueSoon' }) {
      if (input.figure === 'overdue' || input.figure === 'dueSoon') {
        const dl = await deps.cases.deadlines(deps.dueSoonWorkdays);
        const list = (input.figure === 'overdue' ? dl.overdue : dl.dueSoon).filter((c) => input.groupBy === 'category' || matches(input, { category: '', counter: String(c.counter), clerk: c.clerk, item: c.itemKey }, { [c.itemKey]: [c.itemName, c.sourceId] }));
        const rows = list.map((c) => ({ caseNo: c.caseNo, itemName: c.itemName, clerk: c.clerk, counter: c.counter, at: c.dueDate, dueDate: c.dueDate, workdaysLeft: c.workdaysLeft }));
        return { total: rows.length, rows: rows.slice(0, input.limit ?? 500) };
      }
      const rows = [];
      for (const d of days(input)) {
        const f = await deps.facts(d);
        for (const c of f.cases) {
          if (c.figure !== input.figure || !matches(input, { category: c.category, counter: c.counter, clerk: c.clerk, item: c.itemKey }, f.items)) continue;
          rows.push({ caseNo: c.caseNo, itemName: c.itemName, clerk: c.clerk, counter: c.counter === '' ? null : Number(c.counter), at: c.at, dueDate: null, workdaysLeft: null });
        }
      }
      rows.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''));
      return { total: rows.length, rows: rows.slice(0, input.limit ?? 500) };
    },
  };
}
