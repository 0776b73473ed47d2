import net from 'node:net';
import { SerialPort } from 'serialport';
import type { PaperWidth } from '../../../shared/print/width';
import { decodeEscpos, type DecodedJob } from './decode';
import type { PrinterEncoding } from './encoding';
import { DLE } from './escpos';
import { paperText, renderPaperSvg } from './paper';
import { statusBytes } from './status';

/**
 * A receipt printer that keeps what it is sent: answers DLE EOT like a real one (paper out,
 * cover open and offline can be set), decodes each job into text lines and a picture. In
 * process it is the `simulator` printer driver (training, quick start); on a loopback TCP port
 * it stands in for a network printer in tests and `medins print simulator`.
 */
export interface SimulatedJob {
  seq: number;
  at: string;
  bytes: Buffer;
  decoded: DecodedJob;
  lines: string[];
}

export interface SimulatorCondition {
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
  /** Answer DLE EOT at all (some printers never do). */
  answersStatus: boolean;
}

export class PrinterSimulator {
  readonly jobs: SimulatedJob[] = [];
  condition: SimulatorCondition = { paperOut: false, coverOpen: false, offline: false, answersStatus: true };
  private seq = 0;
  private listeners = new Set<(job: SimulatedJob) => void>();

  constructor(
    readonly encoding: PrinterEncoding = 'gb18030',
    private readonly keep = 20,
  ) {}

  /** The answer byte to DLE EOT n, or null when this printer does not answer. */
  answer(n: number): number | null {
    if (!this.condition.answersStatus || n < 1 || n > 4) return null;
    return statusBytes({ ...this.condition })[n as 1 | 2 | 3 | 4];
  }

  /** A finished job (the bytes of one connection, or one in-process send). */
  receive(bytes: Buffer): SimulatedJob | null {
    if (bytes.length === 0) return null;
    // A printer without paper or with its cover open prints nothing of what it gets.
    if (this.condition.paperOut || this.condition.coverOpen || this.condition.offline) return null;
    const decoded = decodeEscpos(bytes, this.encoding);
    const job: SimulatedJob = { seq: ++this.seq, at: new Date().toISOString(), bytes, decoded, lines: paperText(decoded.items) };
    this.jobs.push(job);
    if (this.jobs.length > this.keep) this.jobs.shift();
    for (const l of this.listeners) l(job);
    return job;
  }

  last(): SimulatedJob | null {
    return this.jobs.at(-1) ?? null;
  }

  onJob(listener: (job: SimulatedJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  svg(job: SimulatedJob, width: PaperWidth): string {
    return renderPaperSvg(job.decoded.items, width);
  }
}

/**
 * Answers the DLE EOT questions at the start of a connection and returns the bytes after them.
 * Only the leading questions are answered: inside a job, 10 04 n may be part of raster or QR
 * data (the drivers ask before they send the job).
 */
function answerLeadingStatus(sim: PrinterSimulator, chunk: Buffer, reply: (b: number) => void): Buffer {
  let i = 0;
  while (i + 2 < chunk.length && chunk[i] === DLE && chunk[i + 1] === 0x04) {
    const a = sim.answer(chunk[i + 2]!);
    if (a !== null) reply(a);
    i += 3;
  }
  return chunk.subarray(i);
}

export interface ServedSimulator {
  port: number;
  sim: PrinterSimulator;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0: any free port); each connection's bytes are one job. */
export async function serveSimulator(sim: PrinterSimulator, port = 0, host = '127.0.0.1'): Promise<ServedSimulator> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const parts: Buffer[] = [];
    let printing = false;
    socket.on('data', (chunk: Buffer) => {
      const rest = printing ? chunk : answerLeadingStatus(sim, chunk, (b) => socket.write(Buffer.from([b])));
      if (rest.length > 0) printing = true;
      parts.push(rest);
    });
    socket.on('end', () => {
      sim.receive(Buffer.concat(parts));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    sim,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * The simulator on a serial device (one end of a socat pty pair, or a USB-serial adapter
 * looped to a computer). A serial line has no connection per job: a job ends when the line has
 * been quiet for `idleMs`.
 */
export async function serveSimulatorOnSerial(sim: PrinterSimulator, path: string, baudRate = 9600, idleMs = 200): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let parts: Buffer[] = [];
  let timer: NodeJS.Timeout | null = null;
  const finish = () => {
    timer = null;
    const job = Buffer.concat(parts);
    parts = [];
    sim.receive(job);
  };
  port.on('data', (chunk: Buffer) => {
    const rest = parts.length > 0 ? chunk : answerLeadingStatus(sim, chunk, (b) => port.write(Buffer.from([b])));
    if (rest.length > 0) parts.push(rest);
    if (timer) clearTimeout(timer);
    if (parts.length > 0) timer = setTimeout(finish, idleMs);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        if (timer) clearTimeout(timer);
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
