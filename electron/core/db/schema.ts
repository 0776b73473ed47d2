import type { Generated } from 'kysely';

/**
 * Table types for the typed query layer. One interface per table; migrations create them.
 * Keep these in step with db/migrations (a test compares them with the live schema).
 */
export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  app_meta: AppMetaTable;
}

export type { Generated };
