#!/usr/bin/env node
// Package bin (also `npm run cli`): runs the built CLI in dist/cli, building it first when it is
// missing or older than the sources (in a checkout; `npm ci` builds it through prepare).
import { fileURLToPath } from 'node:url';
import { buildCli, cliIsStale } from '../scripts/build-cli.mjs';

if (cliIsStale()) {
  process.stderr.write('medins: building the command line (dist/cli)…\n');
  try {
    await buildCli();
  } catch (error) {
    process.stderr.write(`medins: could not build the command line: ${error.message}\nrun \`npm ci\` (it installs esbuild and builds dist/cli)\n`);
    process.exit(1);
  }
}
await import(fileURLToPath(new URL('../dist/cli/main.mjs', import.meta.url)));
