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

