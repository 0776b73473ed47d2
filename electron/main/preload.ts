/// <reference lib="dom" />
import { ipcRenderer } from 'electron';

/**
 * The whole preload: it forwards the MessagePort connected to core into the page and exposes
 * nothing else (no contextBridge API). renderer/api/client.ts picks it up.
 */
ipcRenderer.on('medins:core-port', (event) => {
  // Posted to this page's own origin only (app://counter).
  window.postMessage('medins:core-port', window.location.origin, event.ports);
});
