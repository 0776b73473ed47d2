import type { IdentityRecord, SocialSecurityCard } from '../../../shared/contract/readers';
import { maskIdNumber, maskName } from '../../../shared/identity';
import type { Actor } from '../auth/audit';
import type { CoreServices } from '../core';
import { p, userSession } from './base';

/** Reading a card shows a person's data: audited with masked values (the log scrubs numbers again). */
function auditRead(services: CoreServices, actor: Actor, record: IdentityRecord | SocialSecurityCard, how: string) {
  const idNumber = 'idNumber' in record ? record.idNumber : record.socialSecurityNumber;
  return services.audit.record(actor, 'person.read_card', maskIdNumber(idNumber), {
    source: record.source,
    ...('cardType' in record ? { cardType: record.cardType, expired: record.expired } : {}),
    name: maskName(record.name),
    how,
  });
}

/** 读卡: thin handlers over the reader service (electron/core/devices/service.ts). */
export const readers = {
  status: p.readers.status.handler(({ context }) => context.services.readers.statuses()),
  readIdCard: p.readers.readIdCard.handler(async ({ context, input }) => {
    const record = await context.services.readers.readIdCard(input.waitMs);
    await auditRead(context.services, context.actor, record, 'read');
    return record;
  }),
  readSocialSecurityCard: p.readers.readSocialSecurityCard.handler(async ({ context }) => {
    const card = await context.services.readers.readSocialSecurityCard();
    await auditRead(context.services, context.actor, card, 'read');
    return card;
  }),
  decodeEVoucher: p.readers.decodeEVoucher.handler(async ({ context, input }) => {
    const user = userSession(context.session).user;
    const record = await context.services.readers.decodeEVoucher(input.code, input.businessType, { id: String(user.id), name: user.display_name });
    await auditRead(context.services, context.actor, record, 'evoucher');
    return record;
  }),
  events: p.readers.events.handler(async function* ({ context, input, signal }) {
    for await (const event of context.services.readers.events(signal)) {
      if (event.type === 'card' && !input.cards) continue;
      if (event.type === 'card') await auditRead(context.services, context.actor, event.record, 'auto-read');
      yield event;
    }
  }),
  simulator: {
    cards: p.readers.simulator.cards.handler(({ context }) => context.services.readers.simulatorCards()),
    place: p.readers.simulator.place.handler(({ context, input }) => ({ placed: context.services.readers.placeSimulatedCard(input.id) })),
  },
};
