import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ScanError, type RawPage, type ScanRequest, type ScannerDevice, type ScannerDriver } from './types';

/**
 * Windows (and macOS): NAPS2's command line, `NAPS2.Console.exe`, which drives WIA 2.0,
 * TWAIN (through its 32-bit worker for 32-bit data sources) and eSCL. One run scans the whole
 * batch and writes one JPEG per page (`--split`, `$(nnnn)` numbering); pages reach the clerk
 * when the run ends. Options as in NAPS2's AutomatedScanningOptions (docs/scanning.md).
 */
export interface Naps2Options {
  /** NAPS2.Console path; default `C:\Program Files\NAPS2\NAPS2.Console.exe` on Windows, else on PATH */
  command: string;
  driver: 'wia' | 'twain' | 'escl';
  device: string;
  tempRoot: string;
}

export const DEFAULT_NAPS2 = process.platform === 'win32' ? 'C:\\Program Files\\NAPS2\\NAPS2.Console.exe' : 'naps2';

const SOURCE: Record<ScanRequest['source'], string> = { flatbed: 'glass', adf: 'feeder', duplex: 'duplex' };

export function naps2Arguments(options: Pick<Naps2Options, 'driver' | 'device'>, request: ScanRequest, outputPattern: string): string[] {
  const args = ['--noprofile', '--driver', options.driver];
  if (options.device) args.push('--device', options.device);
  args.push('--source', SOURCE[request.source], '--dpi', String(request.resolution), '--bitdepth', request.colorMode === 'color' ? 'color' : 'gray', '--pagesize', 'a4');
  args.push('-o', outputPattern, '--split', '--force');
  return args;
}

/** NAPS2 prints its errors in English on stdout/stderr; these are the ones a counter meets. */
export function classifyNaps2Error(output: string) {
  if (/no scanning device|device.*not found|no device/i.test(output)) return 'not-found' as const;
  if (/jam/i.test(output)) return 'jammed' as const;
  if (/no pages|feeder.*empty|paper/i.test(output)) return 'no-paper' as const;
  if (/busy|in use/i.test(output)) return 'busy' as const;
  return 'failed' as const;
}

function run(command: string, args: string[], signal?: AbortSignal): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, signal });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new ScanError('not-installed', `${command} not found`) : error.name === 'AbortError' ? new ScanError('cancelled', 'scan cancelled') : error));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export function naps2Driver(options: Naps2Options): ScannerDriver {
  return {
    name: 'naps2',
    async devices(): Promise<ScannerDevice[]> {
      const r = await run(options.command, ['--listdevices', '--driver', options.driver]);
      return r.output
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((name) => ({ id: name, label: name }));
    },
    async *scan(request: ScanRequest): AsyncGenerator<RawPage> {
      fs.mkdirSync(options.tempRoot, { recursive: true });
      const dir = fs.mkdtempSync(path.join(options.tempRoot, 'naps2-'));
      try {
        const r = await run(options.command, naps2Arguments(options, request, path.join(dir, 'p$(nnnn).jpg')), request.signal);
        const files = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort();
        for (const f of files) yield { bytes: await fs.promises.readFile(path.join(dir, f)), dpi: request.resolution };
        if (r.code !== 0 || files.length === 0) throw new ScanError(classifyNaps2Error(r.output), r.output.trim() || `NAPS2.Console exited ${r.code}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
