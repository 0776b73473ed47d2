import type { Settings } from '../../../shared/settings/schema';

export const SCANNER_DRIVER_LABELS: Record<Settings['devices']['scanner'], string> = {
  simulator: '模拟扫描仪',
  sane: 'SANE 扫描仪',
  naps2: 'NAPS2（WIA/TWAIN）',
  'vendor-ws': '高拍仪厂商服务',
  camera: '高拍仪（摄像头）',
  none: '未启用',
};

export const SCAN_SOURCE_LABELS: Record<Settings['scanning']['source'], string> = { flatbed: '平板', adf: '自动送纸', duplex: '双面送纸' };
export const COLOR_MODE_LABELS: Record<Settings['scanning']['colorMode'], string> = { gray: '灰度', color: '彩色' };
