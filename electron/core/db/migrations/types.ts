import type { Kysely } from 'kysely';

/** One numbered, forward-only schema step. Versions are consecutive from 1. */
export interface Migration {
  version: number;
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}
