import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { PrinterSimulator, serveSimulator, type ServedSimulator } from '../../electron/core/printing/simulator';
import { allTransports, type TestClient } from '../fixtures/clients';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { CLERK, applicant, employeeEnrolment } from '../fixtures/cases';
import { tempDir } from '../fixtures/temp';

/** A port nothing listens on (taken and released at once). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const acceptedReceipt = async (core: Core, n: number) => {
  const d = await employeeEnrolment(core, { applicant: { ...applicant(n), name: '王喆' } }, n);
  return { caseNo: d.caseNo, documentId: d.documents.find((x) => x.kind === 'acceptanceReceipt')!.id };
};

describe('printing contract', () => {
  let core: Core;
  let host: WebHost;
  const closers: (() => void)[] = [];
  beforeAll(async () => {
    core = await preparedCore(tempDir('medins-print-rpc-'));
    host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    for (const c of closers) c();
    await host.close();
    await core.close();
  });

  describe.each(allTransports(() => host.url, () => core, closers))('over %s', (_name, connect) => {
    let clerk: TestClient;
    beforeAll(async () => {
      clerk = await connect(await tokenFor(core, 'clerk1'));
    });

    it('prints a 受理回执 to the simulator, which reads the same lines back as the preview shows', async () => {
      const { caseNo, documentId } = await acceptedReceipt(core, 3);
      const preview = await clerk.printing.preview({ what: { documentId } });
      expect(preview).toMatchObject({ width: 80, cols: 48 });
      expect(preview.svg).toMatch(/^<svg /);
      expect(preview.lines).toContain('申请人：      王喆');
      const job = await clerk.printing.printDocument({ documentId });
      expect(job).toMatchObject({ status: 'done', kind: 'acceptanceReceipt', caseNo, attempts: 1, printerState: 'ready', error: null });
      const printed = await clerk.printing.simulator.last();
      expect(printed?.lines).toEqual(preview.lines);
      expect(printed?.svg).toContain('data-qr=');
      expect((await clerk.printing.jobs({ caseNo })).map((j) => j.id)).toContain(job.id);
      const again = await clerk.printing.reprint({ jobId: job.id });
      expect(again).toMatchObject({ status: 'done', reprintOf: job.id });
      expect((await clerk.printing.status()).state).toBe('ready');
    });
  });

  it('refuses a clerk the test print and the simulator switches; the admin may', async () => {
    const [, connect] = allTransports(() => host.url, () => core, closers)[0]!;
    const clerk = await connect(await tokenFor(core, 'clerk1'));
    const admin = await connect(await tokenFor(core, 'admin'));
    await expect(clerk.printing.testPrint()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(clerk.printing.simulator.setCondition({ paperOut: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await admin.printing.testPrint()).toMatchObject({ status: 'done', kind: 'testPage' });
    expect((await admin.printing.simulator.last())?.lines.join('\n')).toContain('打印测试页');
  });

  it('the kiosk (device token) prints the queue ticket it just took', async () => {
    const token = (await core.services.sessions.issueDeviceToken({ id: 1, name: 'admin' }, '一楼取号机', 'kiosk')).token;
    const [, connect] = allTransports(() => host.url, () => core, closers)[2]!;
    const kiosk = await connect(token);
    await core.services.queue.ensureDefaults([1]);
    await core.services.queue.take(CLERK, 'A', null, 'kiosk');
    const { ticket, ahead } = await kiosk.queue.take({ categoryId: 'A', priorityKind: '老年人' });
    const job = await kiosk.printing.printTicket({ ticketId: ticket.id });
    expect(job).toMatchObject({ status: 'done', kind: 'queueTicket', title: `排队号票 ${ticket.label}`, createdBy: 'device:一楼取号机' });
    const lines = core.services.printing.simulatorLast()!.lines;
    expect(lines).toContain(ticket.label);
    expect(lines).toContain('优先：老年人');
    // The same count the kiosk screen shows (calling order, the priority ticket may go first).
    expect(lines).toContain(`前面还有：${ahead} 人`);
    await expect(kiosk.printing.printDocument({ documentId: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('paper out on the simulator: the job waits with the reason in Chinese, and prints once paper is back', async () => {
    const [, connect] = allTransports(() => host.url, () => core, closers)[0]!;
    const admin = await connect(await tokenFor(core, 'admin'));
    const clerk = await connect(await tokenFor(core, 'clerk1'));
    const { documentId } = await acceptedReceipt(core, 4);
    await admin.printing.simulator.setCondition({ paperOut: true });
    const job = await clerk.printing.printDocument({ documentId });
    expect(job).toMatchObject({ status: 'queued', printerState: 'paperOut', error: '打印机缺纸，请装纸', attempts: 1 });
    expect(await clerk.printing.status()).toMatchObject({ state: 'paperOut', waiting: 1 });
    await admin.printing.simulator.setCondition({ paperOut: false });
    expect(await clerk.printing.reprint({ jobId: job.id })).toMatchObject({ id: job.id, status: 'done' });
  });
});

describe('print queue against a network printer', () => {
  let core: Core;
  let printer: ServedSimulator | null = null;
  afterEach(async () => {
    await printer?.close();
    printer = null;
    await core?.close();
  });

  const useTcp = (port: number, extra: Record<string, unknown> = {}) => core.services.settings.update({ printer: { driver: 'tcp', address: `tcp://127.0.0.1:${port}`, retryBaseSeconds: 1, retryMaxSeconds: 5, statusTimeoutMs: 1500, ...extra } });

  it('printer offline: the job stays queued, is retried with back-off, and prints once the printer answers', async () => {
    core = await preparedCore(tempDir('medins-print-q-'));
    const port = await closedPort();
    useTcp(port);
    const { documentId } = await acceptedReceipt(core, 5);
    const first = await core.services.printing.printDocument(CLERK, documentId);
    expect(first).toMatchObject({ status: 'queued', printerState: 'unreachable', error: '无法连接打印机，请检查电源、网线或地址' });
    expect(Date.parse(first.nextAttemptAt)).toBeGreaterThan(Date.now());
    printer = await serveSimulator(new PrinterSimulator(), port);
    const done = await until(() => core.services.printing.jobs({ limit: 5 }), (jobs) => jobs[0]?.status === 'done');
    expect(done[0]).toMatchObject({ id: first.id, status: 'done' });
    expect(done[0]!.attempts).toBeGreaterThanOrEqual(2);
    expect(printer.sim.last()?.lines.join('\n')).toContain('王喆');
  });

  it('paper out and cover open reported by DLE EOT: nothing is sent, the reason is in Chinese', async () => {
    core = await preparedCore(tempDir('medins-print-q-'));
    const sim = new PrinterSimulator();
    printer = await serveSimulator(sim);
    useTcp(printer.port);
    const { documentId } = await acceptedReceipt(core, 6);
    sim.condition = { ...sim.condition, paperOut: true };
    expect(await core.services.printing.printDocument(CLERK, documentId)).toMatchObject({ status: 'queued', printerState: 'paperOut', error: '打印机缺纸，请装纸' });
    sim.condition = { ...sim.condition, paperOut: false, coverOpen: true };
    const [job] = await core.services.printing.jobs({ limit: 1 });
    expect(await core.services.printing.reprint(CLERK, job!.id)).toMatchObject({ printerState: 'coverOpen', error: '打印机盖未关好，请合上' });
    expect(sim.jobs).toHaveLength(0);
  });

  it('a printer that never answers DLE EOT is printed to after the status timeout', async () => {
    core = await preparedCore(tempDir('medins-print-q-'));
    const sim = new PrinterSimulator();
    sim.condition = { ...sim.condition, answersStatus: false };
    printer = await serveSimulator(sim);
    useTcp(printer.port, { statusTimeoutMs: 300 });
    const { documentId } = await acceptedReceipt(core, 7);
    expect(await core.services.printing.printDocument(CLERK, documentId)).toMatchObject({ status: 'done', printerState: 'unknown' });
    expect(sim.jobs).toHaveLength(1);
  });

  it('gives up after maxAttempts as 打印失败, counted until dismissed; reprint from the case works', async () => {
    core = await preparedCore(tempDir('medins-print-q-'));
    useTcp(await closedPort(), { maxAttempts: 1 });
    const { caseNo, documentId } = await acceptedReceipt(core, 8);
    const failed = await core.services.printing.printDocument(CLERK, documentId);
    expect(failed).toMatchObject({ status: 'failed', caseNo });
    expect(await core.services.printing.status()).toMatchObject({ failed: 1, state: 'unreachable' });
    printer = await serveSimulator(new PrinterSimulator());
    useTcp(printer.port);
    const [fromCase] = await core.services.printing.jobs({ limit: 10, caseNo });
    expect(await core.services.printing.reprint(CLERK, fromCase!.id)).toMatchObject({ id: failed.id, status: 'done' });
    const second = await core.services.printing.printDocument(CLERK, documentId);
    const copy = await core.services.printing.reprint(CLERK, second.id);
    expect(copy).toMatchObject({ status: 'done', reprintOf: second.id });
    expect(printer.sim.jobs).toHaveLength(3);
    useTcp(await closedPort(), { maxAttempts: 1 });
    const lost = await core.services.printing.printDocument(CLERK, documentId);
    expect(lost.status).toBe('failed');
    await core.services.printing.dismiss(CLERK, lost.id);
    expect((await core.services.printing.status()).failed).toBe(0);
  });

  it('a queued job survives a restart and prints when core comes back', async () => {
    const dir = tempDir('medins-print-q-');
    core = await preparedCore(dir);
    const port = await closedPort();
    useTcp(port, { retryBaseSeconds: 60 });
    const { documentId } = await acceptedReceipt(core, 9);
    const job = await core.services.printing.printDocument(CLERK, documentId);
    expect(job.status).toBe('queued');
    await core.close();
    printer = await serveSimulator(new PrinterSimulator(), port);
    const { createCore } = await import('../../electron/core/core');
    core = await createCore({ dataDir: dir, runtime: 'test', logToFile: false });
    // The back-off is a minute; 重新打印 after the restart prints it now.
    expect((await core.services.printing.jobs({ limit: 1 }))[0]).toMatchObject({ id: job.id, status: 'queued' });
    expect(await core.services.printing.reprint(CLERK, job.id)).toMatchObject({ id: job.id, status: 'done' });
    expect(printer.sim.jobs).toHaveLength(1);
  });
});
