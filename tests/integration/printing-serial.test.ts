import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSimulator, serveSimulatorOnSerial } from '../../electron/core/printing/simulator';
import { queryStatus, sendToPrinter, PrintFailure } from '../../electron/core/printing/transport';
import { encodeLayout } from '../../electron/core/printing/escpos';
import { demoReceipt } from '../../electron/core/printing/demo';
import { resolveTemplatesDir, templateLoader } from '../../electron/core/printing/templates';
import { layoutPrintable, printableDocument } from '../../shared/print/layout';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { ptyPair } from '../fixtures/pty';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serialPrinter(sim: PrinterSimulator) {
  const pair = await ptyPair();
  cleanups.push(() => {
    pair.socat.kill();
    fs.rmSync(pair.dir, { recursive: true, force: true });
  });
  const served = await serveSimulatorOnSerial(sim, pair.device, 9600, 150);
  cleanups.push(() => served.close());
  return { driver: 'serial' as const, path: pair.host, baudRate: 9600 };
}

describe('serial receipt printer (pty pair)', () => {
  it('asks DLE EOT over the line, prints the receipt, and refuses when the printer reports paper out', async () => {
    const sim = new PrinterSimulator();
    const target = await serialPrinter(sim);
    const now = '2026-11-22T01:30:00.000Z';
    const layout = layoutPrintable(templateLoader(resolveTemplatesDir())('acceptanceReceipt'), printableDocument(demoReceipt(now), now), 58);
    const bytes = await encodeLayout(layout, { encoding: 'gb18030', qrMode: 'native', rasterFallback: true });
    expect(await queryStatus(target, { statusTimeoutMs: 500 })).toBe('ready');
    expect(await sendToPrinter(target, bytes, { statusTimeoutMs: 500 })).toBe('ready');
    await expect.poll(() => sim.jobs.length).toBe(1);
    expect(sim.last()!.bytes.equals(bytes)).toBe(true);
    expect(sim.last()!.lines).toContain('申请人：王喆');

    sim.condition = { ...sim.condition, paperOut: true };
    const refused = await sendToPrinter(target, bytes, { statusTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PrintFailure);
    expect((refused as PrintFailure).state).toBe('paperOut');
  });

  it('medins print receipt --demo --printer serial:<port> prints over the line', { timeout: 60_000 }, async () => {
    const sim = new PrinterSimulator();
    const target = await serialPrinter(sim);
    const r = await runCli(['print', 'receipt', '--demo', '--printer', `serial:${target.path}`, '--baud', '9600'], tempDir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect.poll(() => sim.jobs.length).toBe(1);
    expect(sim.last()!.lines).toContain('申请人：      王喆');
  });

  it('a port that does not exist is unreachable', async () => {
    expect(await queryStatus({ driver: 'serial', path: '/dev/medins-no-such-port', baudRate: 9600 }, { statusTimeoutMs: 200 })).toBe('unreachable');
  });
});
