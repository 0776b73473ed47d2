import { p } from './base';

/** 窗口受理 and the case lifecycle; reading a full case is audited in the service. */
export const cases = {
  requirements: p.cases.requirements.handler(({ context, input }) => context.services.cases.requirements(input)),
  intake: p.cases.intake.handler(({ context, input }) => context.services.cases.intake(context.actor, input)),
  review: p.cases.review.handler(({ context, input }) => {
    const action = input.decision === 'approve' ? 'approve' : input.decision === 'return' ? 'return' : 'reject';
    return context.services.cases.transition(context.actor, input.caseNo, action, { reason: input.reason, defects: input.defects });
  }),
  pay: p.cases.pay.handler(({ context, input }) => context.services.cases.transition(context.actor, input.caseNo, 'pay', { note: input.note })),
  complete: p.cases.complete.handler(({ context, input }) => context.services.cases.transition(context.actor, input.caseNo, 'complete', { result: input.result })),
  withdraw: p.cases.withdraw.handler(({ context, input }) => context.services.cases.transition(context.actor, input.caseNo, 'withdraw', { reason: input.reason })),
  resubmit: p.cases.resubmit.handler(({ context, input }) => context.services.cases.transition(context.actor, input.caseNo, 'resubmit', { materials: input.materials })),
  search: p.cases.search.handler(({ context, input }) => context.services.cases.search(input)),
  get: p.cases.get.handler(({ context, input }) => context.services.cases.get(context.actor, input.caseNo)),
  deadlines: p.cases.deadlines.handler(({ context, input }) => context.services.cases.deadlines(input.dueWithinWorkdays)),
  document: p.cases.document.handler(({ context, input }) => context.services.cases.document(input.id)),
  documentPdf: p.cases.documentPdf.handler(({ context, input }) => context.services.cases.documentPdf(input.id, input.layout)),
  progress: p.cases.progress.handler(({ context, input }) => context.services.cases.progress(input.code)),
};
