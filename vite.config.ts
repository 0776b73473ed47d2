import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Builds the renderer into dist/renderer with relative asset paths, so the same build loads
 * from the web host (http://…/) and from the Electron app:// protocol.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/rpc': 'http://127.0.0.1:5780',
      '/rpc-ws': { target: 'ws://127.0.0.1:5780', ws: true },
      '/healthz': 'http://127.0.0.1:5780',
    },
  },
});
