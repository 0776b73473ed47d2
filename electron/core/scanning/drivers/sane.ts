import fs from 'node:fs';
import path from 'node:path';
import { runInShell } from './spawner';
import { ScanError, type RawPage, type ScanErrorKind, type ScanRequest, type ScannerDevice, type ScannerDriver } from './types';

/**
 * SANE on Linux: `scanimage` as a child process. A scan is always a batch into a temporary
 * folder (one page for the flatbed, until the feeder is empty for ADF / duplex); scanimage
 * reports "Scanned page N." on stderr as each file is complete, so pages flow to the clerk
 * while the rest are still being fed. Source and mode names differ per backend, so they are
 * read from the device's own option list (`scanimage -d DEV --help`) and matched by meaning.
 */
export interface SaneOptions {
  /** empty: the first device `scanimage -L` lists */
  device: string;
  tempRoot: string;
  command?: string;
  env?: NodeJS.ProcessEnv;
  /** A scanner silent this long (no page, no message) is given up on: 90 s, longer than any page takes. */
  stallMs?: number;
}

interface DeviceOptions {
  sources: string[];
  modes: string[];
  maxX: number | null;
  maxY: number | null;
}

const A4 = { x: 210, y: 297 };

/** Maps scanimage's words (stderr) to what went wrong. */
export function classifySaneError(stderr: string): ScanErrorKind {
  if (/open of device .* failed|no SANE devices found|Invalid argument.*open|Error during device I\/O.*open/i.test(stderr)) return 'not-found';
  if (/out of documents|no docs|no paper/i.test(stderr)) return 'no-paper';
  if (/jammed/i.test(stderr)) return 'jammed';
  if (/cover/i.test(stderr)) return 'cover-open';
  if (/busy/i.test(stderr)) return 'busy';
  if (/access (to resource )?(has been )?denied|permission denied/i.test(stderr)) return 'denied';
  if (/I\/O|input\/output/i.test(stderr)) return 'io';
  if (/cancelled/i.test(stderr)) return 'cancelled';
  return 'failed';
}

export function parseDeviceList(stdout: string): ScannerDevice[] {
  return stdout
    .split('\n')
    .map((line) => /^device `(.+)' is an? (.+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ id: m[1]!, label: m[2]! }));
}

export function parseDeviceOptions(help: string): DeviceOptions {
  const list = (name: string) => {
    const m = new RegExp(`^\\s+${name} ([^\\[]+?) \\[`, 'm').exec(help);
    return m ? m[1]!.split('|').map((s) => s.trim()) : [];
  };
  const max = (flag: string) => {
    const m = new RegExp(`^\\s+${flag} [\\d.]+\\.\\.([\\d.]+)mm`, 'm').exec(help);
    return m ? Number(m[1]) : null;
  };
  return { sources: list('--source'), modes: list('--mode'), maxX: max('-x'), maxY: max('-y') };
}

/** The device's own name for flatbed / feeder / duplex, or undefined when it has no such source. */
export function pickSource(sources: readonly string[], wanted: ScanRequest['source']): string | undefined {
  if (wanted === 'duplex') return sources.find((s) => /duplex/i.test(s));
  if (wanted === 'adf') return sources.find((s) => /(feeder|adf)/i.test(s) && !/duplex|back/i.test(s));
  return sources.find((s) => /flatbed|glass|normal/i.test(s)) ?? sources[0];
}

export function pickMode(modes: readonly string[], wanted: ScanRequest['colorMode']): string | undefined {
  return wanted === 'color' ? modes.find((m) => /colou?r/i.test(m)) : modes.find((m) => /gr[ae]y/i.test(m));
}

/** The scanimage arguments for one request (exported for tests and docs). */
export function scanArguments(device: string, options: DeviceOptions, request: ScanRequest, batchPattern: string): string[] {
  const args = ['-d', device, '--format=tiff', '--resolution', String(request.resolution)];
  const mode = pickMode(options.modes, request.colorMode);
  if (mode) args.push('--mode', mode);
  if (options.sources.length) {
    const source = pickSource(options.sources, request.source);
    if (!source) throw new ScanError('unsupported', `device ${device} has no ${request.source} source (has ${options.sources.join(', ')})`);
    args.push('--source', source);
  } else if (request.source !== 'flatbed') {
    throw new ScanError('unsupported', `device ${device} has no feeder`);
  }
  // A4 where the device allows it: many backends default to a smaller area.
  if (options.maxX !== null) args.push('-x', String(Math.min(A4.x, options.maxX)));
  if (options.maxY !== null) args.push('-y', String(Math.min(A4.y, options.maxY)));
  args.push(`--batch=${batchPattern}`);
  if (request.source === 'flatbed') args.push('--batch-count=1');
  else if (request.maxPages) args.push(`--batch-count=${request.maxPages}`);
  return args;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** From the helper shell too: `scanimage -L` runs before every scan when no device is set. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    runInShell(command, args, env ?? process.env, {
      stdout: (d) => (stdout += d),
      stderr: (d) => (stderr += d),
      close: (code, error?: NodeJS.ErrnoException) => {
        if (!error) resolve({ code, stdout, stderr });
        else reject(error.code === 'ENOENT' ? new ScanError('not-installed', `${command} not found`) : error);
      },
    });
  });
}

/**
 * A page file in one read. fs.promises.readFile reads 512 KiB at a time, each read a trip
 * through libuv's four threads, which the page encoders and the store's fsyncs keep busy
 * while the next page is read: eleven trips for a 300 dpi grey page, each waiting its turn.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/**
 * A device's option list, kept for the process: asking costs one more scanimage run (a second
 * or so on a real backend) before every scan. A scan that fails forgets it (the device may
 * have been swapped for another model under the same name).
 */
const known = new Map<string, DeviceOptions>();

export function saneDriver(options: SaneOptions): ScannerDriver {
  const command = options.command ?? 'scanimage';
  const keyOf = (device: string) => JSON.stringify([command, device, options.env?.SANE_CONFIG_DIR ?? process.env.SANE_CONFIG_DIR ?? '']);

  async function devices(): Promise<ScannerDevice[]> {
    const r = await run(command, ['-L'], options.env);
    return parseDeviceList(r.stdout);
  }

  async function deviceOptions(device: string): Promise<DeviceOptions> {
    const cached = known.get(keyOf(device));
    if (cached) return cached;
    const r = await run(command, ['-d', device, '--help'], options.env);
    if (r.code !== 0) throw new ScanError(classifySaneError(r.stderr) === 'failed' ? 'not-found' : classifySaneError(r.stderr), r.stderr.trim() || `scanimage --help exited ${r.code}`);
    const parsed = parseDeviceOptions(r.stdout);
    known.set(keyOf(device), parsed);
    return parsed;
  }

  async function* scan(request: ScanRequest): AsyncGenerator<RawPage> {
    const device = options.device || (await devices())[0]?.id;
    if (!device) throw new ScanError('not-found', 'scanimage -L lists no device');
    const deviceOpts = await deviceOptions(device);
    fs.mkdirSync(options.tempRoot, { recursive: true });
    const dir = fs.mkdtempSync(path.join(options.tempRoot, 'sane-'));
    let args: string[];
    try {
      args = scanArguments(device, deviceOpts, request, path.join(dir, 'p%d.tif'));
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    // A device that stops answering mid-batch would hold the clerk forever: end it as an I/O error.
    let stalled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        job.kill();
      }, options.stallMs ?? 90_000);
    };

    // scanimage prints "Scanned page N." before it closes and renames the file (p N.tif.part →
    // pN.tif): page N is on disk once the next line ("Scanning page N+1", "Batch terminated")
    // comes, or the process has ended.
    const ready: number[] = [];
    let announced: number | null = null;
    let stderr = '';
    let buffered = '';
    let ended: { code: number | null; error?: Error } | null = null;
    let wake: (() => void) | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };
    const onStderr = (d: string) => {
      feed();
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        stderr += `${line}\n`;
        if (announced !== null) ready.push(announced);
        const m = /^Scanned page (\d+)\./.exec(line);
        announced = m ? Number(m[1]) : null;
      }
      notify();
    };
    const onClose = (code: number | null, error?: NodeJS.ErrnoException) => {
      clearTimeout(watchdog);
      stderr += buffered;
      if (error) ended = { code: null, error: error.code === 'ENOENT' ? new ScanError('not-installed', `${command} not found`) : error };
      else {
        if (announced !== null && fs.existsSync(path.join(dir, `p${announced}.tif`))) ready.push(announced);
        ended = { code };
      }
      announced = null;
      notify();
    };
    // From the helper shell, not forked from core: see spawner.ts.
    const job = runInShell(command, args, options.env ?? process.env, { stderr: onStderr, close: onClose });
    feed();
    const onAbort = () => job.kill();
    request.signal?.addEventListener('abort', onAbort);

    let delivered = 0;
    try {
      for (;;) {
        while (ready.length) {
          const n = ready.shift()!;
          const bytes = await readWhole(path.join(dir, `p${n}.tif`));
          delivered++;
          yield { bytes, dpi: request.resolution };
        }
        const end = ended as { code: number | null; error?: Error } | null;
        if (end) {
          if (end.error) throw end.error;
          if (request.signal?.aborted) throw new ScanError('cancelled', 'scan cancelled');
          if (stalled) throw new ScanError('io', `scanimage silent for ${options.stallMs ?? 90_000} ms: stopped`);
          const kind = classifySaneError(stderr);
          // The feeder running empty is how a feeder batch ends; an error only with no page at all.
          const feederDone = request.source !== 'flatbed' && kind === 'no-paper' && delivered > 0;
          if ((end.code !== 0 || /sane_(start|read|open)|open of device|failed/i.test(stderr)) && !feederDone) {
            known.delete(keyOf(device));
            throw new ScanError(kind, stderr.trim().split('\n').filter((l) => /scanimage:|fail|error/i.test(l)).join(' | ') || `scanimage exited ${end.code}`);
          }
          if (delivered === 0) throw new ScanError(request.source === 'flatbed' ? 'failed' : 'no-paper', `scanimage delivered no page: ${stderr.trim()}`);
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (ready.length || ended) notify();
        });
      }
    } finally {
      clearTimeout(watchdog);
      request.signal?.removeEventListener('abort', onAbort);
      if (!ended) job.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  return { name: 'sane', devices, scan };
}
