// `npm run schema:snapshot`: rewrites tests/fixtures/schema-snapshot.json, the schema the guard
// test (tests/integration/schema-guard.test.ts) holds later versions to, from the migrations
// as they are now — SQLite, then PostgreSQL (the test database of docs/hall.md; set
// MEDINS_TEST_PG_URL for another). Run it after adding a migration, and commit the file with it.
import { spawnSync } from 'node:child_process';

const test = 'tests/integration/schema-guard.test.ts';
for (const config of ['vitest.config.ts', 'vitest.pg.config.ts']) {
  const run = spawnSync('npx', ['vitest', 'run', '--config', config, test], { stdio: 'inherit', env: { ...process.env, MEDINS_SCHEMA_SNAPSHOT: 'write' }, shell: process.platform === 'win32' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log('wrote tests/fixtures/schema-snapshot.json (sqlite, postgres)');
