import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { SCANNER_DRIVERS, settingsSchema } from '../settings/schema';
import { userProc } from './base';

/**
 * 扫描 / 拍照 of a case's materials (docs/scanning.md): scanning streams page events, camera
 * frames are uploaded one by one; the attachments procedures list, turn, reorder and delete
 * pages, and give one PDF per material.
 */

const caseNo = z.string().max(21).regex(/^\d{21}$/, '办件编号为21位数字');
const scanning = settingsSchema.shape.scanning.unwrap().shape;

export const rotationSchema = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);

export const scannedPageSchema = z.object({
  id: z.int(),
  seq: z.string(),
  /** 1-based order within the material */
  position: z.int(),
  /** clockwise degrees, applied on screen and in the PDF */
  rotation: rotationSchema,
  sha256: z.string(),
  size: z.int(),
  mime: z.string(),
  width: z.int(),
  height: z.int(),
  dpi: z.int(),
  /** scanner driver, or camera */
  source: z.string(),
  createdAt: z.string(),
  /** small WebP as a data: URL, not yet turned by `rotation` */
  thumb: z.string(),
});
export type ScannedPage = z.infer<typeof scannedPageSchema>;

export const scanEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), driver: z.enum(SCANNER_DRIVERS), source: scanning.source }),
  /** page n of this scan arrived and is stored */
  z.object({ type: z.literal('page'), n: z.int(), page: scannedPageSchema }),
  /** page n was blank and left out */
  z.object({ type: z.literal('blank'), n: z.int(), coverage: z.number() }),
  z.object({ type: z.literal('done'), pages: z.int(), blank: z.int() }),
  /** the device failed; `kept` pages of this scan are stored all the same */
  z.object({ type: z.literal('error'), message: z.string(), detail: z.string(), kept: z.int() }),
]);
export type ScanEvent = z.infer<typeof scanEventSchema>;

const material = z.object({ caseNo, seq: z.string().min(1).max(20) });
const clerk = userProc(['clerk']);
const staff = userProc(['clerk', 'supervisor']);

export const scanningContract = {
  /** A driver's devices (SANE: `scanimage -L`): the configured one, or `driver` before it is saved. */
  devices: userProc(['clerk', 'admin'])
    .input(z.object({ driver: z.enum(SCANNER_DRIVERS).optional() }).prefault({}))
    .output(z.object({ driver: z.enum(SCANNER_DRIVERS), devices: z.array(z.object({ id: z.string(), label: z.string() })) })),
  /** Scans into a material; one event per page as it arrives. Source and colour default to the settings. */
  scan: clerk
    .input(material.extend({ source: scanning.source.optional(), colorMode: scanning.colorMode.optional(), maxPages: z.int().min(1).max(500).optional() }))
    .output(eventIterator(scanEventSchema)),
  /** A 高拍仪 frame taken in the browser (JPEG/PNG, base64); `crop` cuts it to the sheet of paper and turns it level (`angle`: degrees it leaned). */
  capture: clerk
    .input(material.extend({ image: z.string().min(100).max(30_000_000, '图像太大'), crop: z.boolean().default(true) }))
    .output(z.object({ page: scannedPageSchema, cropped: z.boolean(), angle: z.number() })),
};

export const attachmentsContract = {
  /** Every scanned page of a case, by material and order. */
  pages: staff.input(z.object({ caseNo })).output(z.array(scannedPageSchema)),
  /** One page's image at full size (base64). */
  image: staff.input(z.object({ id: z.int() })).output(z.object({ mime: z.string(), base64: z.string(), rotation: rotationSchema })),
  rotate: clerk.input(z.object({ id: z.int(), by: z.union([z.literal(90), z.literal(-90), z.literal(180)]) })).output(scannedPageSchema),
  /** Moves a page to `position` (1-based) within its material. */
  move: clerk.input(z.object({ id: z.int(), position: z.int().min(1) })).output(z.array(scannedPageSchema)),
  remove: clerk.input(z.object({ id: z.int() })).output(z.object({ removed: z.int() })),
  /** The material's pages as one PDF (what the upstream receives), base64. */
  materialPdf: staff.input(material).output(z.object({ fileName: z.string(), base64: z.string(), pages: z.int() })),
};
