import path from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the CLI once before the suite (under a second), so each CLI test starts plain Node
 * on JavaScript instead of transpiling TypeScript at every spawn — many times faster on a
 * loaded machine. Same options as scripts/build-cli.mjs (split per command), into a test-only folder.
 */
export const TEST_CLI = path.resolve('test-results/cli/main.mjs');

export default async function setup(): Promise<void> {
  await build({ entryPoints: { main: 'electron/cli/main.ts' }, outdir: path.dirname(TEST_CLI), splitting: true, outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'esm', sourcemap: true, logLevel: 'warning' });
}
