import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { AppError } from '../errors';
import { caseMessages } from '../../../shared/messages/zh-CN';

/** A counter's last sequence number of a day: five digits at most. */
export const MAX_CASE_SEQUENCE = 99_999;

/**
 * The next 办件编号 of a counter's day, inside the intake transaction: region code (6) + hall
 * day (8) + counter (3) + that counter's sequence of the day (`case_sequence`). The sequence
 * has 4 digits (21 in all) up to 9 999 — every number issued before keeps its form — and 5
 * (22 in all) from 10 000, so a busy day never runs out. A 21- and a 22-digit number can never
 * be equal, and within one width the parts are fixed, so no number is issued twice.
 */
export async function issueCaseNo(trx: Kysely<Database>, at: { day: string; counter: number; regionCode: string }): Promise<string> {
  const day = at.day.replace(/-/g, '');
  const row = await sql<{ last: number }>`INSERT INTO case_sequence (day, counter, last) VALUES (${day}, ${at.counter}, 1)
    ON CONFLICT (day, counter) DO UPDATE SET last = case_sequence.last + 1 RETURNING last`.execute(trx);
  const seq = Number(row.rows[0]!.last);
  if (seq > MAX_CASE_SEQUENCE) throw new AppError('CONFLICT', 'case sequence exhausted for the day', caseMessages.caseNosUsedUp);
  return `${at.regionCode || '000000'}${day}${String(at.counter).padStart(3, '0')}${String(seq).padStart(4, '0')}`;
}
