#!/usr/bin/env node
// Package bin: runs the built CLI (npm run build:node); `npm run cli -- …` runs it from source.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/main.mjs', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('medins: the CLI is not built yet; run `npm run build:node` (or use `npm run --silent cli -- <command>`)\n');
  process.exit(1);
}
await import(built);
