import type { Command } from 'commander';
import { print, withCore } from '../context';
import { STATS_GROUPINGS, type StatsGrouping } from '../../../shared/contract/stats';
import { hallDate } from '../../../shared/system/hall-time';
import { CliFailure } from '../context';

const min = (s: number | null) => (s === null ? '—' : `${(s / 60).toFixed(1)} min`);

export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description('statistics (统计) of the hall');
  stats
    .command('daily')
    .description("a day's report: tickets, waits, service times, cases, evaluations")
    .option('--date <YYYY-MM-DD>', 'hall day (default today)')
    .option('--to <YYYY-MM-DD>', 'last day of a range starting at --date')
    .option('--group-by <grouping>', `one of ${STATS_GROUPINGS.join(', ')}`, 'category')
    .option('--json', 'print JSON')
    .action(async (opts: { date?: string; to?: string; groupBy: string; json?: boolean }) => {
      if (!(STATS_GROUPINGS as readonly string[]).includes(opts.groupBy)) throw new CliFailure(`--group-by must be one of ${STATS_GROUPINGS.join(', ')}`);
      for (const d of [opts.date, opts.to]) if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new CliFailure(`not a date: ${d} (YYYY-MM-DD)`);
      await withCore(async (core) => {
        const from = opts.date ?? hallDate(core.services.now());
        const r = await core.services.stats.report({ from, to: opts.to, groupBy: opts.groupBy as StatsGrouping });
        const t = r.totals;
        const lines = [
          `${r.from === r.to ? r.from : `${r.from}..${r.to}`}: ${t.taken} tickets taken, ${t.served} served, ${t.noShows} no-shows`,
          `  wait mean ${min(t.waitMeanSec)}, p90 ${min(t.waitP90Sec)}; service mean ${min(t.serviceMeanSec)}, p90 ${min(t.serviceP90Sec)}`,
          `  cases: ${t.accepted} accepted, ${t.refused} refused, ${t.corrections} one-time notices, ${t.completed} completed; now ${t.overdue} overdue, ${t.dueSoon} due soon`,
          `  evaluations: ${t.evaluations}${t.satisfactionRate === null ? '' : `, ${(t.satisfactionRate * 100).toFixed(1)}% satisfied`}; ${r.followUpsOpen} follow-ups open; sync backlog ${r.syncBacklog.count}${r.syncBacklog.available ? '' : ' (no sync)'}`,
          ...r.rows.map((x) => `  ${x.label}: ${x.taken} taken, ${x.served} served, wait ${min(x.waitMeanSec)}, ${x.accepted} accepted, ${x.completed} completed`),
        ];
        print(opts.json === true, r, lines.join('\n'));
      });
    });
}
