import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Settings } from '../../shared/settings/schema';
import { createSyncService } from '../../electron/core/sync/worker';
import type { CaseMessage } from '../../electron/core/sync/outbox';
import { startReferenceUpstream } from '../../electron/upstream-ref/server';
import { startWebHost } from '../../electron/web/server';
import { vendorWsDriver } from '../../electron/core/scanning/drivers/vendor-ws';
import { startVendorSimulator, type VendorSimulator } from '../../electron/core/scanning/drivers/vendor-ws-sim';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { wsClient } from '../fixtures/clients';
import { collectScan } from '../fixtures/sane';
import { tempDir } from '../fixtures/temp';

let core: Core;
let sim: VendorSimulator | null = null;

beforeEach(async () => {
  core = await preparedCore(tempDir());
});
afterEach(async () => {
  await sim?.close();
  sim = null;
  await core.close();
});

function useScanner(scanner: Settings['devices']['scanner'], scanning: Partial<Settings['scanning']> = {}) {
  const s = core.services.settings.get();
  core.services.settings.update({ devices: { ...s.devices, scanner }, scanning: { ...s.scanning, resolution: 150, ...scanning } });
}

describe('高拍仪 vendor WebSocket service', () => {
  it('the driver lists cameras and captures one page from the simulator, matching answers by reqId', async () => {
    sim = await startVendorSimulator();
    const driver = vendorWsDriver(sim.url);
    expect(await driver.devices()).toEqual([
      { id: '0', label: '文档摄像头（主）' },
      { id: '1', label: '人像摄像头（副）' },
    ]);
    const pages = [];
    for await (const page of driver.scan({ resolution: 300, colorMode: 'color', source: 'flatbed' })) pages.push(page);
    expect(pages).toHaveLength(1);
    // Opened at its largest resolution: 1944 px tall ≈ A4 at 166 dpi.
    expect((await sharp(pages[0]!.bytes).metadata()).height).toBe(Math.round((297 / 25.4) * Math.round(1944 / 11.7)));
    const commands = sim.received.map((r) => r.command);
    expect(commands).toEqual(['GetCameraInfo', 'GetCameraInfo', 'OpenCamera', 'CameraCaptureBase64', 'CloseCamera']);
    expect(sim.received[2]!.data).toEqual({ index: 0, width: 2592, height: 1944 });
    expect(new Set(sim.received.map((r) => r.reqId)).size).toBe(sim.received.length);
  });

  it('a service that is not running is 找不到扫描仪 in the scan events', async () => {
    useScanner('vendor-ws', { vendorWsUrl: 'ws://127.0.0.1:9' });
    const c = await employeeEnrolment(core);
    const events = await collectScan(core, { caseNo: c.caseNo, seq: c.materials[0]!.seq });
    expect(events.at(-1)).toMatchObject({ type: 'error', kept: 0 });
    expect((events.at(-1) as { message: string }).message).toMatch(/^找不到扫描仪/);
  });

  it('scans through core into a material', async () => {
    sim = await startVendorSimulator();
    useScanner('vendor-ws', { vendorWsUrl: sim.url });
    const c = await employeeEnrolment(core);
    const events = await collectScan(core, { caseNo: c.caseNo, seq: c.materials[0]!.seq });
    expect(events.map((e) => e.type)).toEqual(['started', 'page', 'done']);
    expect(events[1]).toMatchObject({ page: { source: 'vendor-ws', dpi: 0 } });
  });
});

describe('pages of a material', () => {
  it('simulator feeder + duplex: blank backs removed; move, rotate and delete renumber and are audited', async () => {
    useScanner('simulator');
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    const events = await collectScan(core, { caseNo: c.caseNo, seq, source: 'duplex' });
    expect(events.at(-1)).toEqual({ type: 'done', pages: 3, blank: 3 });
    const pages = core.services.attachments.pages;
    const [a, b, d] = await pages.list(c.caseNo);
    expect((await pages.move(d!.id, 1, CLERK)).map((p) => p.id)).toEqual([d!.id, a!.id, b!.id]);
    expect((await pages.rotate(a!.id, -90, CLERK)).rotation).toBe(270);
    expect((await pages.rotate(a!.id, 180, CLERK)).rotation).toBe(90);
    await pages.remove(d!.id, CLERK);
    expect((await pages.list(c.caseNo)).map((p) => [p.id, p.position, p.rotation])).toEqual([
      [a!.id, 1, 90],
      [b!.id, 2, 0],
    ]);
    expect(await core.services.attachments.pages.counts((await core.db.db.selectFrom('cases').select('id').where('case_no', '=', c.caseNo).executeTakeFirstOrThrow()).id)).toEqual({ [seq]: 2 });
    const audit = await core.db.db.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'scan.%').orderBy('id').execute();
    expect(audit.map((r) => r.action)).toEqual(['scan.add', 'scan.add', 'scan.add', 'scan.move', 'scan.rotate', 'scan.rotate', 'scan.remove']);
    // One entry per stored page, committed with it: the page it names and its number in the
    // batch (the duplex backs 2, 4 and 6 were blank and dropped).
    expect(audit.slice(0, 3).map((r) => JSON.parse(r.detail) as { page: number; n: number })).toEqual([a, b, d].map((p, i) => expect.objectContaining({ page: p!.id, n: 2 * i + 1, driver: 'simulator' })));
    // The deleted page's bytes stay in the store: another page or an upstream PDF may name them.
    expect(core.services.attachments.store.has(d!.sha256)).toBe(true);
  });

  it('a camera frame is cropped to the sheet, turned level and stored as a page', async () => {
    const c = await employeeEnrolment(core);
    const frame = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#302820' } })
      .composite([{ input: await sharp({ create: { width: 320, height: 440, channels: 3, background: '#f2f2ee' } }).png().toBuffer(), left: 160, top: 20 }])
      .jpeg()
      .toBuffer();
    const { page, cropped } = await core.services.scanning.capture(CLERK, { caseNo: c.caseNo, seq: c.materials[1]!.seq, image: `data:image/jpeg;base64,${frame.toString('base64')}`, crop: true });
    expect(cropped).toBe(true);
    expect(page).toMatchObject({ source: 'camera', dpi: 0, position: 1 });
    // A typed sheet put down 3° askew on the desk: cut out and turned level.
    const lines = Array.from({ length: 16 }, (_, i) => `<rect x="60" y="${80 + i * 30}" width="${300 - ((i * 37) % 90)}" height="4" fill="#111"/>`).join('');
    const askew = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="700"><rect width="100%" height="100%" fill="#302820"/><g transform="rotate(3 450 350)"><rect x="230" y="40" width="440" height="620" fill="#f2f2ee"/><g transform="translate(230 40)">${lines}</g></g></svg>`)).jpeg().toBuffer();
    const level = await core.services.scanning.capture(CLERK, { caseNo: c.caseNo, seq: c.materials[1]!.seq, image: askew.toString('base64'), crop: true });
    expect(level.cropped).toBe(true);
    expect(level.angle).toBeCloseTo(3, 0);
    expect(level.page.position).toBe(2);
    expect(Math.abs(page.width - 320)).toBeLessThanOrEqual(4);
    await expect(core.services.scanning.capture(CLERK, { caseNo: c.caseNo, seq: c.materials[1]!.seq, image: 'bm90IGFuIGltYWdl'.repeat(10), crop: true })).rejects.toMatchObject({ userText: '拍摄的图像无法识别，请重新拍照' });
  });
});

describe('over the contract', () => {
  it('streams scan progress over the WebSocket and serves pages, image and PDF to the clerk', async () => {
    useScanner('simulator');
    const host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
    const { client, close } = await wsClient(host.url, {}, await tokenFor(core, 'clerk1'));
    try {
      const c = await employeeEnrolment(core);
      const seq = c.materials[0]!.seq;
      const types: string[] = [];
      for await (const e of await client.scanning.scan({ caseNo: c.caseNo, seq, source: 'adf', maxPages: 2 })) types.push(e.type);
      expect(types).toEqual(['started', 'page', 'page', 'done']);
      const pages = await client.attachments.pages({ caseNo: c.caseNo });
      expect(pages).toHaveLength(2);
      const image = await client.attachments.image({ id: pages[0]!.id });
      expect(image.mime).toBe('image/jpeg');
      const pdf = await client.attachments.materialPdf({ caseNo: c.caseNo, seq });
      expect(pdf.pages).toBe(2);
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      await expect(client.attachments.materialPdf({ caseNo: c.caseNo, seq: c.materials[1]!.seq })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '该材料还没有扫描件' });
    } finally {
      close();
      await host.close();
    }
  });
});

describe('upstream sync of the material PDFs', () => {
  it('closing a case names each scanned material’s PDF by hash; the worker uploads it and the upstream holds the same bytes', async () => {
    useScanner('simulator');
    const secret = 'hall-secret-for-tests-0001';
    const upstreamDir = tempDir('medins-upstream-');
    const upstream = await startReferenceUpstream({ dataDir: upstreamDir, keys: { 'hall-1': secret }, port: 0 });
    try {
      const s = core.services.settings.get();
      core.services.settings.update({ upstream: { ...s.upstream, enabled: true, url: upstream.url, keyId: 'hall-1' } });
      const c = await employeeEnrolment(core);
      const seq = c.materials[0]!.seq;
      await collectScan(core, { caseNo: c.caseNo, seq, source: 'adf', maxPages: 2 });
      await core.services.cases.transition(CLERK, c.caseNo, 'withdraw', { reason: '申请人撤回' });
      const row = await core.db.db.selectFrom('sync_outbox').selectAll().executeTakeFirstOrThrow();
      const message = JSON.parse(row.payload) as CaseMessage;
      const withFiles = message.materials.filter((m) => m.attachments.length);
      expect(withFiles.map((m) => m.seq)).toEqual([seq]);
      const ref = withFiles[0]!.attachments[0]!;
      expect(ref.mime).toBe('application/pdf');
      const local = await core.services.attachments.store.get(ref.sha256);
      expect(local.length).toBe(ref.size);
      const sync = createSyncService({ db: core.db.db, settings: core.services.settings, logger: core.services.logger, audit: core.services.audit, now: Date.now, training: false, env: { MEDINS_UPSTREAM_SECRET: secret }, attachments: core.services.attachments.store });
      expect(await sync.runOnce()).toMatchObject({ acked: 1 });
      sync.stop();
      expect(fs.readFileSync(path.join(upstreamDir, 'attachments', ref.sha256)).equals(local)).toBe(true);
    } finally {
      await upstream.close();
    }
  });
});
