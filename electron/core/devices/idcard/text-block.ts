import type { IdentityCardType } from '../../../../shared/contract/readers';
import { FrameError } from './frame';
import { nationName } from './nations';

/** The 256-byte text block: UCS-2 little-endian fields, space-padded; the card-type flag at byte 248. */
export const TEXT_BLOCK_BYTES = 256;
export const PHOTO_BYTES = 1024;
export const FLAG_OFFSET = 248;

type Field = readonly [offset: number, bytes: number];

/** Field positions per layout (byte offsets in the block). */
export const LAYOUTS = {
  resident: {
    name: [0, 30], sex: [30, 2], nation: [32, 4], birth: [36, 16], address: [52, 70], idNumber: [122, 36],
    authority: [158, 30], validFrom: [188, 16], validTo: [204, 16], passNumber: [220, 18], issueCount: [238, 4],
  },
  foreign2017: {
    foreignName: [0, 120], sex: [120, 2], idNumber: [122, 30], nationality: [152, 6], name: [158, 30],
    validFrom: [188, 16], validTo: [204, 16], birth: [220, 16], cardVersion: [236, 4], authorityCode: [240, 8],
  },
  foreign2023: {
    name: [0, 30], sex: [30, 2], nation: [32, 4], birth: [36, 16], foreignName: [52, 70], idNumber: [122, 36],
    authority: [158, 30], validFrom: [188, 16], validTo: [204, 16], passNumber: [220, 18], issueCount: [238, 4], nationality: [242, 6],
  },
} as const satisfies Record<string, Record<string, Field>>;

/** The flag character at byte 248 → card type. A zero flag (older chips) counts as resident. */
export function cardTypeOfFlag(flag: number): IdentityCardType | undefined {
  switch (flag) {
    case 0x20:
    case 0x00:
      return 'resident';
    case 0x4a: // J
      return 'hkmotw';
    case 0x49: // I
      return 'foreign2017';
    case 0x59: // Y
      return 'foreign2023';
    default:
      return undefined;
  }
}

export const FLAG_OF: Record<IdentityCardType, string> = { resident: ' ', hkmotw: 'J', foreign2017: 'I', foreign2023: 'Y' };

/** Removes trailing spaces and NULs (padding) and leading NULs. */
export function stripPadding(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\0' || /\s/.test(text[end - 1]!))) end--;
  let start = 0;
  while (start < end && text[start] === '\0') start++;
  return text.slice(start, end);
}

function field(block: Buffer, [offset, bytes]: Field): string {
  // UCS-2 LE; trailing spaces and NULs are padding.
  return stripPadding(block.subarray(offset, offset + bytes).toString('utf16le'));
}

export interface DecodedText {
  cardType: IdentityCardType;
  name: string;
  foreignName?: string;
  sex: '男' | '女';
  nation: string;
  nationCode: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  authorityCode?: string;
  validFrom: string;
  validTo: string;
  passNumber?: string;
  issueCount?: number;
  nationality?: string;
  cardVersion?: string;
}

function date(value: string, label: string, allowLongTerm = false): string {
  if (allowLongTerm && value === '长期') return '长期';
  if (value === '') return '';
  if (!/^\d{8}$/.test(value)) throw new FrameError('layout', `${label}格式错误：“${value}”`);
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) throw new FrameError('layout', `${label}不是有效日期：“${value}”`);
  return iso;
}

function sexOf(code: string): '男' | '女' {
  if (code === '1') return '男';
  if (code === '2') return '女';
  throw new FrameError('layout', `性别代码无效：“${code}”`);
}

/** Decodes the text block of any of the four layouts; a malformed block gives a FrameError naming the field. */
export function decodeTextBlock(block: Uint8Array): DecodedText {
  const b = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  if (b.length < TEXT_BLOCK_BYTES) throw new FrameError('layout', `文字信息应为 ${TEXT_BLOCK_BYTES} 字节，实际 ${b.length} 字节`);
  const flag = b.readUInt16LE(FLAG_OFFSET);
  const cardType = cardTypeOfFlag(flag);
  if (!cardType) throw new FrameError('layout', `无法识别的证件类型标识：0x${flag.toString(16).padStart(4, '0')}`);
  if (cardType === 'foreign2017') {
    const L = LAYOUTS.foreign2017;
    const foreignName = field(b, L.foreignName);
    const chineseName = field(b, L.name);
    return {
      cardType,
      name: chineseName || foreignName,
      foreignName,
      sex: sexOf(field(b, L.sex)),
      nation: '',
      nationCode: '',
      birthDate: date(field(b, L.birth), '出生日期'),
      address: '',
      idNumber: field(b, L.idNumber),
      nationality: field(b, L.nationality),
      authority: '',
      authorityCode: field(b, L.authorityCode),
      validFrom: date(field(b, L.validFrom), '有效期起始日期'),
      validTo: date(field(b, L.validTo), '有效期截止日期', true),
      cardVersion: field(b, L.cardVersion),
    };
  }
  if (cardType === 'foreign2023') {
    const L = LAYOUTS.foreign2023;
    const count = field(b, L.issueCount);
    return {
      cardType,
      name: field(b, L.name),
      foreignName: field(b, L.foreignName),
      sex: sexOf(field(b, L.sex)),
      nation: '',
      nationCode: '',
      birthDate: date(field(b, L.birth), '出生日期'),
      address: '',
      idNumber: field(b, L.idNumber),
      authority: field(b, L.authority),
      validFrom: date(field(b, L.validFrom), '有效期起始日期'),
      validTo: date(field(b, L.validTo), '有效期截止日期', true),
      ...(field(b, L.passNumber) ? { passNumber: field(b, L.passNumber) } : {}),
      ...(/^\d+$/.test(count) ? { issueCount: Number(count) } : {}),
      nationality: field(b, L.nationality),
    };
  }
  const L = LAYOUTS.resident;
  const nationCode = cardType === 'resident' ? field(b, L.nation) : '';
  const nation = nationCode ? nationName(nationCode) : '';
  if (nation === undefined) throw new FrameError('layout', `民族代码无效：“${nationCode}”`);
  const count = field(b, L.issueCount);
  return {
    cardType,
    name: field(b, L.name),
    sex: sexOf(field(b, L.sex)),
    nation,
    nationCode,
    birthDate: date(field(b, L.birth), '出生日期'),
    address: field(b, L.address),
    idNumber: field(b, L.idNumber),
    authority: field(b, L.authority),
    validFrom: date(field(b, L.validFrom), '有效期起始日期'),
    validTo: date(field(b, L.validTo), '有效期截止日期', true),
    ...(cardType === 'hkmotw' ? { passNumber: field(b, L.passNumber), ...(/^\d+$/.test(count) ? { issueCount: Number(count) } : {}) } : {}),
  };
}

/** Writes `value` as UCS-2 LE into a field, space-padded (the simulator's side of the block). */
export function putField(block: Buffer, [offset, bytes]: Field, value: string): void {
  const enc = Buffer.from(value, 'utf16le');
  if (enc.length > bytes) throw new Error(`field at ${offset} holds ${bytes / 2} characters, got “${value}”`);
  block.fill(Buffer.from(' ', 'utf16le'), offset, offset + bytes);
  enc.copy(block, offset);
}
