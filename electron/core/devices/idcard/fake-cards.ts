import type { IdentityCardType } from '../../../../shared/contract/readers';
import { mod11CheckChar } from '../../../../shared/identity/check-digits';
import { FLAG_OF, FLAG_OFFSET, LAYOUTS, PHOTO_BYTES, putField, TEXT_BLOCK_BYTES } from './text-block';

/**
 * FAKE cards for the simulators and training mode. Every number is made up (valid check digit,
 * invented sequence); names use rare characters (堃, 䶮) to exercise fonts and UCS-2.
 */
export interface FakeCard {
  id: string;
  label: string;
  cardType: IdentityCardType;
  fields: Record<string, string>;
}

const compact = (d: string) => d.replaceAll('-', '');
/** 18-character number with its GB 11643 check character; `seq3` carries the sex (odd = 男). */
export const fakeId = (region: string, birth: string, seq3: string) => {
  const body = `${region}${compact(birth)}${seq3}`;
  return body + mod11CheckChar(body);
};

export const FAKE_CARDS: readonly FakeCard[] = [
  {
    id: 'resident',
    label: '居民身份证（欧阳堃，达斡尔族）',
    cardType: 'resident',
    fields: {
      name: '欧阳堃', sex: '1', nation: '31', birth: '19850314', address: '河南省郑州市中原区培训路88号院3号楼2单元501号',
      idNumber: fakeId('410102', '1985-03-14', '517'), authority: '郑州市公安局中原分局', validFrom: '20160520', validTo: '20360520',
    },
  },
  {
    id: 'resident-long',
    label: '居民身份证（龚䶮，德昂族，长期有效）',
    cardType: 'resident',
    fields: {
      name: '龚䶮', sex: '2', nation: '46', birth: '19621102', address: '云南省德宏傣族景颇族自治州芒市演示街道12号',
      idNumber: fakeId('533103', '1962-11-02', '024'), authority: '芒市公安局', validFrom: '20120301', validTo: '长期',
    },
  },
  {
    id: 'resident-expired',
    label: '居民身份证（已过期）',
    cardType: 'resident',
    fields: {
      name: '李测试', sex: '1', nation: '01', birth: '19900101', address: '河南省郑州市金水区示例路1号',
      idNumber: fakeId('410105', '1990-01-01', '033'), authority: '郑州市公安局金水分局', validFrom: '20100105', validTo: '20200105',
    },
  },
  {
    id: 'hkmotw',
    label: '港澳台居民居住证（陈嘉欣）',
    cardType: 'hkmotw',
    fields: {
      name: '陈嘉欣', sex: '2', birth: '19900701', address: '广东省深圳市福田区样例大道100号', idNumber: fakeId('810000', '1990-07-01', '022'),
      authority: '深圳市公安局福田分局', validFrom: '20240110', validTo: '20290110', passNumber: 'H12345678', issueCount: '01',
    },
  },
  {
    id: 'foreign2017',
    label: '外国人永久居留证 2017版（DUPONT MARIE）',
    cardType: 'foreign2017',
    fields: {
      foreignName: 'DUPONT, MARIE CLAIRE', sex: '2', idNumber: 'FRA320119850101', nationality: 'FRA', name: '杜邦玛丽',
      validFrom: '20180301', validTo: '20280301', birth: '19850101', cardVersion: '02', authorityCode: '3200',
    },
  },
  {
    id: 'foreign2023',
    label: '外国人永久居留身份证 2023版（MARTIN LUCAS）',
    cardType: 'foreign2023',
    fields: {
      name: '马丁', sex: '1', birth: '19880412', foreignName: 'MARTIN, LUCAS', idNumber: fakeId('932250', '1988-04-12', '011'),
      authority: '国家移民管理局', validFrom: '20240601', validTo: '20340601', nationality: 'FRA', issueCount: '00',
    },
  },
];

/** The 256-byte text block the chip would hold for a card. */
export function encodeTextBlock(card: Pick<FakeCard, 'cardType' | 'fields'>): Buffer {
  const block = Buffer.alloc(TEXT_BLOCK_BYTES);
  block.fill(Buffer.from(' ', 'utf16le'));
  const layout: Record<string, readonly [number, number]> =
    card.cardType === 'foreign2017' ? LAYOUTS.foreign2017 : card.cardType === 'foreign2023' ? LAYOUTS.foreign2023 : LAYOUTS.resident;
  for (const [key, value] of Object.entries(card.fields)) {
    const f = layout[key];
    if (!f) throw new Error(`layout ${card.cardType} has no field ${key}`);
    putField(block, f, value);
  }
  putField(block, [FLAG_OFFSET, 2], FLAG_OF[card.cardType]);
  return block;
}

/** A stand-in for the chip's WLT photo: 1 024 bytes derived from the card id (not a real image). */
export function fakePhoto(id: string): Buffer {
  const out = Buffer.alloc(PHOTO_BYTES);
  let x = 0x9e3779b9;
  for (const ch of id) x = (x ^ ch.charCodeAt(0)) * 0x01000193 >>> 0;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out.write('WLTSIM', 0, 'ascii');
  return out;
}
