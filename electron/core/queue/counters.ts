import { serialize } from '../db/handle';
import type { Actor } from '../auth/audit';
import { AppError } from '../errors';
import type { Category } from '../../../shared/contract/queue';
import type { QueueContext } from './context';
import { DEFAULT_CATEGORIES } from './rows';

/** 窗口 and 业务类别: set-up, open / close, pause / resume. Each change audited in its transaction. */
export function createCounters(ctx: QueueContext) {
  const { db, change } = ctx;

  /** Pausing turns the service period of the ticket at the counter into a paused one, and back. */
  async function setPaused(actor: Actor, counter: number, reason: string | null) {
    await change(
      async (trx) => {
        await ctx.counterRow(trx, counter);
        await trx.updateTable('queue_counters').set({ paused_reason: reason }).where('number', '=', counter).execute();
        const serving = await trx.selectFrom('tickets').select('id').where('counter', '=', counter).where('status', '=', 'serving').execute();
        for (const t of serving) {
          await ctx.closePeriods(trx, t.id);
          await ctx.openPeriod(trx, t.id, reason === null ? 'serving' : 'paused', counter);
        }
      },
      { actor, action: reason === null ? 'counter.resume' : 'counter.pause', target: () => `counter:${counter}`, detail: () => (reason === null ? {} : { reason }) },
    );
  }

  return {
    async ensureDefaults(counters: number[]): Promise<void> {
      const existing = await db.selectFrom('queue_categories').select('id').limit(1).execute();
      if (existing.length) {
        // A counter joining a hall that is already set up registers itself (serving every line,
        // open); one the queue manager configured before keeps its settings.
        const all = JSON.stringify((await ctx.categories()).map((c) => c.id));
        const added = await db.insertInto('queue_counters').values(counters.map((n) => ({ number: n, name: '', categories: all, open: 1 }))).onConflict((oc) => oc.doNothing()).executeTakeFirst();
        if (Number(added.numInsertedOrUpdatedRows ?? 0) > 0) ctx.changes.emit('change');
        return;
      }
      await db.transaction().execute(async (trx) => {
        // Counters of a hall start together: one of them seeds, the others find it done.
        await serialize(trx, 'queue.defaults');
        if ((await trx.selectFrom('queue_categories').select('id').limit(1).execute()).length) return;
        for (const c of DEFAULT_CATEGORIES) await trx.insertInto('queue_categories').values({ id: c.id, name: c.name, items: JSON.stringify(c.items), range_start: 1, range_end: 999 }).execute();
        for (const n of counters) await trx.insertInto('queue_counters').values({ number: n, name: '', categories: JSON.stringify(DEFAULT_CATEGORIES.map((c) => c.id)), open: 1 }).onConflict((oc) => oc.doNothing()).execute();
      });
      ctx.changes.emit('change');
    },

    pause: (actor: Actor, counter: number, reason: string) => setPaused(actor, counter, reason),
    resume: (actor: Actor, counter: number) => setPaused(actor, counter, null),

    async setOpen(actor: Actor, counter: number, open: boolean) {
      await change(
        async (trx) => {
          await ctx.counterRow(trx, counter);
          if (!open) {
            const busy = await trx.selectFrom('tickets').select('label').where('counter', '=', counter).where('status', 'in', ['called', 'serving']).executeTakeFirst();
            if (busy) throw new AppError('CONFLICT', 'counter busy', `请先办结或过号 ${busy.label} 再关闭窗口`);
          }
          await trx.updateTable('queue_counters').set({ open: open ? 1 : 0, paused_reason: null }).where('number', '=', counter).execute();
        },
        { actor, action: open ? 'counter.open' : 'counter.close', target: () => `counter:${counter}` },
      );
    },

    async saveCategory(actor: Actor, c: Category): Promise<Category> {
      if (c.rangeEnd < c.rangeStart) throw new AppError('BAD_REQUEST', 'bad range', '号码范围的结束不能小于开始', { rangeEnd: '号码范围的结束不能小于开始' });
      const row = { name: c.name, items: JSON.stringify(c.items), range_start: c.rangeStart, range_end: c.rangeEnd, daily_cap: c.dailyCap, enabled: c.enabled ? 1 : 0 };
      await change(
        (trx) =>
          trx
            .insertInto('queue_categories')
            .values({ id: c.id, ...row })
            .onConflict((oc) => oc.column('id').doUpdateSet(row))
            .execute(),
        { actor, action: 'queue.category', target: () => `category:${c.id}`, detail: () => ({ ...c }) },
      );
      return c;
    },

    async saveCounter(actor: Actor, c: { number: number; name: string; categories: string[] }) {
      const known = new Set((await ctx.categories()).map((x) => x.id));
      const unknown = c.categories.filter((x) => !known.has(x));
      if (unknown.length) throw new AppError('BAD_REQUEST', 'unknown categories', `没有业务类别：${unknown.join('、')}`, { categories: '包含不存在的业务类别' });
      await change(
        (trx) =>
          trx
            .insertInto('queue_counters')
            .values({ number: c.number, name: c.name, categories: JSON.stringify(c.categories), open: 0 })
            .onConflict((oc) => oc.column('number').doUpdateSet({ name: c.name, categories: JSON.stringify(c.categories) }))
            .execute(),
        { actor, action: 'queue.counter', target: () => `counter:${c.number}`, detail: () => ({ ...c }) },
      );
      return c;
    },
  };
}
