import { WebSocketServer, type WebSocket } from 'ws';
import { simulatedPage } from './simulator';
import type { VendorCamera, VendorRequest, VendorResponse } from './vendor-ws';

/**
 * A 高拍仪 vendor service double speaking the protocol of ./vendor-ws.ts (after the
 * caixibei/high-speed-scanner mock): two cameras (document + face), open / capture / close,
 * and the failures a counter meets (capture before open, unknown camera, unknown command).
 * It also pushes an unsolicited "video frame" message, as real services do, to prove the
 * client ignores what it did not ask for.
 */
export interface VendorSimulator {
  url: string;
  /** commands received, in order */
  received: VendorRequest[];
  close(): Promise<void>;
}

export const SIM_CAMERAS: VendorCamera[] = [
  { index: 0, name: '文档摄像头（主）', resolutions: ['640x480', '2592x1944', '1600x1200'] },
  { index: 1, name: '人像摄像头（副）', resolutions: ['640x480'] },
];

export async function startVendorSimulator(port = 0): Promise<VendorSimulator> {
  const server = new WebSocketServer({ host: '127.0.0.1', port });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: VendorRequest[] = [];
  server.on('connection', (socket: WebSocket) => {
    let open: { index: number; width: number; height: number } | null = null;
    socket.send(JSON.stringify({ command: 'VideoFrame', data: { base64: '' } }));
    socket.on('message', (raw) => {
      const req = JSON.parse(String(raw)) as VendorRequest;
      received.push(req);
      const answer = (code: number, data?: unknown, message?: string) => socket.send(JSON.stringify({ reqId: req.reqId, command: req.command, code, ...(message ? { message } : {}), ...(data !== undefined ? { data } : {}) } satisfies VendorResponse));
      switch (req.command) {
        case 'GetCameraInfo':
          return answer(0, SIM_CAMERAS);
        case 'OpenCamera': {
          const d = req.data as { index: number; width?: number; height?: number };
          if (!SIM_CAMERAS.some((c) => c.index === d.index)) return answer(2, undefined, 'camera not found');
          open = { index: d.index, width: d.width ?? 640, height: d.height ?? 480 };
          return answer(0);
        }
        case 'CameraCaptureBase64':
          if (!open) return answer(3, undefined, 'camera not open');
          // A page photographed at the open resolution's height ≈ A4 at (height / 11.7) dpi.
          return void simulatedPage(Math.round(open.height / 11.7), 1, { colour: (req.data as { colorMode?: string } | undefined)?.colorMode === 'color' }).then((jpeg) => answer(0, { base64: jpeg.toString('base64') }));
        case 'CloseCamera':
          open = null;
          return answer(0);
        default:
          return answer(99, undefined, `unknown command ${String(req.command)}`);
      }
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `ws://127.0.0.1:${actualPort}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.clients) c.terminate();
        server.close(() => resolve());
      }),
  };
}
