import crypto from 'node:crypto';
import WebSocket from 'ws';
import { ScanError, type RawPage, type ScanRequest, type ScannerDevice, type ScannerDriver } from './types';

/**
 * 高拍仪 vendor services: a local WebSocket (良田 ws://127.0.0.1:9000, others on 1818, 9002,
 * 1919…) taking JSON commands and answering with the same `reqId`. This driver speaks the
 * common shape (docs/scanning.md): GetCameraInfo → the cameras; OpenCamera → the document
 * camera at its largest resolution; CameraCaptureBase64 → one JPEG. Brands whose field names
 * differ need a small adapter here, tested against ./vendor-ws-sim.ts.
 */
export interface VendorCamera {
  index: number;
  name: string;
  /** "2592x1944" … */
  resolutions: string[];
}

export interface VendorRequest {
  reqId: string;
  command: 'GetCameraInfo' | 'OpenCamera' | 'CameraCaptureBase64' | 'CloseCamera';
  data?: Record<string, unknown>;
}

export interface VendorResponse {
  reqId: string;
  command: string;
  /** 0 = success */
  code: number;
  message?: string;
  data?: unknown;
}

const TIMEOUT_MS = 15_000;

/** One connection with request/answer correlation by reqId; other messages (video frames) are ignored. */
class VendorSession {
  private readonly pending = new Map<string, { resolve: (r: VendorResponse) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      let msg: VendorResponse;
      try {
        msg = JSON.parse(String(raw)) as VendorResponse;
      } catch {
        return;
      }
      const waiting = this.pending.get(msg.reqId);
      if (!waiting) return;
      this.pending.delete(msg.reqId);
      clearTimeout(waiting.timer);
      waiting.resolve(msg);
    });
    socket.on('close', () => this.failAll(new ScanError('io', 'vendor service closed the connection')));
  }

  static open(url: string): Promise<VendorSession> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: 5000 });
      socket.once('open', () => resolve(new VendorSession(socket)));
      socket.once('error', (error) => reject(new ScanError('not-found', `vendor service ${url}: ${error.message}`)));
    });
  }

  async call(command: VendorRequest['command'], data?: Record<string, unknown>): Promise<unknown> {
    const reqId = crypto.randomUUID();
    const answer = await new Promise<VendorResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(reqId);
        reject(new ScanError('io', `vendor service did not answer ${command} within ${TIMEOUT_MS} ms`));
      }, TIMEOUT_MS);
      this.pending.set(reqId, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ reqId, command, ...(data ? { data } : {}) } satisfies VendorRequest));
    });
    if (answer.code !== 0) throw new ScanError(command === 'OpenCamera' ? 'not-found' : 'failed', `${command} → ${answer.code} ${answer.message ?? ''}`);
    return answer.data;
  }

  private failAll(error: Error) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  close() {
    this.socket.close();
  }
}

const pixels = (r: string) => {
  const [w, h] = r.split(/[x*×]/).map(Number);
  return (w ?? 0) * (h ?? 0);
};

export function vendorWsDriver(url: string): ScannerDriver {
  async function withSession<T>(f: (s: VendorSession) => Promise<T>): Promise<T> {
    if (!url) throw new ScanError('not-found', 'scanning.vendorWsUrl is not set');
    const session = await VendorSession.open(url);
    try {
      return await f(session);
    } finally {
      session.close();
    }
  }
  return {
    name: 'vendor-ws',
    devices: () => withSession(async (s) => ((await s.call('GetCameraInfo')) as VendorCamera[]).map((c) => ({ id: String(c.index), label: c.name }) satisfies ScannerDevice)),
    // A 高拍仪 photographs one page per press, whatever source the clerk picked.
    async *scan(request: ScanRequest): AsyncGenerator<RawPage> {
      const bytes = await withSession(async (s) => {
        const cameras = (await s.call('GetCameraInfo')) as VendorCamera[];
        const camera = cameras[0];
        if (!camera) throw new ScanError('not-found', 'vendor service lists no camera');
        const best = [...camera.resolutions].sort((a, b) => pixels(b) - pixels(a))[0] ?? '';
        const [width, height] = best.split(/[x*×]/).map(Number);
        await s.call('OpenCamera', { index: camera.index, ...(width && height ? { width, height } : {}) });
        if (request.signal?.aborted) throw new ScanError('cancelled', 'scan cancelled');
        const shot = (await s.call('CameraCaptureBase64', { format: 'jpg', colorMode: request.colorMode })) as { base64?: string };
        await s.call('CloseCamera', { index: camera.index }).catch(() => undefined);
        if (!shot.base64) throw new ScanError('failed', 'CameraCaptureBase64 returned no image');
        return Buffer.from(shot.base64.replace(/^data:image\/\w+;base64,/, ''), 'base64');
      });
      yield { bytes, dpi: 0 };
    },
  };
}
