import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAttachmentStore } from '../electron/core/attachments/store';
import { saneDriver } from '../electron/core/scanning/drivers/sane';
import { runInShell } from '../electron/core/scanning/drivers/spawner';
import { PROCESS_DEPTH, processAhead, processPage } from '../electron/core/scanning/image';
import type { BenchSuite } from './types';

/**
 * Issues 8 and 18 (target ≤ 1.5×): the scan pipeline per page at 300 dpi, grey — acquire
 * (scanimage, SANE `test` device, feeder batch; page n+1 is acquired while page n is
 * processed) → process (one decode: ink coverage, grey JPEG q75, WebP thumbnail) → store
 * (content-addressed, temp + fsync + rename) — against bare `scanimage` writing the same batch
 * with the same settings. The test device's largest area is 200 × 200 mm (2362 × 2362 px at
 * 300 dpi); an A4 page has 1.47× the pixels. Its "Grid" picture (black lines on white) stands
 * for a typed page. Twice: with the device paced like a fast feeder (does the pipeline keep the
 * scanner's pace?) and with the device instant (what the pipeline itself costs). Also: bytes
 * per page stored, against scanimage's raw TIFF.
 */
const PAGES = 3;
const request = { resolution: 300, colorMode: 'gray' as const, source: 'adf' as const, maxPages: PAGES };
const options = { colorMode: 'gray' as const, format: 'jpeg' as const, quality: 75, blankThreshold: 3, dpi: 300 };

let root = '';
let env: NodeJS.ProcessEnv = process.env;
const sizes = { stored: 0, raw: 0 };

/**
 * Started from the same helper shell as the driver's (spawner.ts), as one would from a
 * terminal: spawned from the bench process it would fork it, and the pipeline's next run would
 * pay the copy-on-write faults of that fork.
 */
function scanimage(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    runInShell('scanimage', args, env, { stderr: () => undefined, close: (code, error) => (code === 0 ? resolve() : reject(error ?? new Error(`scanimage exited ${code}`))) });
  });
}

async function bareBatch(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(root, 'bare-'));
  const t = performance.now();
  await scanimage(['-d', 'test:0', '--format=tiff', '--resolution', '300', '--mode', 'Gray', '--source', 'Automatic Document Feeder', '-x', '200', '-y', '200', `--batch=${path.join(dir, 'p%d.tif')}`, `--batch-count=${PAGES}`]);
  const ms = performance.now() - t;
  sizes.raw = fs.statSync(path.join(dir, 'p1.tif')).size;
  fs.rmSync(dir, { recursive: true, force: true });
  return ms / PAGES;
}

async function pipelineBatch(): Promise<number> {
  const store = createAttachmentStore(fs.mkdtempSync(path.join(root, 'store-')));
  const driver = saneDriver({ device: 'test:0', tempRoot: path.join(root, 'tmp'), env });
  const t = performance.now();
  let n = 0;
  for await (const page of processAhead(driver.scan(request), (raw) => processPage(raw.bytes, options), PROCESS_DEPTH)) {
    if (page.blank) throw new Error('grid page taken for blank');
    await Promise.all([store.put(page.bytes), store.put(page.thumb)]);
    sizes.stored = page.bytes.length;
    n++;
  }
  const ms = performance.now() - t;
  if (n !== PAGES) throw new Error(`scanned ${n} pages, expected ${PAGES}`);
  fs.rmSync(store.root, { recursive: true, force: true });
  return ms / PAGES;
}

/**
 * The test device, instant (it hands a page over as fast as the pipe takes it, ≈ 20–30 ms) or
 * paced like a fast document feeder: the backend waits `read-delay-duration` µs after each
 * buffer it sends, ≈ 11 buffers per page here, so 89 ms gives ≈ 1 s a page (60 pages a minute,
 * the fastest desktop feeders at 300 dpi; 高拍仪 and most counter feeders are slower).
 */
function setup(paced = false) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-bench-scan-'));
  const config = path.join(root, 'sane');
  fs.mkdirSync(config);
  fs.writeFileSync(path.join(config, 'dll.conf'), 'test\n');
  fs.writeFileSync(path.join(config, 'test.conf'), `test-picture "Grid"\n${paced ? 'read-delay true\nread-delay-duration 89000\n' : ''}`);
  env = { ...process.env, SANE_CONFIG_DIR: config };
}

export const suite: BenchSuite = {
  name: 'scanning (SANE test device, 300 dpi grey, feeder batch of 3)',
  cases: [
    {
      name: 'per page at a feeder’s pace (test device paced to ≈ 60 pages a minute): acquire → process → store, against bare scanimage',
      unit: 'ms',
      runs: 3,
      target: '≤ 1.5×',
      setup: () => setup(true),
      baseline: { name: 'scanimage alone (TIFF batch to disk)', measure: bareBatch },
      subject: { name: 'saneDriver + processPage + attachment store', measure: pipelineBatch },
      teardown: () => fs.rmSync(root, { recursive: true, force: true }),
    },
    {
      // The pipeline's own cost: the device takes no time, so this is CPU per page against
      // scanimage's ≈ 20 ms (docs/scanning.md § Pipeline says where it goes).
      name: 'per page from an instant device: acquire → process → store, against bare scanimage',
      unit: 'ms',
      runs: 5,
      target: '≤ 1.5×',
      setup: () => setup(),
      baseline: { name: 'scanimage alone (TIFF batch to disk)', measure: bareBatch },
      subject: { name: 'saneDriver + processPage + attachment store', measure: pipelineBatch },
      teardown: () => fs.rmSync(root, { recursive: true, force: true }),
    },
    {
      name: 'bytes per page: stored grey JPEG q75, against scanimage’s raw TIFF',
      unit: 'bytes',
      runs: 1,
      setup: async () => {
        setup();
        await bareBatch();
        await pipelineBatch();
      },
      baseline: { name: 'raw 8-bit TIFF from scanimage', measure: () => sizes.raw },
      subject: { name: 'stored page (JPEG q75)', measure: () => sizes.stored },
      teardown: () => fs.rmSync(root, { recursive: true, force: true }),
    },
  ],
};
