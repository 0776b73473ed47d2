import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import { checkIdNumberAs } from '../../../shared/identity';
import type { TicketHolder } from '../../../shared/contract/queue';

/**
 * 实名取号: the identity a kiosk read from an ID card or 医保电子凭证 when the ticket was taken.
 * Stored unmasked on the ticket so the clerk who calls it has the person on screen at once; the
 * board and the voice only ever get the masked name (rows.ts).
 */

/** The tickets.holder value for a take, refusing what no card could have produced. */
export function holderColumn(holder: TicketHolder | undefined, realNameTickets: boolean, today: string): string | null {
  if (!holder) return null;
  if (!realNameTickets) throw new AppError('BAD_REQUEST', 'real-name tickets are off', '本大厅未开启实名取号');
  const check = checkIdNumberAs(holder.idNumber, holder.idKind, today);
  if (!check.valid) throw new AppError('BAD_REQUEST', `holder id invalid: ${check.reason ?? ''}`, `证件号码无效：${check.reason ?? '请重新读卡'}`, { 'holder.idNumber': check.reason ?? '证件号码无效' });
  if (holder.birthDate && check.birthDate && holder.birthDate !== check.birthDate) {
    throw new AppError('BAD_REQUEST', 'holder birth date contradicts id', '出生日期与证件号码不符，请重新读卡', { 'holder.birthDate': '出生日期与证件号码不符' });
  }
  return JSON.stringify({ ...holder, idNumber: check.normalized ?? holder.idNumber.trim().toUpperCase() });
}

/** The holder of a ticket being handled at the clerk's own counter, unmasked; every view is audited. */
export async function ticketHolder(deps: { db: Kysely<Database>; audit: AuditLog }, actor: Actor, ticketId: string, counter: number): Promise<TicketHolder | null> {
  const row = await deps.db.selectFrom('tickets').select(['id', 'label', 'status', 'counter', 'holder']).where('id', '=', ticketId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `ticket ${ticketId} not found`, '未找到该号码');
  if (row.counter !== counter || !['called', 'serving'].includes(row.status)) {
    throw new AppError('FORBIDDEN', 'holder of a ticket not at this counter', `${row.label} 号不在本窗口办理，不能查看取号人信息`);
  }
  if (!row.holder) return null;
  await deps.audit.record(actor, 'person.view', `ticket:${row.id}`, { label: row.label, via: 'queue.holder' });
  return JSON.parse(row.holder) as TicketHolder;
}
