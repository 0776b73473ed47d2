import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SCANNER_DRIVERS, type Settings } from '../../../shared/settings/schema';
import { processPage } from '../../core/scanning/image';
import { scannerDriverFor } from '../../core/scanning/service';
import { ScanError } from '../../core/scanning/drivers/types';
import { CliFailure, print, withCore } from '../context';

type Driver = Settings['devices']['scanner'];

function pickDriver(value: string | undefined): Driver | undefined {
  if (value === undefined) return undefined;
  if (!(SCANNER_DRIVERS as readonly string[]).includes(value)) throw new CliFailure(`unknown driver ${value}: one of ${SCANNER_DRIVERS.join(', ')}`);
  return value as Driver;
}

/** The configured settings with the command line's overrides. */
function withOverrides(s: Settings, opts: { driver?: string; device?: string; source?: string; resolution?: string; color?: boolean }): Settings {
  const driver = pickDriver(opts.driver) ?? s.devices.scanner;
  const scanning = { ...s.scanning };
  if (opts.device !== undefined) {
    if (driver === 'sane') scanning.saneDevice = opts.device;
    else if (driver === 'naps2') scanning.naps2Device = opts.device;
    else if (driver === 'vendor-ws') scanning.vendorWsUrl = opts.device;
  }
  if (opts.source !== undefined) {
    if (!['flatbed', 'adf', 'duplex'].includes(opts.source)) throw new CliFailure(`unknown source ${opts.source}: flatbed, adf or duplex`);
    scanning.source = opts.source as Settings['scanning']['source'];
  }
  if (opts.resolution !== undefined) scanning.resolution = Number(opts.resolution) as Settings['scanning']['resolution'];
  if (opts.color) scanning.colorMode = 'color';
  return { ...s, devices: { ...s.devices, scanner: driver }, scanning };
}

export function registerScanCommands(program: Command): void {
  const scan = program.command('scan').description('scanners: list devices, scan test pages to a folder (no case involved)');

  scan
    .command('devices')
    .description('list the devices of the configured scanner driver (SANE: scanimage -L)')
    .option('--driver <driver>', `one of ${SCANNER_DRIVERS.join(', ')} (default: settings devices.scanner)`)
    .option('--json', 'print JSON')
    .action(async (opts: { driver?: string; json?: boolean }) => {
      const result = await withCore((core) => core.services.scanning.devices(pickDriver(opts.driver))).catch((error: unknown) => {
        throw new CliFailure(`cannot list devices: ${(error as Error).message}`);
      });
      print(opts.json === true, result, result.devices.length ? result.devices.map((d) => `${d.id}\t${d.label}`).join('\n') : `no device found (driver ${result.driver})`);
    });

  scan
    .command('test')
    .description('scan with the configured (or given) scanner and write the processed pages to a folder; exit 1 with the reason when the device fails')
    .option('--driver <driver>', `one of ${SCANNER_DRIVERS.join(', ')}`)
    .option('--device <name>', 'SANE device (test:0), NAPS2 device name or 高拍仪 service URL')
    .option('--source <source>', 'flatbed, adf or duplex')
    .option('--pages <n>', 'feeder: stop after n pages')
    .option('--resolution <dpi>', '150, 200, 300 or 600')
    .option('--color', 'colour instead of grey')
    .option('--out <folder>', 'where to write the pages', 'scan-test')
    .option('--json', 'print JSON')
    .action(async (opts: { driver?: string; device?: string; source?: string; pages?: string; resolution?: string; color?: boolean; out: string; json?: boolean }) => {
      const settings = await withCore(async (core) => withOverrides(core.services.settings.get(), opts));
      const driver = scannerDriverFor(settings);
      if (!driver) throw new CliFailure(`driver ${settings.devices.scanner} does not scan from the command line (camera: in the app's 拍照)`);
      const sc = settings.scanning;
      fs.mkdirSync(opts.out, { recursive: true });
      const pages: { n: number; file: string | null; width: number; height: number; bytes: number; inkPerMille: number; blank: boolean }[] = [];
      let failure: ScanError | Error | null = null;
      try {
        for await (const raw of driver.scan({ resolution: sc.resolution, colorMode: sc.colorMode, source: sc.source, maxPages: opts.pages ? Number(opts.pages) : undefined })) {
          const page = await processPage(raw.bytes, { colorMode: sc.colorMode, format: sc.format, quality: sc.quality, blankThreshold: sc.blankThreshold, dpi: raw.dpi });
          const n = pages.length + 1;
          const file = page.blank ? null : path.join(opts.out, `page-${String(n).padStart(3, '0')}.${sc.format === 'webp' ? 'webp' : 'jpg'}`);
          if (file) fs.writeFileSync(file, page.bytes);
          pages.push({ n, file, width: page.width, height: page.height, bytes: page.bytes.length, inkPerMille: Math.round(page.coverage * 10) / 10, blank: page.blank });
        }
      } catch (error) {
        failure = error as Error;
      }
      const lines = pages.map((p) => `page ${p.n}: ${p.blank ? `blank (ink ${p.inkPerMille}‰), dropped` : `${p.width}×${p.height}, ${(p.bytes / 1024).toFixed(0)} KiB, ink ${p.inkPerMille}‰ → ${p.file}`}`);
      const reason = failure ? `${failure instanceof ScanError ? `${failure.kind}: ` : ''}${failure.message}` : null;
      print(opts.json === true, { driver: driver.name, pages, error: reason }, [...lines, reason ? `scan failed after ${pages.length} page(s): ${reason}` : `${pages.length} page(s) scanned`].join('\n'));
      if (failure) process.exitCode = 1;
    });
}
