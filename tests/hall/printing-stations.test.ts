import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { PrinterSimulator, serveSimulator, type ServedSimulator } from '../../electron/core/printing/simulator';
import { preparedCore } from '../fixtures/hall';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { tempDir } from '../fixtures/temp';
import { usePostgres } from '../fixtures/postgres';

/**
 * Hall mode: two counters' cores on one PostgreSQL schema, each with its own data folder and
 * its own receipt printer. A job prints only at the station that made it.
 */
const cores: Core[] = [];
const printers: ServedSimulator[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const p of printers.splice(0)) await p.close();
});

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const useTcp = (core: Core, port: number) => core.services.settings.update({ printer: { driver: 'tcp', address: `tcp://127.0.0.1:${port}`, retryBaseSeconds: 1, retryMaxSeconds: 5, statusTimeoutMs: 300 } });

describe('print jobs in a hall', () => {
  it('each counter prints its own jobs on its own printer, and lists only its own', async () => {
    const dirA = tempDir();
    const schema = (JSON.parse(fs.readFileSync(path.join(dirA, 'settings.json'), 'utf8')) as { storage: { postgres: { schema: string } } }).storage.postgres.schema;
    const a = await preparedCore(dirA);
    cores.push(a);
    const dirB = tempDir();
    usePostgres(dirB, schema);
    const b = await createCore({ dataDir: dirB, runtime: 'test', logToFile: false });
    cores.push(b);

    const printerB = await serveSimulator(new PrinterSimulator());
    printers.push(printerB);
    useTcp(b, printerB.port);
    const portA = await closedPort();
    useTcp(a, portA);

    const detail = await employeeEnrolment(a, {}, 1);
    const documentId = detail.documents[0]!.id;
    const jobA = await a.services.printing.printDocument(CLERK, documentId);
    expect(jobA).toMatchObject({ status: 'queued', printerState: 'unreachable' });
    // Counter B's worker runs every second and its printer is fine: still not B's job.
    await new Promise((r) => setTimeout(r, 2500));
    expect(printerB.sim.jobs).toHaveLength(0);
    expect(await b.services.printing.jobs({ limit: 10 })).toEqual([]);
    expect((await a.services.printing.jobs({ limit: 10 }))[0]).toMatchObject({ id: jobA.id, status: 'queued' });

    // B prints the same document itself: a new job, on B's printer.
    const jobB = await b.services.printing.printDocument(CLERK, documentId);
    expect(jobB).toMatchObject({ status: 'done' });
    expect(printerB.sim.jobs).toHaveLength(1);
    // A's printer comes up: A's job prints there.
    const printerA = await serveSimulator(new PrinterSimulator(), portA);
    printers.push(printerA);
    await expect.poll(async () => (await a.services.printing.jobs({ limit: 1 }))[0]?.status, { timeout: 10_000 }).toBe('done');
    expect(printerA.sim.jobs).toHaveLength(1);
    expect(printerB.sim.jobs).toHaveLength(1);
  });
});
