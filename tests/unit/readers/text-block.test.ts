import { describe, expect, it } from 'vitest';
import { buildResponse, FrameError } from '../../../electron/core/devices/idcard/frame';
import { encodeTextBlock, FAKE_CARDS, fakePhoto } from '../../../electron/core/devices/idcard/fake-cards';
import { NATIONS } from '../../../electron/core/devices/idcard/nations';
import { decodeReadFrame } from '../../../electron/core/devices/idcard/record';
import { decodeTextBlock } from '../../../electron/core/devices/idcard/text-block';
import { checkIdNumber } from '../../../shared/identity';

const NOW = Date.parse('2026-11-20T02:00:00Z');
const card = (id: string) => FAKE_CARDS.find((c) => c.id === id)!;
const readFrame = (id: string) => {
  const head = Buffer.from([0x01, 0x00, 0x04, 0x00]);
  return buildResponse(0x90, Buffer.concat([head, encodeTextBlock(card(id)), fakePhoto(id)]));
};

describe('256-byte text block', () => {
  it('a read frame is 1 295 bytes with the text at byte 14', () => {
    const f = readFrame('resident');
    expect(f).toHaveLength(1295);
    expect(f.subarray(14, 14 + 6).toString('utf16le')).toBe('欧阳堃');
  });

  it('resident card (flag space): every field, nation 31 达斡尔, WLT photo kept', () => {
    const r = decodeReadFrame(readFrame('resident'), NOW);
    expect(r).toMatchObject({
      source: 'idcard', cardType: 'resident', name: '欧阳堃', sex: '男', nation: '达斡尔', nationCode: '31', birthDate: '1985-03-14',
      address: '河南省郑州市中原区培训路88号院3号楼2单元501号', authority: '郑州市公安局中原分局', validFrom: '2016-05-20', validTo: '2036-05-20', expired: false, warnings: [],
    });
    expect(checkIdNumber(r.idNumber).valid).toBe(true);
    expect(r.photo).toMatchObject({ format: 'wlt', decoded: false });
    expect(Buffer.from(r.photo!.base64, 'base64')).toHaveLength(1024);
  });

  it('resident card valid 长期, nation 46 德昂, rare character 䶮', () => {
    const r = decodeReadFrame(readFrame('resident-long'), NOW);
    expect(r).toMatchObject({ name: '龚䶮', sex: '女', nation: '德昂', nationCode: '46', validTo: '长期', expired: false });
  });

  it('expired card says so', () => {
    const r = decodeReadFrame(readFrame('resident-expired'), NOW);
    expect(r.expired).toBe(true);
    expect(r.warnings).toContain('证件已过期');
  });

  it('港澳台居民居住证 (flag J): pass number and issue count, no nation', () => {
    const r = decodeReadFrame(readFrame('hkmotw'), NOW);
    expect(r).toMatchObject({ cardType: 'hkmotw', name: '陈嘉欣', sex: '女', nation: '', nationCode: '', passNumber: 'H12345678', issueCount: 1, birthDate: '1990-07-01' });
    expect(r.idNumber.startsWith('810000')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('2017 foreigner card (flag I): English name, permit number, nationality, authority code', () => {
    const r = decodeReadFrame(readFrame('foreign2017'), NOW);
    expect(r).toMatchObject({
      cardType: 'foreign2017', name: '杜邦玛丽', foreignName: 'DUPONT, MARIE CLAIRE', sex: '女', idNumber: 'FRA320119850101', nationality: 'FRA',
      birthDate: '1985-01-01', validFrom: '2018-03-01', validTo: '2028-03-01', cardVersion: '02', authorityCode: '3200', authority: '', address: '',
    });
  });

  it('2023 foreigner card (flag Y): Chinese and foreign names, number starting with 9', () => {
    const r = decodeReadFrame(readFrame('foreign2023'), NOW);
    expect(r).toMatchObject({ cardType: 'foreign2023', name: '马丁', foreignName: 'MARTIN, LUCAS', sex: '男', nationality: 'FRA', authority: '国家移民管理局', birthDate: '1988-04-12' });
    expect(r.idNumber).toMatch(/^9\d{17}$/);
    expect(r.warnings).toEqual([]);
  });

  it('an unknown flag, a bad sex code or a bad date are named, not crashed on', () => {
    const block = encodeTextBlock(card('resident'));
    block.write('Q', 248, 'utf16le');
    expect(() => decodeTextBlock(block)).toThrow(/无法识别的证件类型标识/);
    const sex = encodeTextBlock(card('resident'));
    sex.write('3', 30, 'utf16le');
    expect(() => decodeTextBlock(sex)).toThrow(/性别代码无效/);
    const date = encodeTextBlock(card('resident'));
    date.write('19851399', 36, 'utf16le');
    expect(() => decodeTextBlock(date)).toThrow(FrameError);
    const nation = encodeTextBlock(card('resident'));
    nation.write('57', 32, 'utf16le');
    expect(() => decodeTextBlock(nation)).toThrow(/民族代码无效：“57”/);
    expect(() => decodeTextBlock(Buffer.alloc(100))).toThrow(/256/);
  });
});

describe('nation table', () => {
  it('has 01–56, 97 and 98, spelled right', () => {
    const codes = Object.keys(NATIONS).sort();
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98']);
    expect(NATIONS['01']).toBe('汉');
    expect(NATIONS['31']).toBe('达斡尔');
    expect(NATIONS['46']).toBe('德昂');
    expect(NATIONS['56']).toBe('基诺');
    expect(NATIONS['97']).toBe('其他');
    expect(Object.values(NATIONS).join()).not.toMatch(/达翰尔|德昴|族/);
    expect(new Set(Object.values(NATIONS)).size).toBe(58);
  });
});
