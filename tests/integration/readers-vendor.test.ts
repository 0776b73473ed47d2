import { afterEach, describe, expect, it } from 'vitest';
import { fromChinaVision, fromZkteco, VendorHttpDriver } from '../../electron/core/devices/idcard/vendor-http';
import { startVendorSimulator, type VendorSimulator } from '../../electron/core/devices/idcard/vendor-sim';
import { readSocialSecurityCard, toSocialSecurityCard, parseTlv, ApduError } from '../../electron/core/devices/sscard/apdu';
import { SimulatedSsCard, FAKE_SS_CARD } from '../../electron/core/devices/sscard/simulator';
import { eVoucherToRecord, simulatedEVoucherDriver } from '../../electron/core/devices/evoucher/driver';

const NOW = Date.parse('2026-11-20T02:00:00Z');
let sim: VendorSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('vendor HTTP drivers against a local fake service on 127.0.0.1', () => {
  it('华视 /readcard JSON becomes the normalised record, for every layout', async () => {
    sim = await startVendorSimulator();
    const driver = new VendorHttpDriver({ kind: 'chinavision', baseUrl: sim.url, now: () => NOW });
    driver.start();
    await expect(driver.read()).rejects.toMatchObject({ userText: '请放置证件' });
    for (const [id, type] of [['resident', 'resident'], ['hkmotw', 'hkmotw'], ['foreign2017', 'foreign2017'], ['foreign2023', 'foreign2023']] as const) {
      sim.place(id);
      const r = await driver.read();
      expect(r.cardType).toBe(type);
      expect(r.warnings).toEqual([]);
    }
    sim.place('resident');
    expect(await driver.read()).toMatchObject({ name: '欧阳堃', nation: '达斡尔', nationCode: '31', birthDate: '1985-03-14', validTo: '2036-05-20', photo: { format: 'jpeg', decoded: true } });
    expect(sim.requests).toContain('/OpenDevice');
    expect(driver.status().message).toBe('读卡成功');
  });

  it('中控 ScanReadIdCardInfo JSON (nation with 族, dotted validity range) becomes the record', async () => {
    sim = await startVendorSimulator();
    const driver = new VendorHttpDriver({ kind: 'zkteco', baseUrl: sim.url, now: () => NOW });
    sim.place('resident-long');
    expect(await driver.read()).toMatchObject({ name: '龚䶮', nation: '德昂', nationCode: '46', validFrom: '2012-03-01', validTo: '长期', sex: '女' });
    expect(sim.requests.at(-1)).toMatch(/^\/ZKIDROnline\/ScanReadIdCardInfo\?OP-DEV=1&CMD-URL=4/);
  });

  it('an unreachable service says 未检测到读卡器; malformed JSON fields are named', async () => {
    const driver = new VendorHttpDriver({ kind: 'chinavision', baseUrl: 'http://127.0.0.1:9', timeoutMs: 1000 });
    await expect(driver.read()).rejects.toMatchObject({ userText: expect.stringContaining('未检测到读卡器') });
    expect(driver.status().state).toBe('absent');
    expect(() => fromChinaVision({ resultFlag: 0, partyName: 'x', gender: '男', bornDay: '1985-13', certNumber: '1', effDate: '20200101', expDate: '长期' })).toThrow(/出生日期格式错误/);
    expect(() => fromZkteco({ ret: 0, Certificate: { Sex: '未知' } })).toThrow(/性别无效/);
  });
});

describe('社保卡 APDUs', () => {
  it('reads EF05/EF06 from the APDU simulator, both generations, GBK name', async () => {
    for (const version of ['1.00', '3.00'] as const) {
      const card = new SimulatedSsCard({ ...FAKE_SS_CARD, version });
      const r = await readSocialSecurityCard(card.transmit);
      expect(r).toMatchObject({
        source: 'sscard', name: '欧阳堃', socialSecurityNumber: FAKE_SS_CARD.idNumber, cardNumber: 'A12345678', issuingRegion: '410100',
        cardVersion: version, issueDate: '2021-03-15', validTo: '2031-03-15', sex: '男', nationCode: '31',
      });
    }
  });

  it('refuses short records and a card without SSSE with clear messages', async () => {
    expect(() => parseTlv(Buffer.from([0x09, 0x10, 0x41]))).toThrow(/记录长度不符/);
    await expect(readSocialSecurityCard(async () => Buffer.from([0x6a, 0x82]))).rejects.toThrow(/不是社会保障卡/);
    expect(() => toSocialSecurityCard(new Map(), new Map())).not.toThrow();
    expect(new ApduError('x').name).toBe('ApduError');
  });
});

describe('医保电子凭证', () => {
  it('the simulator decodes SIMQR codes to a record and refuses others', async () => {
    const d = simulatedEVoucherDriver();
    const r = eVoucherToRecord(await d.decode('SIMQR-0001-ABCDEFGH', '01101'), NOW);
    expect(r).toMatchObject({ source: 'evoucher', name: '欧阳堃', sex: '男', birthDate: '1985-03-14' });
    await expect(d.decode('https://example/qr', '01101')).rejects.toMatchObject({ userText: expect.stringContaining('电子凭证无效') });
  });
});
