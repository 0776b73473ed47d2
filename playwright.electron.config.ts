import { defineConfig } from '@playwright/test';

/**
 * The packaged-app smoke test (tests/electron-smoke), kept apart from the browser e2e suite:
 * it needs an Electron build (MEDINS_APP_EXECUTABLE), which only a machine that can download
 * Electron has — the release workflow (.github/workflows/release.yml) or docs/operations.md
 * § Packaging by hand.
 */
export default defineConfig({
  testDir: 'tests/electron-smoke',
  outputDir: 'test-results/electron-smoke',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
});
