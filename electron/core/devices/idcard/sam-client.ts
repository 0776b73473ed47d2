import { buildRequest, CMD, FrameError, FrameSplitter, parseResponse, type ResponseFrame } from './frame';
import type { ByteLink } from './link';

export class ReaderGoneError extends Error {
  constructor(detail = 'reader disconnected') {
    super(detail);
    this.name = 'ReaderGoneError';
  }
}
export class ReaderTimeoutError extends Error {
  constructor(readonly command: string) {
    super(`no answer to ${command}`);
    this.name = 'ReaderTimeoutError';
  }
}

/**
 * One request at a time over a link: send a frame, wait for the answer frame. A bad frame,
 * a timeout or the link closing rejects the pending command; nothing throws out of callbacks.
 */
export class SamClient {
  private pending: { resolve: (r: ResponseFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout; name: string } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private gone: Error | null = null;
  private readonly splitter = new FrameSplitter(
    (frame) => this.settle((p) => {
      try {
        p.resolve(parseResponse(frame));
      } catch (e) {
        p.reject(e as Error);
      }
    }),
    (error) => this.settle((p) => p.reject(error)),
  );

  constructor(
    private readonly link: ByteLink,
    private readonly timeoutMs = 1500,
  ) {
    link.onData((bytes) => this.splitter.push(bytes));
    link.onClose((error) => {
      this.gone = new ReaderGoneError(error?.message);
      this.settle((p) => p.reject(this.gone!));
    });
  }

  private settle(fn: (p: NonNullable<SamClient['pending']>) => void): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    clearTimeout(p.timer);
    fn(p);
  }

  command(name: keyof typeof CMD | readonly number[], data?: Uint8Array, timeoutMs = this.timeoutMs): Promise<ResponseFrame> {
    const cmd = typeof name === 'string' ? CMD[name] : name;
    const label = typeof name === 'string' ? name : Buffer.from(name).toString('hex');
    const run = () =>
      new Promise<ResponseFrame>((resolve, reject) => {
        if (this.gone) return reject(this.gone);
        this.splitter.reset();
        const timer = setTimeout(() => this.settle((p) => p.reject(new ReaderTimeoutError(label))), timeoutMs);
        this.pending = { resolve, reject, timer, name: label };
        try {
          this.link.write(buildRequest(cmd, data));
        } catch (e) {
          this.settle((p) => p.reject(new ReaderGoneError((e as Error).message)));
        }
      });
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  isGone(): boolean {
    return this.gone !== null;
  }
}

export { FrameError };
