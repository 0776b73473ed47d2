/// <reference lib="dom" />
import { ipcRenderer } from 'electron';

/**
 * The whole preload: it forwards the MessagePort connected to core into the page and exposes
 * nothing else (no contextBridge API). renderer/api/client.ts picks it up.
 */
ipcRenderer.on('medins:core-port', (event) => {
  window.postMessage('medins:core-port', '*', event.ports);
});
