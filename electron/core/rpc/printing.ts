import { p } from './base';

/** 小票打印: thin handlers over the printing service (electron/core/printing/service.ts). */
export const printing = {
  status: p.printing.status.handler(({ context }) => context.services.printing.status()),
  preview: p.printing.preview.handler(({ context, input }) => context.services.printing.preview(input.what, input.width)),
  printDocument: p.printing.printDocument.handler(({ context, input }) => context.services.printing.printDocument(context.actor, input.documentId)),
  printTicket: p.printing.printTicket.handler(({ context, input }) => context.services.printing.printTicket(context.actor, input.ticketId)),
  testPrint: p.printing.testPrint.handler(({ context }) => context.services.printing.testPrint(context.actor)),
  jobs: p.printing.jobs.handler(({ context, input }) => context.services.printing.jobs(input)),
  reprint: p.printing.reprint.handler(({ context, input }) => context.services.printing.reprint(context.actor, input.jobId)),
  dismiss: p.printing.dismiss.handler(({ context, input }) => context.services.printing.dismiss(context.actor, input.jobId)),
  simulator: {
    last: p.printing.simulator.last.handler(({ context }) => context.services.printing.simulatorLast()),
    setCondition: p.printing.simulator.setCondition.handler(async ({ context, input }) => {
      await context.services.audit.record(context.actor, 'print.simulator', null, input);
      return context.services.printing.setSimulatorCondition(input);
    }),
  },
};
