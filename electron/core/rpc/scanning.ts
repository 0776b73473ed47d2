import { p } from './base';

/** 扫描 / 拍照 and the pages of a case's materials (electron/core/scanning, electron/core/attachments). */
export const scanning = {
  devices: p.scanning.devices.handler(({ context, input }) => context.services.scanning.devices(input.driver)),
  scan: p.scanning.scan.handler(async function* ({ context, input, signal }) {
    yield* context.services.scanning.scan(context.actor, input, signal);
  }),
  capture: p.scanning.capture.handler(({ context, input }) => context.services.scanning.capture(context.actor, input)),
};

export const attachments = {
  pages: p.attachments.pages.handler(({ context, input }) => context.services.attachments.pages.list(input.caseNo)),
  image: p.attachments.image.handler(({ context, input }) => context.services.attachments.pages.image(input.id)),
  rotate: p.attachments.rotate.handler(({ context, input }) => context.services.attachments.pages.rotate(input.id, input.by, context.actor)),
  move: p.attachments.move.handler(({ context, input }) => context.services.attachments.pages.move(input.id, input.position, context.actor)),
  remove: p.attachments.remove.handler(async ({ context, input }) => ({ removed: await context.services.attachments.pages.remove(input.id, context.actor) })),
  materialPdf: p.attachments.materialPdf.handler(({ context, input }) => context.services.attachments.pages.materialPdfFile(input.caseNo, input.seq)),
};
