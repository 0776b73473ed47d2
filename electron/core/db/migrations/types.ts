import type { ColumnDefinitionBuilder, Expression, Kysely } from 'kysely';

/**
 * The few schema pieces SQLite and PostgreSQL spell differently. Each dialect module
 * (db/dialect/sqlite.ts, db/dialect/postgres.ts) provides one; migrations use it instead of
 * writing dialect SQL, so the same migration runs on both.
 */
export interface MigrationKit {
  dialect: 'sqlite' | 'postgres';
  /** An integer primary key the database numbers (SQLite AUTOINCREMENT, PostgreSQL identity). */
  autoId(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** A text type compared, sorted and kept unique without regard to ASCII case. */
  nocaseText: 'text' | Expression<unknown>;
  /** Adds the case-insensitive collation where the dialect needs one on the column (SQLite). */
  nocase(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** Runs before the pending migrations, in the first one's transaction (extensions the types need). */
  prepare(db: Kysely<unknown>): Promise<void>;
  /** Makes the database itself refuse UPDATE and DELETE on the table ("<table> is append-only"). */
  appendOnly(db: Kysely<unknown>, table: string): Promise<void>;
}

/** One numbered, forward-only schema step. Versions are consecutive from 1. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>, kit: MigrationKit): Promise<void>;
}
