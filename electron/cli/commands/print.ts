import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { layoutPrintable, printableDocument } from '../../../shared/print/layout';
import type { PaperWidth } from '../../../shared/print/width';
import { demoReceipt } from '../../core/printing/demo';
import { encodeLayout } from '../../core/printing/escpos';
import { PRINTER_ENCODINGS, type PrinterEncoding } from '../../core/printing/encoding';
import { PrinterSimulator, serveSimulator, serveSimulatorOnSerial } from '../../core/printing/simulator';
import { describePrinter, printerTarget, type PrinterSettings } from '../../core/printing/service';
import { resolveTemplatesDir, templateLoader } from '../../core/printing/templates';
import { PrintFailure, parseTcpAddress, queryStatus, sendToPrinter, type PrinterTarget } from '../../core/printing/transport';
import { AppError } from '../../core/errors';
import { defaultSettings } from '../../../shared/settings/schema';
import { CliFailure, print, withCore } from '../context';

interface PrinterOpts {
  printer?: string;
  baud?: string;
  width?: string;
  encoding?: string;
  qr?: string;
  timeout?: string;
}

/** --printer tcp://host:port overrides the configured printer; otherwise settings.printer (core opened for it). */
async function resolvePrinter(opts: PrinterOpts): Promise<{ target: PrinterTarget; cfg: PrinterSettings; label: string }> {
  const width = opts.width === undefined ? undefined : Number(opts.width);
  if (width !== undefined && width !== 58 && width !== 80) throw new CliFailure(`--width must be 58 or 80, got "${opts.width}"`);
  if (opts.encoding !== undefined && !PRINTER_ENCODINGS.includes(opts.encoding as PrinterEncoding)) throw new CliFailure(`--encoding must be one of ${PRINTER_ENCODINGS.join(', ')}`);
  if (opts.qr !== undefined && opts.qr !== 'native' && opts.qr !== 'raster') throw new CliFailure('--qr must be native or raster');
  const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 100 || timeout > 10_000)) throw new CliFailure('--timeout must be 100–10000 ms');
  // With --printer nothing else is needed: the defaults stand in for the settings (no database opened).
  const configured = opts.printer ? defaultSettings().printer : await withCore(async (core) => core.services.settings.get().printer);
  const cfg: PrinterSettings = {
    ...configured,
    ...(width ? { width: width as PaperWidth } : {}),
    ...(opts.encoding ? { encoding: opts.encoding as PrinterEncoding } : {}),
    ...(opts.qr ? { qrMode: opts.qr as 'native' | 'raster' } : {}),
    ...(timeout ? { statusTimeoutMs: timeout } : {}),
  };
  if (opts.printer?.startsWith('serial:')) {
    const baudRate = Number(opts.baud ?? 9600);
    if (![9600, 19200, 38400, 57600, 115200].includes(baudRate)) throw new CliFailure(`--baud must be 9600, 19200, 38400, 57600 or 115200, got "${opts.baud}"`);
    const portPath = opts.printer.slice('serial:'.length);
    if (!portPath) throw new CliFailure('--printer serial: needs a port, e.g. serial:/dev/ttyUSB0 or serial:COM3');
    return { target: { driver: 'serial', path: portPath, baudRate }, cfg: { ...cfg, driver: 'serial', address: portPath, baudRate: baudRate as PrinterSettings['baudRate'] }, label: opts.printer };
  }
  if (opts.printer) {
    const addr = parseTcpAddress(opts.printer);
    if (!addr) throw new CliFailure(`--printer must be tcp://host:port or serial:<port>, got "${opts.printer}"`);
    return { target: { driver: 'tcp', ...addr }, cfg: { ...cfg, driver: 'tcp', address: opts.printer }, label: opts.printer };
  }
  if (cfg.driver === 'simulator') throw new CliFailure('the configured printer is the in-process simulator, which only exists inside the running app; pass --printer tcp://host:port');
  try {
    return { target: printerTarget(cfg), cfg, label: describePrinter(cfg) };
  } catch (e) {
    if (e instanceof AppError) throw new CliFailure(`printer settings unusable: ${e.message}`);
    throw e;
  }
}

function printerOptions(cmd: Command): Command {
  return cmd
    .option('--printer <address>', 'tcp://host:port or serial:<port> of the printer (default: the configured printer)')
    .option('--baud <n>', 'serial: baud rate (default 9600)')
    .option('--width <mm>', 'paper width, 58 or 80')
    .option('--encoding <name>', `printer text encoding: ${PRINTER_ENCODINGS.join(', ')}`)
    .option('--qr <mode>', 'native (GS ( k) or raster')
    .option('--timeout <ms>', 'wait for each status answer');
}

export function registerPrintCommands(program: Command): void {
  const cmd = program.command('print').description('receipt printer (ESC/POS): demo receipt, status, simulator');

  printerOptions(cmd.command('receipt'))
    .description('print a 受理回执; --demo prints the demo receipt (applicant 王喆, long item name, QR code)')
    .option('--demo', 'the demo receipt (the only receipt the CLI prints; case documents print from the app)')
    .action(async (opts: PrinterOpts & { demo?: boolean }) => {
      if (!opts.demo) throw new CliFailure('only --demo is supported here; print case documents from the app (办件查询 → 打印小票)');
      const { target, cfg, label } = await resolvePrinter(opts);
      const now = new Date().toISOString();
      const layout = layoutPrintable(templateLoader(resolveTemplatesDir())('acceptanceReceipt'), printableDocument(demoReceipt(now), now), cfg.width);
      const bytes = await encodeLayout(layout, cfg);
      try {
        const state = await sendToPrinter(target, bytes, { statusTimeoutMs: cfg.statusTimeoutMs });
        process.stdout.write(`printed the demo receipt (${bytes.length} bytes, ${cfg.width} mm, ${cfg.encoding}) to ${label}; printer state ${state}\n`);
      } catch (e) {
        if (e instanceof PrintFailure) throw new CliFailure(e.state === 'unreachable' ? `printer unreachable: ${e.message}` : `printer reports ${e.state}; nothing printed`);
        throw e;
      }
    });

  printerOptions(cmd.command('status'))
    .description("ask the printer's real-time status (DLE EOT)")
    .option('--json', 'print JSON')
    .action(async (opts: PrinterOpts & { json?: boolean }) => {
      const { target, cfg, label } = await resolvePrinter(opts);
      const state = await queryStatus(target, { statusTimeoutMs: cfg.statusTimeoutMs });
      print(opts.json === true, { printer: label, state }, `${label}: ${state}`);
      if (state === 'unreachable') process.exitCode = 1;
    });

  cmd
    .command('simulator')
    .description('run a receipt printer simulator on a loopback TCP port and print what it decodes, until stopped')
    .option('--port <n>', 'TCP port (0: any free port)', '9100')
    .option('--serial <path>', 'listen on this serial device instead of TCP (e.g. one end of a socat pty pair)')
    .option('--baud <n>', 'serial: baud rate', '9600')
    .option('--width <mm>', 'paper width for the pictures, 58 or 80', '80')
    .option('--encoding <name>', 'what the simulated printer reads in Chinese mode', 'gb18030')
    .option('--paper-out', 'report paper out (DLE EOT) and print nothing')
    .option('--cover-open', 'report the cover open and print nothing')
    .option('--no-status', 'do not answer DLE EOT (like printers without real-time status)')
    .option('--svg-dir <dir>', 'write each job as <seq>.svg there')
    .action(async (opts: { port: string; serial?: string; baud: string; width: string; encoding: string; paperOut?: boolean; coverOpen?: boolean; status: boolean; svgDir?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliFailure(`--port must be 0–65535, got "${opts.port}"`);
      const width = Number(opts.width);
      if (width !== 58 && width !== 80) throw new CliFailure('--width must be 58 or 80');
      if (!PRINTER_ENCODINGS.includes(opts.encoding as PrinterEncoding)) throw new CliFailure(`--encoding must be one of ${PRINTER_ENCODINGS.join(', ')}`);
      const sim = new PrinterSimulator(opts.encoding as PrinterEncoding);
      sim.condition = { paperOut: opts.paperOut === true, coverOpen: opts.coverOpen === true, offline: false, answersStatus: opts.status };
      if (opts.svgDir) fs.mkdirSync(opts.svgDir, { recursive: true });
      sim.onJob((job) => {
        process.stdout.write(`--- job ${job.seq}: ${job.bytes.length} bytes${job.decoded.warnings.length ? `, ${job.decoded.warnings.length} warnings` : ''}\n${job.lines.join('\n')}\n--- end ${job.seq}\n`);
        for (const w of job.decoded.warnings) process.stderr.write(`warning: ${w}\n`);
        if (opts.svgDir) fs.writeFileSync(path.join(opts.svgDir, `${job.seq}.svg`), sim.svg(job, width));
      });
      let served: { close(): Promise<void> };
      if (opts.serial) {
        try {
          served = await serveSimulatorOnSerial(sim, opts.serial, Number(opts.baud));
        } catch (e) {
          throw new CliFailure(`cannot open ${opts.serial}: ${(e as Error).message}`);
        }
        process.stdout.write(`printer simulator listening on serial:${opts.serial}\n`);
      } else {
        const tcp = await serveSimulator(sim, port);
        served = tcp;
        process.stdout.write(`printer simulator listening on tcp://127.0.0.1:${tcp.port}\n`);
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await served.close();
    });
}
