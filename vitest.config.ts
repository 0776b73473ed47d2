import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/build-cli.ts'],
    // A bound on hangs, not a speed check: CLI and host tests spawn processes, which on a shared
    // 2-core machine under load took 16× their quiet time (a 1.2 s CLI call passed 20 s).
    testTimeout: 60_000,
    pool: 'forks',
  },
});
