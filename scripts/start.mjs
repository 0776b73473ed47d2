// `npm start`: build what is stale, then launch Electron — or, where no Electron binary can be
// had (as on machines without access to its download host), say so in one line and run the
// web host instead. Detection reads electron's path.txt rather than require('electron'),
// which would try to download the binary.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}
const sourcesChanged = (output, inputs) =>
  !fs.existsSync(output) || Math.max(...inputs.map(newestMtime), fs.statSync('package.json').mtimeMs) > fs.statSync(output).mtimeMs;

function run(cmd, args) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (sourcesChanged('dist/renderer/index.html', ['renderer', 'shared'])) run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (sourcesChanged('dist/web/main.mjs', ['electron', 'shared'])) run('node', ['scripts/build-node.mjs']);

function electronBinary() {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const rel = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
  const binary = path.join(dist, rel);
  return fs.existsSync(binary) ? binary : null;
}

const binary = process.env.MEDINS_FORCE_WEB === '1' ? null : electronBinary();
const child = binary
  ? spawn(binary, ['dist/electron/main.cjs'], { stdio: 'inherit' })
  : (console.log('未找到 Electron 可执行文件（本机无法下载），改用 Web 方式运行 — Electron binary not available; starting the web host instead.'),
    spawn(process.execPath, ['dist/web/main.mjs'], { stdio: 'inherit' }));

// Ctrl-C reaches the child through the terminal; SIGTERM (service managers) is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
