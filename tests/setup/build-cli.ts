import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the CLI once before the suite (under a second), so each CLI test starts plain Node
 * on JavaScript instead of transpiling TypeScript at every spawn — many times faster on a
 * loaded machine. Same options as scripts/build-node.mjs, into a test-only folder.
 */
export const TEST_CLI = path.resolve('test-results/cli/main.mjs');

export default async function setup(): Promise<void> {
  await build({ entryPoints: ['electron/cli/main.ts'], outfile: TEST_CLI, bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'esm', sourcemap: true, logLevel: 'warning' });
}
