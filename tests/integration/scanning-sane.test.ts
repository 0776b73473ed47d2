import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { sha256Of } from '../../electron/core/attachments/store';
import { preparedCore } from '../fixtures/hall';
import { CLERK, employeeEnrolment } from '../fixtures/cases';
import { collectScan, saneTestConfig, useSane } from '../fixtures/sane';
import { tempDir } from '../fixtures/temp';

/**
 * The real `scanimage` against SANE's `test` backend (sane-utils; SANE_CONFIG_DIR is set here,
 * nothing in /etc is touched): flatbed and feeder batches, blank pages, device errors.
 */
let core: Core;

// One core for the file: preparing one hashes four passwords at production cost (scrypt,
// 32 MiB each — seconds on a loaded machine), which per test made these tests slow enough to
// time out. Each test makes its own case, so they stay independent.
beforeAll(async () => {
  core = await preparedCore(tempDir(), { scannerEnv: { ...process.env, SANE_CONFIG_DIR: saneTestConfig('Grid') } });
});
beforeEach(() => useSane(core));
afterAll(async () => {
  await core.close();
});

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('scanning with SANE (scanimage -d test)', () => {
  it('lists the test devices from scanimage -L', async () => {
    const { driver, devices } = await core.services.scanning.devices();
    expect(driver).toBe('sane');
    expect(devices.map((d) => d.id)).toEqual(['test:0', 'test:1']);
    expect(devices[0]!.label).toMatch(/frontend-tester/);
  });

  it('scans one flatbed page into a material: stored compressed, content-addressed, listed with a thumbnail', async () => {
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    const events = await collectScan(core, { caseNo: c.caseNo, seq });
    expect(types(events)).toEqual(['started', 'page', 'done']);
    const page = events.find((e) => e.type === 'page')!.page;
    // 200 × 200 mm (the test backend's largest area) at 150 dpi.
    expect([page.width, page.height, page.dpi, page.mime, page.source]).toEqual([1181, 1181, 150, 'image/jpeg', 'sane']);
    const file = path.join(core.paths.dataDir, 'attachments', page.sha256.slice(0, 2), page.sha256);
    const bytes = fs.readFileSync(file);
    expect(sha256Of(bytes)).toBe(page.sha256);
    expect(bytes.length).toBe(page.size);
    // The grid page compresses far below its 1.4 MB of raw grey pixels.
    expect(page.size).toBeLessThan(400_000);
    expect((await sharp(bytes).metadata()).channels).toBe(1);
    expect(page.thumb).toMatch(/^data:image\/webp;base64,/);
    expect(await core.services.attachments.pages.list(c.caseNo)).toEqual([page]);
    // The row holds the reference, never the bytes.
    const row = await core.db.db.selectFrom('case_pages').selectAll().where('id', '=', page.id).executeTakeFirstOrThrow();
    expect(Object.values(row).every((v) => typeof v !== 'object' || v === null)).toBe(true);
  });

  it('scans a feeder batch of 3 with a progress event per page, then 10 until the feeder is empty', async () => {
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    const three = await collectScan(core, { caseNo: c.caseNo, seq, source: 'adf', maxPages: 3 });
    expect(types(three)).toEqual(['started', 'page', 'page', 'page', 'done']);
    expect(three.flatMap((e) => (e.type === 'page' ? [[e.n, e.page.position]] : []))).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(three.at(-1)).toEqual({ type: 'done', pages: 3, blank: 0 });
    // Without a count the test feeder holds 10 sheets: "out of documents" ends the batch, not an error.
    const all = await collectScan(core, { caseNo: c.caseNo, seq, source: 'adf' });
    expect(all.at(-1)).toEqual({ type: 'done', pages: 10, blank: 0 });
    const pages = await core.services.attachments.pages.list(c.caseNo);
    expect(pages.map((p) => p.position)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    // Every grid page is the same image: the store keeps it once (plus its thumbnail).
    expect(new Set(pages.map((p) => p.sha256)).size).toBe(1);
  });

  it('a device that does not exist: Chinese 找不到扫描仪, and the pages scanned before stay', async () => {
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    await collectScan(core, { caseNo: c.caseNo, seq, source: 'adf', maxPages: 2 });
    useSane(core, 'nosuch:0');
    const events = await collectScan(core, { caseNo: c.caseNo, seq });
    expect(types(events)).toEqual(['started', 'error']);
    const error = events[1] as Extract<(typeof events)[number], { type: 'error' }>;
    expect(error.message).toMatch(/^找不到扫描仪/);
    expect(error.detail).toMatch(/nosuch/);
    expect(error.kept).toBe(0);
    expect(await core.services.attachments.pages.list(c.caseNo)).toHaveLength(2);
  });

  it('duplex on a scanner without it is refused in Chinese before anything is fed', async () => {
    const c = await employeeEnrolment(core);
    const events = await collectScan(core, { caseNo: c.caseNo, seq: c.materials[0]!.seq, source: 'duplex' });
    expect(events.at(-1)).toMatchObject({ type: 'error', message: '该扫描仪不支持所选的扫描方式', kept: 0 });
  });

  it('drops blank pages by the configured threshold, keeps them with threshold 0', async () => {
    const white = await preparedCore(tempDir(), { scannerEnv: { ...process.env, SANE_CONFIG_DIR: saneTestConfig('Solid white') } });
    try {
      useSane(white);
      const c = await employeeEnrolment(white);
      const seq = c.materials[0]!.seq;
      const events = await collectScan(white, { caseNo: c.caseNo, seq, source: 'adf', maxPages: 2 });
      expect(types(events)).toEqual(['started', 'blank', 'blank', 'done']);
      expect(events.at(-1)).toEqual({ type: 'done', pages: 0, blank: 2 });
      useSane(white, 'test:0', { blankThreshold: 0 });
      expect((await collectScan(white, { caseNo: c.caseNo, seq })).at(-1)).toEqual({ type: 'done', pages: 1, blank: 0 });
    } finally {
      await white.close();
    }
  });

  it('refuses to scan into a closed case or a material the case does not have', async () => {
    const c = await employeeEnrolment(core);
    await expect(collectScan(core, { caseNo: c.caseNo, seq: '99' })).rejects.toMatchObject({ userText: '该办件没有这项材料' });
    await core.services.cases.transition(CLERK, c.caseNo, 'withdraw', { reason: '申请人撤回' });
    await expect(collectScan(core, { caseNo: c.caseNo, seq: c.materials[0]!.seq })).rejects.toMatchObject({ userText: '该办件已结束，不能再修改材料扫描件' });
  });

  it('the material PDF holds every page in order, with the clerk’s rotation', async () => {
    const c = await employeeEnrolment(core);
    const seq = c.materials[0]!.seq;
    await collectScan(core, { caseNo: c.caseNo, seq, source: 'adf', maxPages: 2 });
    const [first] = await core.services.attachments.pages.list(c.caseNo);
    await core.services.attachments.pages.rotate(first!.id, 90, CLERK);
    const pdf = await core.services.attachments.pages.materialPdfFile(c.caseNo, seq);
    expect(pdf.pages).toBe(2);
    const file = path.join(tempDir(), pdf.fileName);
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '2', file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    // 200 mm square pages: 566.9 pt each way.
    expect(info).toMatch(/Page {4}1 size:\s+566\.\d+ x 566\.\d+ pts/);
  });
});
