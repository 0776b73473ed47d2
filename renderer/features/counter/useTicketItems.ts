import { useQueries, useQuery } from '@tanstack/react-query';
import type { QueueSnapshot, Ticket } from '../../../shared/contract/queue';
import { useApi } from '../../api/context';
import type { PickedItem } from './ItemPicker';

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
    queries: wanted.map((query) => ({ ...orpc.catalog.search.queryOptions({ input: { query, sourceId, limit: 1 } }), enabled: sourceId !== undefined, staleTime: Infinity })),
  });
  if (!sourceId) return [];
  const picked = hits.flatMap((h) => (h.data?.[0] ? [{ key: h.data[0].key, name: h.data[0].name, sourceId }] : []));
  return picked.filter((p, i) => picked.findIndex((x) => x.key === p.key) === i);
}
