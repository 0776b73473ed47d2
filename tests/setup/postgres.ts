import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * The PostgreSQL run of the integration suite (vitest.pg.config.ts): one throwaway database for
 * the run, dropped at the end; each test's data folder gets a schema of its own in it
 * (tests/fixtures/postgres.ts), which is much faster than a database per test.
 */
export const DEFAULT_TEST_PG_URL = 'postgres://medins_test:medins_test@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.MEDINS_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${adminUrl.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}).\n` +
        'The integration suite also runs against PostgreSQL (hall mode): run "sudo scripts/setup-test-postgres.sh" once ' +
        '(installs nothing; starts the cluster and creates the test role), or set MEDINS_TEST_PG_URL.',
      { cause: error },
    );
  }
  const name = `medins_test_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  // citext serves every schema from public (the migrations would race to create it per test).
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('CREATE EXTENSION IF NOT EXISTS citext SCHEMA public');
  await c.end();
  project.provide('pgDatabaseUrl', dbUrl);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  };
}
