import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { CatalogService } from '../catalog/service';
import type { WorkCalendar } from '../../../shared/calendar';
import type { DueDateChange } from '../../../shared/contract/calendar';
import { computeDueDate } from '../../../shared/cases/due-date';
import { RUNNING_STATUSES } from '../../../shared/cases/model';

/**
 * After a year's 节假日安排 is imported: every running case with a 暂定办结日期 gets its date
 * counted again on the new calendar, from its acceptance day by the rule its answers pick, in
 * one transaction. A date still needing an unloaded year stays provisional. A closed case keeps
 * the date (and the mark) it was closed and reported with. A case whose item left the catalog
 * cannot be recounted and stays as it is (reported with from = to).
 */
export async function recomputeProvisionalDueDates(deps: { db: Kysely<Database>; catalog: CatalogService; now: () => number }, calendar: WorkCalendar): Promise<DueDateChange[]> {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('cases')
      .select(['id', 'case_no', 'item_key', 'item_name', 'source_id', 'answers', 'flags', 'accepted_on', 'due_date'])
      .where('due_provisional', '=', 1)
      .where('status', 'in', [...RUNNING_STATUSES])
      .orderBy('id')
      .execute();
    const at = new Date(deps.now()).toISOString();
    const changes: DueDateChange[] = [];
    for (const row of rows) {
      if (!row.accepted_on || !row.due_date) continue;
      let item;
      try {
        item = deps.catalog.getItem(row.item_key, row.source_id).item;
      } catch {
        changes.push({ caseNo: row.case_no, itemName: row.item_name, from: row.due_date, to: row.due_date, provisional: true });
        continue;
      }
      const due = computeDueDate(
        calendar,
        { acceptedOn: row.accepted_on, timeLimit: item.timeLimit, conditions: item.conditions ?? [], answers: JSON.parse(row.answers) as Record<string, string>, flags: JSON.parse(row.flags) as string[] },
        { provisional: true },
      );
      const provisional = due.provisional === true;
      await trx.updateTable('cases').set({ due_date: due.dueDate, due_provisional: provisional ? 1 : 0, updated_at: at }).where('id', '=', row.id).execute();
      changes.push({ caseNo: row.case_no, itemName: row.item_name, from: row.due_date, to: due.dueDate, provisional });
    }
    return changes;
  });
}
