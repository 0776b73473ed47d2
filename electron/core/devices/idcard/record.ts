import type { IdentityRecord } from '../../../../shared/contract/readers';
import { checkIdNumberAs, type IdKind } from '../../../../shared/identity';
import { hallDate } from '../../../../shared/system/hall-time';
import { expectStatus, FrameError, hexOf, parseResponse } from './frame';
import { decodeTextBlock, PHOTO_BYTES, TEXT_BLOCK_BYTES, type DecodedText } from './text-block';

const ID_KIND: Record<IdentityRecord['cardType'], IdKind> = {
  resident: 'resident',
  hkmotw: 'hkmo',
  foreign2017: 'foreign2017',
  foreign2023: 'foreign2023',
};

/** Decoded card fields → the normalised record: expiry against the hall's date, number check as a warning. */
export function toIdentityRecord(
  text: DecodedText,
  extra: { source?: IdentityRecord['source']; photo?: IdentityRecord['photo']; raw?: Record<string, unknown>; now?: number } = {},
): IdentityRecord {
  const today = hallDate(extra.now ?? Date.now());
  const warnings: string[] = [];
  const kind = text.cardType === 'hkmotw' && text.idNumber.startsWith('83') ? 'taiwan' : ID_KIND[text.cardType];
  const check = checkIdNumberAs(text.idNumber, kind, today);
  if (!check.valid) warnings.push(`证件号码校验未通过：${check.reason ?? '格式不符'}`);
  if (check.valid && check.birthDate && check.birthDate !== text.birthDate) warnings.push('证件号码中的出生日期与证件上的不一致');
  const expired = text.validTo !== '' && text.validTo !== '长期' && text.validTo < today;
  if (expired) warnings.push('证件已过期');
  const { cardType, name, sex, nation, nationCode, birthDate, address, idNumber, authority, validFrom, validTo } = text;
  return {
    source: extra.source ?? 'idcard',
    cardType,
    name,
    ...(text.foreignName ? { foreignName: text.foreignName } : {}),
    sex,
    nation,
    nationCode,
    birthDate,
    address,
    idNumber,
    authority,
    ...(text.authorityCode ? { authorityCode: text.authorityCode } : {}),
    validFrom: validFrom as IdentityRecord['validFrom'],
    validTo: validTo as IdentityRecord['validTo'],
    ...(text.passNumber ? { passNumber: text.passNumber } : {}),
    ...(text.issueCount !== undefined ? { issueCount: text.issueCount } : {}),
    ...(text.nationality ? { nationality: text.nationality } : {}),
    ...(text.cardVersion ? { cardVersion: text.cardVersion } : {}),
    ...(extra.photo ? { photo: extra.photo } : {}),
    expired,
    warnings,
    raw: extra.raw ?? {},
  };
}

export interface ReadPayload {
  text: Buffer;
  photo: Buffer;
  fingerprint?: Buffer;
}

/**
 * The data of a read response (30 01, or 30 10 with fingerprint): text length, photo length
 * [, fingerprint length], then the blocks. `withFingerprint` follows the command sent.
 */
export function splitReadData(data: Buffer, withFingerprint = false): ReadPayload {
  const head = withFingerprint ? 6 : 4;
  if (data.length < head) throw new FrameError('layout', `读卡应答太短：${data.length} 字节`);
  const textLen = data.readUInt16BE(0);
  const photoLen = data.readUInt16BE(2);
  const fpLen = withFingerprint ? data.readUInt16BE(4) : 0;
  if (textLen < TEXT_BLOCK_BYTES) throw new FrameError('layout', `文字信息长度为 ${textLen}，应为 ${TEXT_BLOCK_BYTES}`);
  if (photoLen !== 0 && photoLen !== PHOTO_BYTES) throw new FrameError('layout', `照片长度为 ${photoLen}，应为 ${PHOTO_BYTES}`);
  if (data.length !== head + textLen + photoLen + fpLen) {
    throw new FrameError('length', `读卡应答长度不符：声明 ${head + textLen + photoLen + fpLen} 字节，实际 ${data.length} 字节`);
  }
  const text = data.subarray(head, head + textLen);
  const photo = data.subarray(head + textLen, head + textLen + photoLen);
  const fingerprint = fpLen ? data.subarray(head + textLen + photoLen) : undefined;
  return { text, photo, ...(fingerprint ? { fingerprint } : {}) };
}

/** A complete saved response frame of the read command → the normalised record (what `idcard decode` does). */
export function decodeReadFrame(frame: Uint8Array, now?: number): IdentityRecord {
  const res = expectStatus(parseResponse(frame));
  const withFp = res.data.length >= 6 && res.data.length === 6 + res.data.readUInt16BE(0) + res.data.readUInt16BE(2) + res.data.readUInt16BE(4);
  const payload = splitReadData(res.data, withFp);
  return toIdentityRecord(decodeTextBlock(payload.text), {
    now,
    photo: payload.photo.length ? { format: 'wlt', base64: payload.photo.toString('base64'), decoded: false } : undefined,
    raw: { textHex: hexOf(payload.text), ...(payload.fingerprint ? { fingerprintBytes: payload.fingerprint.length } : {}) },
  });
}
