import type { SocialSecurityCard } from '../../../../shared/contract/readers';
import { stripPadding } from '../idcard/text-block';

/**
 * 社会保障卡 over PC/SC: select the SSSE application, READ RECORD from EF05 (card data) and
 * EF06 (person data). Each record answers tag(1) len(1) value + SW 90 00. Names are GBK.
 * Record numbers differ between card generations, so records are read by range and picked by tag.
 */
export type Transmit = (apdu: Buffer) => Promise<Buffer>;

/** 00 A4 04 00 0F "sx1.sh." + GBK "社会保障" */
export const SELECT_SSSE = Buffer.from('00A404000F7378312E73682EC9E7BBE1B1A3D5CF', 'hex');
export const SFI = { EF05: 0x05, EF06: 0x06 } as const;

export class ApduError extends Error {
  constructor(
    message: string,
    readonly sw?: number,
  ) {
    super(message);
    this.name = 'ApduError';
  }
}

export function readRecordApdu(record: number, sfi: number, le = 0): Buffer {
  return Buffer.from([0x00, 0xb2, record, (sfi << 3) | 4, le]);
}

const SW_TEXT: Record<number, string> = {
  0x6a82: '文件未找到（不是社会保障卡？）',
  0x6a83: '记录未找到',
  0x6982: '安全状态不满足（需要终端认证或密码）',
  0x6983: '卡已锁定',
  0x6d00: '卡片不支持此命令',
};

/** Splits the status word off a response; 90 00 and 61 xx are success. */
export function checkSw(res: Buffer): Buffer {
  if (res.length < 2) throw new ApduError(`卡片应答太短（${res.length} 字节）`);
  const sw = res.readUInt16BE(res.length - 2);
  if (sw !== 0x9000 && res[res.length - 2] !== 0x61) throw new ApduError(`${SW_TEXT[sw] ?? '卡片返回错误'}（SW ${sw.toString(16).toUpperCase()}）`, sw);
  return res.subarray(0, res.length - 2);
}

/** One record's TLV: tag, length, value. */
export function parseTlv(data: Buffer): { tag: number; value: Buffer } {
  if (data.length < 2) throw new ApduError(`记录太短（${data.length} 字节）`);
  const len = data[1]!;
  if (data.length < 2 + len) throw new ApduError(`记录长度不符：声明 ${len} 字节，实际 ${data.length - 2} 字节`);
  return { tag: data[0]!, value: data.subarray(2, 2 + len) };
}

const gbk = new TextDecoder('gbk');
const text = (b: Buffer | undefined) => (b ? stripPadding(gbk.decode(b)) : '');
const ascii = (b: Buffer | undefined) => (b ? stripPadding(b.toString('latin1')) : '');
function bcdDate(b: Buffer | undefined): string {
  if (!b || b.length < 4) return '';
  const h = b.subarray(0, 4).toString('hex');
  return /^\d{8}$/.test(h) && h !== '00000000' ? `${h.slice(0, 4)}-${h.slice(4, 6)}-${h.slice(6, 8)}` : '';
}

/** EF05 + EF06 tag maps → the normalised 社保卡 record. */
export function toSocialSecurityCard(ef05: Map<number, Buffer>, ef06: Map<number, Buffer>): SocialSecurityCard {
  const identifier = ef05.get(0x01)?.toString('hex').toUpperCase() ?? '';
  const sexCode = ascii(ef06.get(0x0a));
  const sex = sexCode === '1' ? '男' : sexCode === '2' ? '女' : undefined;
  const nationCode = ascii(ef06.get(0x0b));
  const raw: Record<string, string> = {};
  for (const [k, v] of ef05) raw[`EF05.${k.toString(16).padStart(2, '0')}`] = v.toString('hex');
  for (const [k, v] of ef06) if (k !== 0x08 && k !== 0x09) raw[`EF06.${k.toString(16).padStart(2, '0')}`] = v.toString('hex');
  return {
    source: 'sscard',
    cardNumber: ascii(ef05.get(0x07)),
    socialSecurityNumber: ascii(ef06.get(0x08)),
    name: text(ef06.get(0x09)),
    issuingRegion: identifier.slice(0, 6),
    cardVersion: ascii(ef05.get(0x03)),
    issueDate: bcdDate(ef05.get(0x05)),
    validTo: bcdDate(ef05.get(0x06)),
    ...(sex ? { sex } : {}),
    ...(nationCode ? { nationCode } : {}),
    cardIdentifier: identifier,
    raw,
  };
}

async function readFile(transmit: Transmit, sfi: number, records: number[]): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  for (const rec of records) {
    let data: Buffer;
    try {
      data = checkSw(await transmit(readRecordApdu(rec, sfi)));
    } catch (error) {
      if (error instanceof ApduError && error.sw === 0x6a83) continue; // generation without this record
      throw error;
    }
    if (data.length === 0) continue;
    const { tag, value } = parseTlv(data);
    out.set(tag, value);
  }
  return out;
}

/** Reads a 社保卡 through any APDU transport (PC/SC reader, the APDU simulator). */
export async function readSocialSecurityCard(transmit: Transmit): Promise<SocialSecurityCard> {
  checkSw(await transmit(SELECT_SSSE));
  const ef05 = await readFile(transmit, SFI.EF05, [1, 2, 3, 4, 5, 6, 7]);
  const ef06 = await readFile(transmit, SFI.EF06, [1, 2, 3, 4, 5, 6]);
  if (!ef06.has(0x08) || !ef06.has(0x09)) throw new ApduError('卡内缺少社会保障号码或姓名');
  return toSocialSecurityCard(ef05, ef06);
}
