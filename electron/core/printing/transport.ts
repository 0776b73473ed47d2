import { spawn } from 'node:child_process';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { CMD } from './escpos';
import type { PrinterSimulator } from './simulator';
import { blocksPrinting, stateFromStatus, validStatusByte, type PrinterState } from './status';

/**
 * Getting bytes to a printer and asking it how it is. Every driver asks the printer's status
 * first where the link is two-way (DLE EOT over the same TCP connection or serial line) and
 * refuses to send into a printer that reports paper out, cover open or offline: the job stays
 * queued instead of being lost in a printer that cannot print it.
 */
export type PrinterTarget =
  | { driver: 'simulator' }
  | { driver: 'tcp'; host: string; port: number }
  | { driver: 'serial'; path: string; baudRate: number }
  | { driver: 'system'; name: string }
  | { driver: 'none' };

/** A print that did not happen, with the state that explains it (English message for logs). */
export class PrintFailure extends Error {
  constructor(
    readonly state: PrinterState,
    message: string,
  ) {
    super(message);
  }
}

/** `tcp://host:9100`, `host:9100` or `host` (port 9100). Null when it is not an address. */
export function parseTcpAddress(address: string): { host: string; port: number } | null {
  const m = /^(?:tcp:\/\/)?(\[[0-9a-f:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/i.exec(address.trim());
  if (!m) return null;
  const port = m[2] ? Number(m[2]) : 9100;
  if (port < 1 || port > 65535) return null;
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

export interface LinkOptions {
  /** How long to wait for each status answer (printers that never answer cost this once per job). */
  statusTimeoutMs: number;
  connectTimeoutMs?: number;
  simulator?: PrinterSimulator;
}

/** Collects the bytes a printer sends back and hands them out one at a time. */
function replies(stream: Duplex): { next(timeoutMs: number): Promise<number | undefined>; stop(): void } {
  const got: number[] = [];
  let waiter: ((b: number | undefined) => void) | null = null;
  const onData = (chunk: Buffer) => {
    for (const b of chunk) got.push(b);
    if (waiter && got.length > 0) {
      const w = waiter;
      waiter = null;
      w(got.shift());
    }
  };
  stream.on('data', onData);
  return {
    next: (timeoutMs) =>
      new Promise((resolve) => {
        if (got.length > 0) return resolve(got.shift());
        const timer = setTimeout(() => {
          waiter = null;
          resolve(undefined);
        }, timeoutMs);
        waiter = (b) => {
          clearTimeout(timer);
          resolve(b);
        };
      }),
    stop: () => stream.off('data', onData),
  };
}

/** DLE EOT 1, then 2 and 4 if the printer answered the first. */
async function askStatus(stream: Duplex, timeoutMs: number): Promise<PrinterState> {
  const r = replies(stream);
  try {
    const ask = async (n: 1 | 2 | 4) => {
      stream.write(Buffer.from(CMD.status(n)));
      const b = await r.next(timeoutMs);
      return b !== undefined && validStatusByte(b) ? b : undefined;
    };
    const printer = await ask(1);
    if (printer === undefined) return 'unknown';
    return stateFromStatus({ printer, offline: await ask(2), paper: await ask(4) });
  } finally {
    r.stop();
  }
}

function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrintFailure('unreachable', `no connection to ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(new PrintFailure('unreachable', `cannot connect to ${host}:${port}: ${e.message}`));
    });
  });
}

function openSerial(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((e) => (e ? reject(new PrintFailure('unreachable', `cannot open ${path}: ${e.message}`)) : resolve(port)));
  });
}

/** Serial: the job is taken once the driver has drained it to the line. */
function finishSerial(port: SerialPort, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes, (e) => {
      if (e) return reject(new PrintFailure('unreachable', `serial write failed: ${e.message}`));
      port.drain((d) => (d ? reject(new PrintFailure('unreachable', `serial drain failed: ${d.message}`)) : resolve()));
    });
  });
}

/** Writes the job and waits until the link has taken all of it (TCP: until the printer closes or 2 s). */
function finish(stream: Duplex, bytes: Buffer): Promise<void> {
  if (stream instanceof SerialPort) return finishSerial(stream, bytes);
  return new Promise((resolve, reject) => {
    stream.once('error', (e) => reject(new PrintFailure('unreachable', `connection failed while sending: ${e.message}`)));
    stream.end(bytes, () => {
      const timer = setTimeout(() => {
        stream.destroy();
        resolve();
      }, 2000);
      stream.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  });
}

async function withStream<T>(target: PrinterTarget, options: LinkOptions, use: (stream: Duplex) => Promise<T>): Promise<T> {
  const stream: Duplex =
    target.driver === 'tcp'
      ? await connectTcp(target.host, target.port, options.connectTimeoutMs ?? 3000)
      : target.driver === 'serial'
        ? await openSerial(target.path, target.baudRate)
        : (() => {
            throw new Error(`${target.driver} has no stream`);
          })();
  stream.on('error', () => undefined);
  try {
    return await use(stream);
  } finally {
    if (stream instanceof SerialPort && stream.isOpen) await new Promise<void>((resolve) => stream.close(() => resolve()));
    else if (!stream.destroyed) stream.destroy();
  }
}

function simulatorOf(options: LinkOptions): PrinterSimulator {
  if (!options.simulator) throw new Error('simulator driver without a simulator');
  return options.simulator;
}

function simulatorState(sim: PrinterSimulator): PrinterState {
  const printer = sim.answer(1);
  if (printer === null) return 'unknown';
  return stateFromStatus({ printer, offline: sim.answer(2) ?? undefined, paper: sim.answer(4) ?? undefined });
}

/** The printer's state now; never throws (an unreachable printer is a state). */
export async function queryStatus(target: PrinterTarget, options: LinkOptions): Promise<PrinterState> {
  switch (target.driver) {
    case 'none':
      return 'off';
    case 'simulator':
      return simulatorState(simulatorOf(options));
    case 'system':
      return 'unknown';
    default:
      try {
        return await withStream(target, options, (s) => askStatus(s, options.statusTimeoutMs));
      } catch (e) {
        if (e instanceof PrintFailure) return e.state;
        throw e;
      }
  }
}

/**
 * Sends one job. Resolves with the state the printer reported before it took the bytes;
 * rejects with a PrintFailure (unreachable, paper out, cover open, offline…) otherwise.
 */
export async function sendToPrinter(target: PrinterTarget, bytes: Buffer, options: LinkOptions): Promise<PrinterState> {
  const refuse = (state: PrinterState) => {
    if (blocksPrinting(state)) throw new PrintFailure(state, `printer reports ${state}; job not sent`);
  };
  switch (target.driver) {
    case 'none':
      throw new PrintFailure('off', 'no receipt printer configured');
    case 'simulator': {
      const sim = simulatorOf(options);
      const state = simulatorState(sim);
      refuse(state);
      sim.receive(bytes);
      return state;
    }
    case 'system':
      await sendToSystemPrinter(target.name, bytes);
      return 'unknown';
    default:
      return withStream(target, options, async (stream) => {
        const state = await askStatus(stream, options.statusTimeoutMs);
        refuse(state);
        await finish(stream, bytes);
        return state;
      });
  }
}

/**
 * A printer installed in the operating system, fed the raw bytes: `lp -o raw` (CUPS, Linux and
 * macOS; a USB printer set up as a raw queue). Windows raw printing through the spooler needs a
 * native module and is not built in (docs/printing.md).
 */
function sendToSystemPrinter(name: string, bytes: Buffer): Promise<void> {
  if (process.platform === 'win32') {
    return Promise.reject(new PrintFailure('unreachable', 'raw printing to a Windows printer queue is not supported; use tcp or serial'));
  }
  return new Promise((resolve, reject) => {
    const child = spawn('lp', [...(name ? ['-d', name] : []), '-o', 'raw'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new PrintFailure('unreachable', `lp failed: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new PrintFailure('unreachable', `lp exited with ${code}: ${err.trim()}`))));
    child.stdin.end(bytes);
  });
}
