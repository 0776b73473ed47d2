import os from 'node:os';
import path from 'node:path';
import type { Settings } from '../../../shared/settings/schema';
import type { ScanEvent, ScannedPage } from '../../../shared/contract/scanning';
import type { Actor } from '../auth/audit';
import type { AuditLog } from '../auth/audit';
import { AppError } from '../errors';
import { keepRequest } from '../rpc/client-requests';
import type { Logger } from '../logging/logger';
import type { PageStore } from '../attachments/pages';
import { PROCESS_DEPTH, cropToPage, deskew, processAhead, processPage } from './image';
import { saneDriver } from './drivers/sane';
import { simulatorDriver } from './drivers/simulator';
import { DEFAULT_NAPS2, naps2Driver } from './drivers/naps2';
import { vendorWsDriver } from './drivers/vendor-ws';
import { ScanError, type RawPage, type ScannerDriver } from './drivers/types';

export interface ScanningDeps {
  settings: () => Settings;
  pages: PageStore;
  audit: AuditLog;
  logger: Logger;
  /** SANE / NAPS2 write their batches here before the pages are processed and stored. */
  tempRoot?: string;
  /** scanimage's environment (tests point SANE_CONFIG_DIR at the test backend). */
  env?: NodeJS.ProcessEnv;
}

export interface ScanInput {
  caseNo: string;
  seq: string;
  source?: Settings['scanning']['source'];
  colorMode?: Settings['scanning']['colorMode'];
  maxPages?: number;
}

const DEFAULT_TEMP_ROOT = path.join(os.tmpdir(), 'medins-scan');

/** The driver the settings choose (devices.scanner + scanning); null for camera / none, which do not scan in core. */
export function scannerDriverFor(s: Settings, options: { tempRoot?: string; env?: NodeJS.ProcessEnv } = {}): ScannerDriver | null {
  const sc = s.scanning;
  const tempRoot = options.tempRoot ?? DEFAULT_TEMP_ROOT;
  switch (s.devices.scanner) {
    case 'simulator':
      return simulatorDriver();
    case 'sane':
      return saneDriver({ device: sc.saneDevice, tempRoot, env: options.env });
    case 'naps2':
      return naps2Driver({ command: sc.naps2Path || DEFAULT_NAPS2, driver: sc.naps2Driver, device: sc.naps2Device, tempRoot });
    case 'vendor-ws':
      return vendorWsDriver(sc.vendorWsUrl);
    default:
      return null;
  }
}

/**
 * The scan pipeline: the configured driver acquires pages, each page is processed (blank
 * check, grey/colour, compression, thumbnail) and stored as soon as it arrives, and the
 * clerk's screen hears about it. A device error ends the scan with a Chinese message while
 * every page already received stays stored. One scan at a time: there is one scanner.
 */
export function createScanningService(deps: ScanningDeps) {
  const tempRoot = deps.tempRoot ?? DEFAULT_TEMP_ROOT;
  let busy = false;
  const driverFor = (s: Settings) => scannerDriverFor(s, { tempRoot, env: deps.env });

  const processOptions = (sc: Settings['scanning'], colorMode: Settings['scanning']['colorMode'], dpi: number) => ({ colorMode, format: sc.format, quality: sc.quality, blankThreshold: sc.blankThreshold, dpi });

  return {
    async devices(kind?: Settings['devices']['scanner']) {
      const saved = deps.settings();
      const s = kind ? { ...saved, devices: { ...saved.devices, scanner: kind } } : saved;
      const driver = driverFor(s);
      if (!driver) return { driver: s.devices.scanner, devices: [] };
      try {
        return { driver: s.devices.scanner, devices: await driver.devices() };
      } catch (error) {
        if (error instanceof ScanError) throw new AppError('DEVICE_ERROR', error.message, error.userText);
        throw error;
      }
    },

    async *scan(actor: Actor, input: ScanInput, signal?: AbortSignal): AsyncGenerator<ScanEvent> {
      const s = deps.settings();
      const sc = s.scanning;
      const driver = driverFor(s);
      if (!driver) {
        throw new AppError('DEVICE_ERROR', `scanner driver ${s.devices.scanner} does not scan in core`, s.devices.scanner === 'camera' ? '当前设置为高拍仪（摄像头），请使用“拍照”' : '未启用扫描仪（设置 → 扫描仪）');
      }
      const target = await deps.pages.target(input.caseNo, input.seq);
      if (busy) throw new AppError('CONFLICT', 'a scan is already running', '扫描仪正在扫描，请等当前扫描结束');
      busy = true;
      const source = input.source ?? sc.source;
      const colorMode = input.colorMode ?? sc.colorMode;
      let n = 0;
      let kept = 0;
      let blank = 0;
      try {
        yield { type: 'started', driver: s.devices.scanner, source };
        try {
          // processAhead: the device feeds the next pages while two are processed side by side;
          // each comes back in page order and is stored here.
          const pages = driver.scan({ resolution: sc.resolution, colorMode, source, maxPages: input.maxPages, signal });
          const processRaw = async (raw: RawPage) => ({ ...(await processPage(raw.bytes, processOptions(sc, colorMode, raw.dpi))), dpi: raw.dpi });
          for await (const processed of processAhead(pages, processRaw, PROCESS_DEPTH)) {
            n++;
            if (processed.blank) {
              blank++;
              yield { type: 'blank', n, coverage: Math.round(processed.coverage * 100) / 100 };
              continue;
            }
            // Each page commits with its audit entry: a scan killed half-way leaves pages that are
            // all audited (n is the page's number in the batch: gaps are blank pages dropped).
            const page = await deps.pages.add(target.caseId, input.seq, { ...processed, source: driver.name }, actor, (trx, made) =>
              deps.audit.record(actor, 'scan.add', `case:${input.caseNo}`, { seq: input.seq, material: target.materialName, driver: driver.name, source, n, page: made.id }, trx),
            );
            kept++;
            yield { type: 'page', n, page };
          }
          yield { type: 'done', pages: kept, blank };
        } catch (error) {
          const scanError = error instanceof ScanError ? error : null;
          deps.logger.warn({ err: error, driver: driver.name, kept }, 'scan failed');
          yield { type: 'error', message: scanError?.userText ?? '扫描失败，请重新扫描', detail: error instanceof Error ? error.message : String(error), kept };
        }
      } finally {
        busy = false;
      }
    },

    /** A camera frame: with `crop`, cut to the sheet and turned level (纠偏裁边), then stored like a scanned page. */
    async capture(actor: Actor, input: { caseNo: string; seq: string; image: string; crop: boolean }): Promise<{ page: ScannedPage; cropped: boolean; angle: number }> {
      const target = await deps.pages.target(input.caseNo, input.seq);
      const sc = deps.settings().scanning;
      const raw = Buffer.from(input.image.replace(/^data:image\/\w+;base64,/, ''), 'base64');
      let frame: { bytes: Buffer; cropped: boolean; angle: number };
      try {
        const cropped = input.crop ? await cropToPage(raw) : { bytes: raw, cropped: false };
        const level = input.crop ? await deskew(cropped.bytes) : { bytes: cropped.bytes, angle: 0 };
        frame = { ...cropped, ...level };
      } catch (error) {
        throw new AppError('BAD_REQUEST', `camera frame unreadable: ${(error as Error).message}`, '拍摄的图像无法识别，请重新拍照');
      }
      // A photo is never dropped as blank: the clerk pressed the button on purpose.
      const processed = await processPage(frame.bytes, { ...processOptions(sc, sc.colorMode, 0), blankThreshold: 0 });
      // The page, its audit entry and the request id commit together (one commit per action).
      const page = await deps.pages.add(target.caseId, input.seq, { ...processed, dpi: 0, source: 'camera' }, actor, async (trx, made) => {
        await keepRequest(trx);
        await deps.audit.record(actor, 'scan.add', `case:${input.caseNo}`, { seq: input.seq, material: target.materialName, driver: 'camera', cropped: frame.cropped, angle: frame.angle, page: made.id }, trx);
      });
      return { page, cropped: frame.cropped, angle: frame.angle };
    },
  };
}

export type ScanningService = ReturnType<typeof createScanningService>;
