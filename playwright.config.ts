import { defineConfig } from '@playwright/test';
import { chromiumPath } from './tests/e2e/chromium';

/**
 * E2E in Debian's Chromium (no browser download is possible here): each test file starts its
 * own web host on a free port with a temporary data folder (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    // The browser's zone is the run's (TZ), not the hall's: screens must show hall time whatever it is.
    timezoneId: process.env.TZ || 'UTC',
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
