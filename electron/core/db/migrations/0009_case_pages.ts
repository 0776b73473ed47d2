import type { Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Scanned pages of a case's materials (docs/scanning.md). The bytes live in the
 * content-addressed attachment store on disk; a row names them by SHA-256 and keeps what the
 * clerk did to the page: its place in the material, its rotation. Deleting a page deletes the
 * row only: the same bytes may belong to another page, and a closed case's upstream message
 * names its PDFs by hash.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'case_pages',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('case_pages')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
      .addColumn('material_seq', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('rotation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('width', 'integer', (c) => c.notNull())
      .addColumn('height', 'integer', (c) => c.notNull())
      .addColumn('dpi', 'integer', (c) => c.notNull())
      .addColumn('thumb_sha256', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_pages_material').on('case_pages').columns(['case_id', 'material_seq', 'position']).execute();
  },
};
