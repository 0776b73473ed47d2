import { defineConfig } from 'vitest/config';

/**
 * The integration suite again, on PostgreSQL (hall mode): every data folder a test makes points
 * at a fresh schema of one throwaway database (tests/setup/postgres.ts, tests/fixtures/temp.ts).
 * Lean on purpose: the files that exercise the database, plus the hall-only tests in tests/hall/.
 * Catalog, calendar and reader tests do not touch the database and run once, in vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: [
      'tests/integration/appointments.test.ts',
      'tests/integration/booking-exchange.test.ts',
      'tests/integration/audit-head.test.ts',
      'tests/integration/auth.test.ts',
      'tests/integration/case-no.test.ts',
      'tests/integration/cases.test.ts',
      'tests/integration/counter-visit.test.ts',
      'tests/integration/cli-users.test.ts',
      'tests/integration/kiosk-pin.test.ts',
      'tests/integration/leases.test.ts',
      'tests/integration/printing.test.ts',
      'tests/integration/provisional.test.ts',
      'tests/integration/queue.test.ts',
      'tests/integration/schema-guard.test.ts',
      'tests/integration/request-retry.test.ts',
      'tests/integration/queue-counters.test.ts',
      'tests/integration/queue-engine.test.ts',
      'tests/integration/scanning.test.ts',
      'tests/integration/stats-past-day.test.ts',
      'tests/integration/stats.test.ts',
      'tests/integration/sync.test.ts',
      'tests/integration/transports.test.ts',
      'tests/hall/**/*.test.ts',
    ],
    environment: 'node',
    env: { MEDINS_TEST_DIALECT: 'postgres' },
    globalSetup: ['tests/setup/build-cli.ts', 'tests/setup/postgres.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
