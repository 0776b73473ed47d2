import type { Selectable } from 'kysely';
import type { TicketsTable } from '../db/schema';
import type { Ticket } from '../../../shared/contract/queue';
import { maskNamePublic } from '../../../shared/identity';

export type TicketRow = Selectable<TicketsTable>;

export function toTicket(row: TicketRow, categoryName: string): Ticket {
  return {
    id: row.id,
    label: row.label,
    categoryId: row.category_id,
    categoryName,
    number: row.number,
    priorityKind: row.priority_kind,
    status: row.status as Ticket['status'],
    counter: row.counter,
    takenAt: row.taken_at,
    queuedAt: row.queued_at,
    calledAt: row.called_at,
    calledCount: row.called_count,
    noShows: row.no_shows,
    caseNos: JSON.parse(row.case_nos) as string[],
    holderName: row.holder ? maskNamePublic((JSON.parse(row.holder) as { name: string }).name) : null,
  };
}

/** Default lines for a new hall, mapped to the national catalog's main items. */
export const DEFAULT_CATEGORIES = [
  { id: 'A', name: '参保登记', items: ['002036001'] },
  { id: 'B', name: '待遇报销', items: ['002036005', '002036006', '002036007', '002036008'] },
  { id: 'C', name: '异地就医', items: ['002036004'] },
  { id: 'D', name: '综合业务', items: ['002036002', '002036003', '002036009', '002036010'] },
];
