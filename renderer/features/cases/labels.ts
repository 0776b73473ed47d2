import type { CaseStatus } from '../../../shared/cases/model';

export function statusColor(status: CaseStatus): string {
  switch (status) {
    case 'accepted':
      return 'processing';
    case 'approved':
    case 'paid':
      return 'cyan';
    case 'completed':
      return 'success';
    case 'correction_requested':
    case 'returned':
      return 'warning';
    case 'refused':
    case 'rejected':
      return 'error';
    default:
      return 'default';
  }
}

export const DOCUMENT_KIND_LABELS = { acceptanceReceipt: '受理回执', oneTimeNotice: '一次性告知书', refusalNotice: '不予受理通知书', completionNotice: '办结通知书' } as const;
