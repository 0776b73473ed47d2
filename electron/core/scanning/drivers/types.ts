import type { Settings } from '../../../../shared/settings/schema';

/** What the clerk asked for; each driver maps it onto its device's own words. */
export interface ScanRequest {
  resolution: number;
  colorMode: Settings['scanning']['colorMode'];
  source: Settings['scanning']['source'];
  /** feeder: stop after this many pages (the clerk counted the sheets); default: until the feeder is empty */
  maxPages?: number;
  signal?: AbortSignal;
}

/** A page as the device delivered it: any format sharp reads (TIFF, PNG, JPEG…). */
export interface RawPage {
  bytes: Buffer;
  /** 0 when the device does not say (a camera frame) */
  dpi: number;
}

export interface ScannerDevice {
  id: string;
  label: string;
}

/**
 * One scanner family behind one interface (SANE, NAPS2, a 高拍仪 vendor service, the
 * simulator). `scan` yields each page as soon as the device has delivered it; on a device
 * error it throws a ScanError after the pages that did arrive, which the pipeline keeps.
 */
export interface ScannerDriver {
  readonly name: string;
  devices(): Promise<ScannerDevice[]>;
  scan(request: ScanRequest): AsyncGenerator<RawPage>;
}

export type ScanErrorKind = 'not-found' | 'no-paper' | 'jammed' | 'cover-open' | 'busy' | 'not-installed' | 'unsupported' | 'denied' | 'io' | 'cancelled' | 'failed';

/** Clear Chinese for each kind of scanner failure; the detail (device's own words) goes to the log. */
export const SCAN_ERROR_TEXT: Record<ScanErrorKind, string> = {
  'not-found': '找不到扫描仪，请检查扫描仪电源和连接线，或在“设置 → 扫描仪”中重新选择设备',
  'no-paper': '送纸器中没有纸，请放入材料后重新扫描',
  jammed: '扫描仪卡纸，请取出卡住的纸张后重新扫描',
  'cover-open': '扫描仪盖板未合上，请合上后重新扫描',
  busy: '扫描仪正被其他程序使用，请稍后重试',
  'not-installed': '本机未安装扫描程序（SANE scanimage / NAPS2），请联系系统管理员',
  unsupported: '该扫描仪不支持所选的扫描方式',
  denied: '没有使用扫描仪的权限，请联系系统管理员',
  io: '与扫描仪通信出错，请检查连接线后重新扫描',
  cancelled: '扫描已取消',
  failed: '扫描失败，请重新扫描',
};

export class ScanError extends Error {
  constructor(
    readonly kind: ScanErrorKind,
    detail: string,
  ) {
    super(detail);
  }
  get userText(): string {
    return SCAN_ERROR_TEXT[this.kind];
  }
}
