// `npm test`: the whole suite, in the order that fails fastest — Chromium present, typecheck,
// lint, unit + integration (Vitest, TZ=UTC; the date-sensitive files again west of UTC), the integration suite again on PostgreSQL (hall mode;
// needs the test role: sudo scripts/setup-test-postgres.sh), build, end-to-end (Playwright in
// Debian's Chromium).
// Ends with one line 'N passed, N failed' summing Vitest and Playwright.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.MEDINS_CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install it with "sudo apt-get install -y chromium fonts-noto-cjk" (or set MEDINS_CHROMIUM to a Chromium binary).`);
  process.exit(1);
}

fs.mkdirSync('test-results', { recursive: true });
// A report left by an earlier run must not be counted for a step that did not run this time.
for (const f of ['test-results/vitest.json', 'test-results/vitest-west.json', 'test-results/vitest-pg.json', 'test-results/playwright.json', 'test-results/playwright-west.json']) fs.rmSync(f, { force: true });
// The hall's dates and figures must not depend on the zone of the machine (docs/stats.md § Hall
// time): the suite runs under TZ=UTC, then the date-sensitive files once more in a zone west of
// UTC (with daylight saving), which must give the same figures and the same dates on screen.
const WEST = 'America/Los_Angeles';
const DATE_SENSITIVE_VITEST = [
  'tests/unit/system/hall-time.test.ts',
  'tests/unit/cases/due-date.test.ts',
  'tests/integration/stats.test.ts',
  'tests/integration/stats-past-day.test.ts',
  'tests/integration/provisional.test.ts',
  'tests/integration/cases.test.ts',
  'tests/integration/queue.test.ts',
  'tests/integration/appointments.test.ts',
  'tests/integration/booking-exchange.test.ts',
];
const DATE_SENSITIVE_E2E = ['tests/e2e/hall-time.spec.ts', 'tests/e2e/stats.spec.ts', 'tests/e2e/progress.spec.ts', 'tests/e2e/appointments.spec.ts'];
const steps = [
  ['typecheck', 'npx', ['tsc', '-b', '--pretty', 'false']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['unit + integration (TZ=UTC)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], { TZ: 'UTC' }],
  [`date-sensitive integration (TZ=${WEST})`, 'npx', ['vitest', 'run', ...DATE_SENSITIVE_VITEST, '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-west.json'], { TZ: WEST }],
  ['integration on PostgreSQL', 'npx', ['vitest', 'run', '--config', 'vitest.pg.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest-pg.json']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['e2e (TZ=UTC)', 'npx', ['playwright', 'test', '--reporter=list,json'], { TZ: 'UTC' }],
  [`date-sensitive e2e (TZ=${WEST})`, 'npx', ['playwright', 'test', ...DATE_SENSITIVE_E2E, '--reporter=list,json'], { TZ: WEST, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright-west.json' }],
];

const counts = { passed: 0, failed: 0 };
let failedStep = null;
for (const [name, cmd, args, stepEnv = {}] of steps) {
  console.log(`\n── ${name} ──`);
  const started = Date.now();
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json', ...stepEnv };
  const result = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  console.log(`── ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
for (const file of ['test-results/vitest.json', 'test-results/vitest-west.json', 'test-results/vitest-pg.json']) {
  const vitest = readJson(file);
  if (vitest) {
    counts.passed += vitest.numPassedTests;
    counts.failed += vitest.numFailedTests;
  }
}
const e2eRan = !failedStep || failedStep.startsWith('e2e') || failedStep.startsWith('date-sensitive e2e');
for (const file of e2eRan ? ['test-results/playwright.json', 'test-results/playwright-west.json'] : []) {
  const pw = readJson(file);
  if (pw?.stats) {
    counts.passed += pw.stats.expected + (pw.stats.flaky ?? 0);
    counts.failed += pw.stats.unexpected;
  }
}
if (failedStep && counts.failed === 0) counts.failed = 1;
console.log(`\n${failedStep ? `FAILED at: ${failedStep}` : 'all steps ok'}`);
console.log(`${counts.passed} passed, ${counts.failed} failed`);
process.exit(failedStep ? 1 : 0);
