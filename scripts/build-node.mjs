// Bundles the Node-side entry points with esbuild. npm packages stay external (installed
// next to the app; native modules such as better-sqlite3 are rebuilt for Electron by
// electron-builder), so the bundles hold only our own code.
import { build } from 'esbuild';
import { buildCli } from './build-cli.mjs';

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  // Sandboxed preloads cannot require anything but a few electron modules: bundle everything.
  build({ ...common, packages: undefined, entryPoints: ['electron/main/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'], platform: 'browser' }),
  build({ ...common, entryPoints: ['electron/main/core-host.ts'], outfile: 'dist/electron/core-host.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/web/main.ts'], outfile: 'dist/web/main.mjs', format: 'esm' }),
  buildCli(),
]);
console.log('built dist/electron, dist/web, dist/cli');
