// Builds the ops command line (`medins`) into dist/cli: one small entry (main.mjs) and a chunk
// per command, so a command loads only its own code and libraries. Run by `npm ci` / `npm
// install` (the package's prepare step), by scripts/build-node.mjs, and by bin/medins.mjs when
// the build is missing or older than the sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The folders and files the CLI is built from. */
const SOURCES = ['electron', 'shared', 'package.json'];

/** Options shared with the test suite's own build (tests/setup/build-cli.ts). */
export const cliBuildOptions = {
  entryPoints: { main: path.join(root, 'electron/cli/main.ts') },
  bundle: true,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

export async function buildCli(outdir = path.join(root, 'dist/cli')) {
  const { build } = await import('esbuild');
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({ ...cliBuildOptions, outdir });
}

function newestMtime(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const dirent of fs.readdirSync(entry, { withFileTypes: true, recursive: true })) {
    if (dirent.isFile()) newest = Math.max(newest, fs.statSync(path.join(dirent.parentPath, dirent.name)).mtimeMs);
  }
  return newest;
}

/** True when dist/cli is missing or a source is newer (only in a checkout, where the sources are). */
export function cliIsStale(outdir = path.join(root, 'dist/cli')) {
  const built = fs.statSync(path.join(outdir, 'main.mjs'), { throwIfNoEntry: false });
  if (!built) return true;
  if (!fs.existsSync(path.join(root, 'electron/cli/main.ts'))) return false;
  return Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s)))) > built.mtimeMs;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await import('esbuild');
  } catch {
    // An install without dev dependencies: the shipped dist/cli is used as it is.
    console.log('build-cli: esbuild not installed; skipped');
    process.exit(0);
  }
  await buildCli();
  console.log('built dist/cli');
}
