import { checkIdNumber } from '../../../../shared/identity';
import { fakeId } from '../idcard/fake-cards';
import { SELECT_SSSE } from './apdu';

/**
 * An APDU-level 社保卡: answers SELECT SSSE and READ RECORD of EF05/EF06 with a FAKE person.
 * `generation` 1 puts 性别 in EF06 record 3, generation 2 in record 4 (record 3 holds 国籍),
 * the way record numbers shift on real cards.
 */
export interface FakeSsCardData {
  name: string;
  idNumber: string;
  cardNumber: string;
  identifier: string;
  version: '1.00' | '2.00' | '3.00';
  issueDate: string;
  validTo: string;
  nationCode: string;
}

export const FAKE_SS_CARD: FakeSsCardData = {
  name: '欧阳堃',
  idNumber: fakeId('410102', '1985-03-14', '517'),
  cardNumber: 'A12345678',
  identifier: '410100D15600000500BF7C7A48FB4966',
  version: '3.00',
  issueDate: '20210315',
  validTo: '20310315',
  nationCode: '31',
};

const gbk = (s: string): Buffer => {
  // Node has no GBK encoder; the fake names use characters from this small table.
  const table: Record<string, string> = { 欧: 'c5b7', 阳: 'd1f4', 堃: '88d2', 李: 'c0ee', 测: 'b2e2', 试: 'cad4' };
  return Buffer.concat(Array.from(s, (ch) => {
    const hex = table[ch];
    if (!hex) throw new Error(`simulator GBK table lacks “${ch}”`);
    return Buffer.from(hex, 'hex');
  }));
};
const tlv = (tag: number, value: Buffer) => Buffer.concat([Buffer.from([tag, value.length]), value]);
const ok = (data: Buffer = Buffer.alloc(0)) => Buffer.concat([data, Buffer.from([0x90, 0x00])]);
const sw = (n: number) => Buffer.from([n >> 8, n & 0xff]);

export class SimulatedSsCard {
  private selected = false;
  present = true;
  constructor(readonly data: FakeSsCardData = FAKE_SS_CARD) {}

  private records(sfi: number): Map<number, Buffer> {
    const d = this.data;
    if (sfi === 5) {
      return new Map([
        [1, tlv(0x01, Buffer.from(d.identifier, 'hex'))],
        [2, tlv(0x02, Buffer.from('3', 'latin1'))],
        [3, tlv(0x03, Buffer.from(d.version, 'latin1'))],
        [4, tlv(0x04, Buffer.from('410100000000', 'latin1'))],
        [5, tlv(0x05, Buffer.from(d.issueDate, 'hex'))],
        [6, tlv(0x06, Buffer.from(d.validTo, 'hex'))],
        [7, tlv(0x07, Buffer.from(d.cardNumber, 'latin1'))],
      ]);
    }
    const sex = checkIdNumber(d.idNumber).sex === '女' ? '2' : '1';
    const gen1 = d.version === '1.00';
    const m = new Map<number, Buffer>([
      [1, tlv(0x08, Buffer.from(d.idNumber, 'latin1'))],
      [2, tlv(0x09, Buffer.concat([gbk(d.name), Buffer.alloc(30 - gbk(d.name).length, 0x20)]))],
    ]);
    if (gen1) {
      m.set(3, tlv(0x0a, Buffer.from(sex, 'latin1')));
      m.set(4, tlv(0x0b, Buffer.from(d.nationCode, 'latin1')));
    } else {
      m.set(3, tlv(0x0e, Buffer.from('CHN', 'latin1')));
      m.set(4, tlv(0x0a, Buffer.from(sex, 'latin1')));
      m.set(5, tlv(0x0b, Buffer.from(d.nationCode, 'latin1')));
    }
    return m;
  }

  transmit = async (apdu: Buffer): Promise<Buffer> => {
    if (!this.present) throw new Error('no card in the reader');
    if (apdu.equals(SELECT_SSSE)) {
      this.selected = true;
      return ok();
    }
    if (apdu.length === 5 && apdu[0] === 0x00 && apdu[1] === 0xb2) {
      if (!this.selected) return sw(0x6982);
      const rec = this.records(apdu[3]! >> 3).get(apdu[2]!);
      return rec ? ok(rec) : sw(0x6a83);
    }
    return sw(0x6d00);
  };
}
