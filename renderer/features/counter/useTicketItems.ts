import { useQueries, useQuery } from '@tanstack/react-query';
import type { QueueSnapshot, Ticket } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import type { PickedItem } from './ItemPicker';
import { BOOKED_PRIORITY } from '../../../shared/queue/policy';

/**
 * The items the current ticket's category serves (排队管理 lists them per category, by key or
 * name), resolved in the active catalog: what the person said they came for at the kiosk.
 */
export function useTicketItems(ticket: Ticket | null, snapshot: QueueSnapshot | null): PickedItem[] {
  const { orpc } = useApi();
  const status = useQuery(orpc.catalog.status.queryOptions());
  const sourceId = status.data?.activeSourceId;
  const wanted = (ticket && snapshot?.categories.find((c) => c.id === ticket.categoryId)?.items) ?? [];
  const hits = useQueries({
    queries: wanted.map((query) => ({ ...orpc.catalog.search.queryOptions({ input: { query, sourceId, limit: 20 } }), enabled: sourceId !== undefined, staleTime: Infinity })),
  });
  if (!sourceId) return [];
  // A main item's code (002036001 参保登记) stands for all its items; a name or an item code for one.
  const picked = hits.flatMap((h, i) => {
    const query = wanted[i]!;
    const found = /^\d+$/.test(query) ? (h.data ?? []).filter((hit) => hit.code?.startsWith(query)).sort((a, b) => (a.code ?? "").localeCompare(b.code ?? "")) : (h.data ?? []).slice(0, 1);
    return found.map((hit) => ({ key: hit.key, name: hit.name, sourceId }));
  });
  return picked.filter((p, i) => picked.findIndex((x) => x.key === p.key) === i);
}

/** The item a called 预约 ticket was booked for, in the active catalog (undefined for walk-ins). */
export function useBookedItem(ticket: Ticket | null): PickedItem | undefined {
  const { orpc } = useApi();
  const status = useQuery(orpc.catalog.status.queryOptions());
  const sourceId = status.data?.activeSourceId;
  const booking = useQuery({ ...orpc.appointments.forTicket.queryOptions({ input: { ticketId: ticket?.id ?? '' } }), enabled: ticket?.priorityKind === BOOKED_PRIORITY, staleTime: Infinity });
  const key = booking.data?.itemKey;
  if (!key || !sourceId || !booking.data) return undefined;
  return { key, name: booking.data.itemName, sourceId };
}
