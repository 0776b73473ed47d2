import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { TEST_CLI } from '../setup/build-cli';
import { textWidth } from '../../shared/print/width';
import { PrinterSimulator, serveSimulator, type ServedSimulator } from '../../electron/core/printing/simulator';

let served: ServedSimulator | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

describe('print CLI', { timeout: 120_000 }, () => {
  it('print receipt --demo prints the demo 受理回执 to a network printer and exits 0', async () => {
    served = await serveSimulator(new PrinterSimulator());
    const r = await runCli(['print', 'receipt', '--demo', '--printer', `tcp://127.0.0.1:${served.port}`, '--width', '58'], tempDir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/printed the demo receipt \(\d+ bytes, 58 mm, gb18030\) to tcp:\/\/127\.0\.0\.1:\d+; printer state ready/);
    const job = served.sim.last()!;
    expect(job.decoded.warnings).toEqual([]);
    expect(job.lines).toContain('申请人：王喆');
    expect(job.lines.some((l) => l.startsWith('[二维码 http://127.0.0.1:5780/#/progress?code='))).toBe(true);
    // 32 columns at 58 mm: CJK counts two.
    expect(job.lines.filter((l) => !l.startsWith('[')).every((l) => textWidth(l) <= 32)).toBe(true);
  });

  it('exits 1 with an English reason when the printer is unreachable or out of paper', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const down = await runCli(['print', 'receipt', '--demo', '--printer', `tcp://127.0.0.1:${port}`], tempDir());
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: printer unreachable: cannot connect to 127\.0\.0\.1:\d+/);

    const sim = new PrinterSimulator();
    sim.condition = { ...sim.condition, paperOut: true };
    served = await serveSimulator(sim);
    const out = await runCli(['print', 'receipt', '--demo', '--printer', `tcp://127.0.0.1:${served.port}`], tempDir());
    expect(out.code).toBe(1);
    expect(out.stderr).toBe('error: printer reports paperOut; nothing printed\n');
    expect(sim.jobs).toHaveLength(0);

    const bad = await runCli(['print', 'receipt', '--demo', '--printer', 'lpt1', '--width', '76'], tempDir());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--width must be 58 or 80');
  });

  it('print simulator serves on a port and prints the text it decodes', async () => {
    const child = spawn(process.execPath, [TEST_CLI, 'print', 'simulator', '--port', '0'], { env: { ...process.env, MEDINS_DATA_DIR: tempDir() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`simulator did not start: ${out}`)), 30_000);
        child.stdout.on('data', () => {
          const m = /listening on tcp:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const r = await runCli(['print', 'receipt', '--demo', '--printer', `tcp://127.0.0.1:${port}`], tempDir());
      expect(r.code).toBe(0);
      await expect.poll(() => out, { timeout: 10_000 }).toContain('--- end 1');
      expect(out).toContain('受理回执');
      expect(out).toContain('申请人：      王喆');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
