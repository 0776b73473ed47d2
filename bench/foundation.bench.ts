import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { build } from 'esbuild';
import { createCore } from '../electron/core/core';
import type { BenchSuite } from './types';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));
let n = 0;
const freshDir = () => fs.mkdtempSync(path.join(scratch, `r${n++}-`));

function timed<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  return fn().then(() => performance.now() - start);
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && !e.name.endsWith('.map')) total += fs.statSync(path.join(e.parentPath, e.name)).size;
  }
  return total;
}

function initialLoadBytes(): number {
  const html = fs.readFileSync('dist/renderer/index.html', 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
  return Buffer.byteLength(html) + assets.reduce((sum, a) => sum + fs.statSync(path.join('dist/renderer', a)).size, 0);
}

/** The smallest React app, bundled and minified: what any React renderer costs at least. */
async function bareReactBytes(): Promise<number> {
  const dir = freshDir();
  const entry = path.join(dir, 'entry.tsx');
  fs.writeFileSync(entry, "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body).render(<p>hello</p>);\n");
  const out = path.join(dir, 'out.js');
  await build({ entryPoints: [entry], bundle: true, minify: true, outfile: out, jsx: 'automatic', nodePaths: [path.resolve('node_modules')], define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' });
  return fs.statSync(out).size;
}

export const suite: BenchSuite = {
  name: 'foundation',
  cases: [
    {
      name: 'core cold start: open DB, migrate, load settings, open log',
      unit: 'ms',
      runs: 9,
      baseline: {
        name: 'bare better-sqlite3 open + close',
        measure: () => timed(async () => new BetterSqlite3(path.join(freshDir(), 'bare.sqlite')).close()),
      },
      subject: {
        name: 'createCore() + close() on a new data folder',
        measure: () =>
          timed(async () => {
            const core = await createCore({ dataDir: freshDir(), runtime: 'test' });
            await core.close();
          }),
      },
    },
    {
      name: 'built renderer size (JS + CSS + HTML, no source maps)',
      unit: 'bytes',
      runs: 1,
      setup: () => {
        if (!fs.existsSync('dist/renderer/index.html')) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
      },
      baseline: { name: 'bare React 19 app, minified', measure: bareReactBytes },
      subject: { name: 'dist/renderer, everything (lazy chunks too)', measure: () => dirBytes('dist/renderer') },
    },
    {
      name: 'renderer initial load (index.html and the assets it references)',
      unit: 'bytes',
      runs: 1,
      baseline: { name: 'bare React 19 app, minified', measure: bareReactBytes },
      subject: { name: 'what a counter downloads before the first screen', measure: initialLoadBytes },
    },
  ],
};
