import { p } from './base';
import { renderStatsExport } from '../stats/export';

/** 统计 and 好差评. */
export const stats = {
  report: p.stats.report.handler(({ context, input }) => context.services.stats.report(input)),
  tickets: p.stats.tickets.handler(({ context, input }) => context.services.stats.tickets(input)),
  cases: p.stats.cases.handler(({ context, input }) => context.services.stats.cases(input)),
  export: p.stats.export.handler(async ({ context, input }) => {
    const report = await context.services.stats.report(input);
    await context.services.audit.record(context.actor, 'stats.export', null, { from: report.from, to: report.to, format: input.format });
    return renderStatsExport(report, input.format, context.services.settings.get().hall.name);
  }),
  followUps: p.stats.followUps.handler(({ context, input }) => context.services.evaluations.followUps(input.status)),
  closeFollowUp: p.stats.closeFollowUp.handler(({ context, input }) => context.services.evaluations.closeFollowUp(context.actor, input.id, input.note)),
};

export const evaluation = {
  context: p.evaluation.context.handler(({ context, input }) => context.services.evaluations.context(input.counter)),
  submit: p.evaluation.submit.handler(({ context, input }) => context.services.evaluations.submit(context.actor, input)),
};
