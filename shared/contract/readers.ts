import { eventIterator } from '@orpc/contract';
import { z } from 'zod';
import { userProc } from './base';

/**
 * Identity readers (身份证 / 社保卡 / 医保电子凭证): one normalised record whatever the
 * driver, the device state in clear Chinese, and a stream of state and card events.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const identityCardTypeSchema = z.enum(['resident', 'hkmotw', 'foreign2017', 'foreign2023']);
export type IdentityCardType = z.infer<typeof identityCardTypeSchema>;

export const identityPhotoSchema = z.object({
  /** wlt: the chip's 1 024-byte encoded photo, only the vendor library decodes it. */
  format: z.enum(['wlt', 'bmp', 'jpeg', 'png']),
  base64: z.string(),
  decoded: z.boolean(),
});

export const identityRecordSchema = z.object({
  source: z.enum(['idcard', 'sscard', 'evoucher', 'manual']),
  cardType: identityCardTypeSchema,
  name: z.string(),
  foreignName: z.string().optional(),
  sex: z.enum(['男', '女']),
  /** as printed on the card, without 族 (汉, 达斡尔…); empty where the card has none */
  nation: z.string(),
  nationCode: z.string(),
  birthDate: isoDate,
  address: z.string(),
  idNumber: z.string(),
  authority: z.string(),
  /** 2017 foreigner card: the chip stores only the authority's code */
  authorityCode: z.string().optional(),
  validFrom: z.union([isoDate, z.literal('')]),
  validTo: z.union([isoDate, z.literal('长期'), z.literal('')]),
  passNumber: z.string().optional(),
  issueCount: z.int().optional(),
  nationality: z.string().optional(),
  cardVersion: z.string().optional(),
  photo: identityPhotoSchema.optional(),
  /** validTo is before today (hall date) */
  expired: z.boolean(),
  /** doubts about the record (a check digit that does not match…), in Chinese */
  warnings: z.array(z.string()),
  /** what the driver returned, for support (hex of the text block, or the vendor JSON) */
  raw: z.record(z.string(), z.unknown()),
});
export type IdentityRecord = z.infer<typeof identityRecordSchema>;

export const socialSecurityCardSchema = z.object({
  source: z.literal('sscard'),
  cardNumber: z.string(),
  socialSecurityNumber: z.string(),
  name: z.string(),
  /** 6-digit division code from the first characters of 卡识别码 */
  issuingRegion: z.string(),
  cardVersion: z.string(),
  issueDate: z.union([isoDate, z.literal('')]),
  validTo: z.union([isoDate, z.literal('')]),
  sex: z.enum(['男', '女']).optional(),
  nationCode: z.string().optional(),
  cardIdentifier: z.string(),
  raw: z.record(z.string(), z.unknown()),
});
export type SocialSecurityCard = z.infer<typeof socialSecurityCardSchema>;

export const readerDeviceSchema = z.enum(['idcard', 'sscard', 'evoucher']);
export type ReaderDevice = z.infer<typeof readerDeviceSchema>;

/** absent 未检测到读卡器 · idle 请放置证件 · reading 正在读卡 · ready 已读取 · error 读卡失败 · off 未启用 */
export const readerStateSchema = z.enum(['off', 'absent', 'idle', 'reading', 'ready', 'error']);
export type ReaderState = z.infer<typeof readerStateSchema>;

export const readerStatusSchema = z.object({
  device: readerDeviceSchema,
  driver: z.string(),
  state: readerStateSchema,
  /** clear Chinese for the clerk: 未检测到读卡器 / 请放置证件 / 读卡失败，请重新放置 … */
  message: z.string(),
  detail: z.string().optional(),
  at: z.string(),
});
export type ReaderStatus = z.infer<typeof readerStatusSchema>;

export const readerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: readerStatusSchema }),
  z.object({ type: z.literal('card'), record: identityRecordSchema, at: z.string() }),
]);
export type ReaderEvent = z.infer<typeof readerEventSchema>;

export const simulatedCardSchema = z.object({ id: z.string(), label: z.string(), cardType: identityCardTypeSchema });

const reader = userProc(['clerk', 'admin']);
/** 实名取号: the kiosk reads the card of the person taking a ticket (its own reader, nothing else). */
const cardReader = userProc(['clerk', 'admin'], ['kiosk']);

export const readersContract = {
  status: reader.output(z.array(readerStatusSchema)),
  /** Reads the card on the ID reader now (or the one placed in the next `waitMs`). */
  readIdCard: cardReader
    .input(z.object({ waitMs: z.int().min(0).max(30_000).default(0) }).prefault({}))
    .output(identityRecordSchema),
  readSocialSecurityCard: reader.output(socialSecurityCardSchema),
  /** The scanned 医保电子凭证 code goes to the decoding service. */
  decodeEVoucher: cardReader
    .input(z.object({ code: z.string().trim().min(8, '电子凭证码太短').max(512), businessType: z.string().max(5).regex(/^\d{5}$/).default('01101') }))
    .output(identityRecordSchema),
  /** State changes of every reader and each card read (auto-read on card placed). */
  /**
   * State and card events. `cards: false` (status indicators) receives no personal data, and
   * only subscriptions that receive cards are audited per card read.
   */
  events: cardReader.input(z.object({ cards: z.boolean().default(true) }).prefault({})).output(eventIterator(readerEventSchema)),
  simulator: {
    cards: reader.output(z.array(simulatedCardSchema)),
    /** Training / demo: put a fake card on the simulated ID reader, or take it off (id null). */
    place: reader.input(z.object({ id: z.string().max(100).nullable() })).output(z.object({ placed: z.string().nullable() })),
  },
};
