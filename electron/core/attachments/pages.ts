import type { Kysely, Selectable } from 'kysely';
import type { CasePagesTable, Database } from '../db/schema';
import type { Actor, AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import { FINAL_STATUSES, type CaseStatus } from '../../../shared/cases/model';
import type { ScannedPage } from '../../../shared/contract/scanning';
import type { AttachmentStore } from './store';
import { assembleMaterialPdf } from './pdf';
import { caseRefById, caseRefByNo, materialName, materialNames } from '../cases/readers';
import type { AttachmentRef } from '../sync/outbox';
import { attachmentMessages } from '../../../shared/messages/zh-CN';

/**
 * The pages of a case's materials: rows in `case_pages`, bytes in the attachment store. Every
 * list is ordered by (position, id), so two pages that ever share a position (two counters
 * adding to the same material at the same instant) still have one stable order; moving or
 * deleting renumbers the material from 1.
 */
export interface NewPage {
  bytes: Buffer;
  mime: string;
  width: number;
  height: number;
  dpi: number;
  thumb: Buffer;
  source: string;
}

export interface PageStoreDeps {
  db: Kysely<Database>;
  store: AttachmentStore;
  audit: AuditLog;
  now: () => number;
  hallName: () => string;
}

type Row = Selectable<CasePagesTable>;

export function createPageStore({ db, store, audit, now, hallName }: PageStoreDeps) {
  const iso = () => new Date(now()).toISOString();

  /** `thumb`: the thumbnail's bytes when the caller has them (a page just stored), not read back from the store. */
  async function toPage(row: Row, known?: Buffer): Promise<ScannedPage> {
    const thumb = known ?? (await store.get(row.thumb_sha256).catch(() => null));
    return {
      id: row.id,
      seq: row.material_seq,
      position: row.position,
      rotation: row.rotation as ScannedPage['rotation'],
      sha256: row.sha256,
      size: row.size,
      mime: row.mime,
      width: row.width,
      height: row.height,
      dpi: row.dpi,
      source: row.source,
      createdAt: row.created_at,
      thumb: thumb ? `data:image/webp;base64,${thumb.toString('base64')}` : '',
    };
  }

  async function caseRow(caseNo: string) {
    const row = await caseRefByNo(db, caseNo);
    if (!row) throw new AppError('NOT_FOUND', `case ${caseNo} not found`, attachmentMessages.caseNotFound);
    return row;
  }

  /** Pages may change while the case is open; a closed case's PDFs are what went upstream. */
  function assertOpen(c: { status: string; case_no: string }) {
    if ((FINAL_STATUSES as readonly string[]).includes(c.status as CaseStatus)) throw new AppError('CONFLICT', `case ${c.case_no} is closed`, attachmentMessages.caseClosed);
  }

  async function editable(id: number): Promise<Row & { case_no: string }> {
    const page = await db.selectFrom('case_pages').selectAll().where('id', '=', id).executeTakeFirst();
    const c = page && (await caseRefById(db, page.case_id));
    const row = page && c && { ...page, status: c.status, case_no: c.case_no };
    if (!row) throw new AppError('NOT_FOUND', `page ${id} not found`, attachmentMessages.pageNotFound);
    assertOpen(row);
    return row;
  }

  const materialRows = (through: Kysely<Database>, caseId: number, seq: string) =>
    through.selectFrom('case_pages').selectAll().where('case_id', '=', caseId).where('material_seq', '=', seq).orderBy('position').orderBy('id').execute();

  async function renumber(through: Kysely<Database>, ids: number[]) {
    for (const [i, id] of ids.entries()) await through.updateTable('case_pages').set({ position: i + 1 }).where('id', '=', id).execute();
  }

  return {
    /** The case and material a scan goes into; refuses closed cases and unknown materials before the device starts. */
    async target(caseNo: string, seq: string): Promise<{ caseId: number; materialName: string }> {
      const c = await caseRow(caseNo);
      assertOpen(c);
      const name = await materialName(db, c.id, seq);
      if (name === undefined) throw new AppError('NOT_FOUND', `case ${caseNo} has no material ${seq}`, attachmentMessages.noSuchMaterial);
      return { caseId: c.id, materialName: name };
    },

    /**
     * Stores the bytes (content-addressed) and appends the page to the material in one statement;
     * `alongside` (the action's audit entry) runs in the same transaction, with the page made.
     */
    async add(caseId: number, seq: string, page: NewPage, actor: Actor, alongside?: (trx: Kysely<Database>, made: ScannedPage) => Promise<void>): Promise<ScannedPage> {
      const [image, thumb] = await Promise.all([store.put(page.bytes), store.put(page.thumb)]);
      if (!alongside) return append(db);
      return db.transaction().execute(async (trx) => {
        const made = await append(trx);
        await alongside(trx, made);
        return made;
      });

      async function append(on: Kysely<Database>): Promise<ScannedPage> {
        const position = on
          .selectFrom('case_pages')
          .select((eb) => eb(eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)), '+', 1).as('next'))
          .where('case_id', '=', caseId)
          .where('material_seq', '=', seq);
        const row = await on
          .insertInto('case_pages')
          .values({
            case_id: caseId,
            material_seq: seq,
            position: position as never,
            rotation: 0,
            sha256: image.sha256,
            size: image.size,
            mime: page.mime,
            width: page.width,
            height: page.height,
            dpi: page.dpi,
            thumb_sha256: thumb.sha256,
            source: page.source,
            created_by: actor.name,
            created_at: iso(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toPage(row, page.thumb);
      }
    },

    async list(caseNo: string): Promise<ScannedPage[]> {
      const c = await caseRow(caseNo);
      const rows = await db.selectFrom('case_pages').selectAll().where('case_id', '=', c.id).orderBy('material_seq').orderBy('position').orderBy('id').execute();
      return Promise.all(rows.map((r) => toPage(r)));
    },

    /** Page counts per material seq, for the materials checklist. */
    async counts(caseId: number): Promise<Record<string, number>> {
      const rows = await db.selectFrom('case_pages').select(['material_seq', (eb) => eb.fn.countAll<number>().as('n')]).where('case_id', '=', caseId).groupBy('material_seq').execute();
      return Object.fromEntries(rows.map((r) => [r.material_seq, Number(r.n)]));
    },

    async image(id: number) {
      const row = await db.selectFrom('case_pages').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `page ${id} not found`, attachmentMessages.pageNotFound);
      const bytes = await store.get(row.sha256).catch(() => {
        throw new AppError('NOT_FOUND', `attachment ${row.sha256} missing from ${store.root}`, attachmentMessages.imageMissing);
      });
      return { mime: row.mime, base64: bytes.toString('base64'), rotation: row.rotation as ScannedPage['rotation'] };
    },

    async rotate(id: number, by: 90 | -90 | 180, actor: Actor): Promise<ScannedPage> {
      const row = await editable(id);
      const rotation = (((row.rotation + by) % 360) + 360) % 360;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('case_pages').set({ rotation }).where('id', '=', id).execute();
        await audit.record(actor, 'scan.rotate', `case:${row.case_no}`, { seq: row.material_seq, page: id, rotation }, trx);
      });
      return toPage({ ...row, rotation });
    },

    async move(id: number, position: number, actor: Actor): Promise<ScannedPage[]> {
      const row = await editable(id);
      const rows = await db.transaction().execute(async (trx) => {
        const ids = (await materialRows(trx, row.case_id, row.material_seq)).map((r) => r.id).filter((x) => x !== id);
        ids.splice(Math.min(position, ids.length + 1) - 1, 0, id);
        await renumber(trx, ids);
        await audit.record(actor, 'scan.move', `case:${row.case_no}`, { seq: row.material_seq, page: id, position }, trx);
        return materialRows(trx, row.case_id, row.material_seq);
      });
      return Promise.all(rows.map((r) => toPage(r)));
    },

    async remove(id: number, actor: Actor): Promise<number> {
      const row = await editable(id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('case_pages').where('id', '=', id).execute();
        await renumber(trx, (await materialRows(trx, row.case_id, row.material_seq)).map((r) => r.id));
        await audit.record(actor, 'scan.remove', `case:${row.case_no}`, { seq: row.material_seq, page: id, sha256: row.sha256 }, trx);
      });
      return id;
    },

    /** The material's pages as one PDF for the clerk to download. */
    async materialPdfFile(caseNo: string, seq: string): Promise<{ fileName: string; base64: string; pages: number }> {
      const c = await caseRow(caseNo);
      const name = await materialName(db, c.id, seq);
      if (name === undefined) throw new AppError('NOT_FOUND', `case ${caseNo} has no material ${seq}`, attachmentMessages.noSuchMaterial);
      const made = await materialPdf(c.id, seq, `${caseNo} ${name}`);
      if (!made) throw new AppError('NOT_FOUND', `material ${seq} of ${caseNo} has no pages`, attachmentMessages.noPages);
      return { fileName: `${caseNo}-${seq}-${name.replace(/[\\/:*?"<>|\s]+/g, '')}.pdf`.slice(0, 120), base64: made.pdf.toString('base64'), pages: made.pages };
    },

    /**
     * For the upstream sync: the attachments of a closing case's message: each material's PDF, put in
     * the store (deterministic bytes: the same pages give the same hash) and named by hash.
     */
    async attachmentsFor(caseId: number): Promise<Record<string, AttachmentRef[]>> {
      const c = await caseRefById(db, caseId);
      if (!c) return {};
      const names = await materialNames(db, caseId);
      const seqs = await db.selectFrom('case_pages').select('material_seq').distinct().where('case_id', '=', caseId).execute();
      const out: Record<string, AttachmentRef[]> = {};
      // Pages of a material the case does not list are left out, as before.
      for (const m of seqs.flatMap((r) => (names.has(r.material_seq) ? [{ seq: r.material_seq, name: names.get(r.material_seq)! }] : []))) {
        const made = await materialPdf(caseId, m.seq, `${c.case_no} ${m.name}`);
        if (!made) continue;
        const stored = await store.put(made.pdf);
        out[m.seq] = [{ sha256: stored.sha256, size: stored.size, mime: 'application/pdf' }];
      }
      return out;
    },
  };

  /** The material's pages as one PDF, or null when it has none. */
  async function materialPdf(caseId: number, seq: string, title: string): Promise<{ pdf: Buffer; pages: number } | null> {
    const rows = await materialRows(db, caseId, seq);
    if (!rows.length) return null;
    const pages = await Promise.all(rows.map(async (r) => ({ bytes: await store.get(r.sha256), mime: r.mime, width: r.width, height: r.height, dpi: r.dpi, rotation: r.rotation })));
    const newest = rows.map((r) => r.created_at).sort().at(-1)!;
    return { pdf: await assembleMaterialPdf(pages, { title, author: hallName(), createdAt: new Date(newest) }), pages: rows.length };
  }
}

export type PageStore = ReturnType<typeof createPageStore>;
