import { describe, expect, it } from 'vitest';
import { compareItem } from '../../../shared/catalog/compare';
import { loadSources } from './helpers';

const sources = loadSources();

describe('compareItem', () => {
  it('presence: 出具《参保凭证》 missing from henan; 费用结算 missing from jiangsu; 其他临时外出 only hubei+henan', () => {
    expect(compareItem(sources, '002036003001').absentFrom).toEqual(['henan-2024']);
    expect(compareItem(sources, '002036010001').absentFrom).toEqual(['jiangsu-2022']);
    expect(compareItem(sources, '002036010002').absentFrom).toEqual(['jiangsu-2022']);
    expect(compareItem(sources, '002036004005').presentIn).toEqual(['hubei-2022', 'henan-2024']);
    expect(compareItem(sources, 'dual-channel-drug-recognition').presentIn).toEqual(['jiangsu-2022']);
    expect(compareItem(sources, 'contribution-base-declaration').presentIn).toEqual(['sichuan-2020', 'jiangsu-2022']);
    expect(compareItem(sources, 'designated-institution-info-change').names).toEqual({ 'sichuan-2020': '定点医药机构信息变更', 'jiangsu-2022': '定点医药机构基础信息变更' });
  });

  it('time limits: 转移接续 20 vs 15, 手工报销 15 vs 30, 定点 90工作日 / 3个月 / 90自然日, 单位参保登记', () => {
    const t = compareItem(sources, '002036003002');
    expect(t.timeLimit.same).toBe(false);
    expect(t.timeLimit.bySource['national-2020']?.rules).toEqual([{ kind: 'workdays', amount: 20, upTo: true }]);
    expect(t.timeLimit.bySource['hubei-2022']?.rules).toEqual([{ kind: 'workdays', amount: 15, upTo: true }]);
    const r = compareItem(sources, '002036006001');
    expect(r.timeLimit.bySource['national-2020']?.text).toBe('不超过15个工作日');
    expect(r.timeLimit.bySource['hubei-2022']?.text).toBe('不超过30个工作日');
    const d = compareItem(sources, '002036009001');
    expect(d.timeLimit.bySource['national-2020']?.rules[0]?.kind).toBe('workdays');
    expect(d.timeLimit.bySource['hubei-2022']?.rules[0]).toEqual({ kind: 'months', amount: 3, upTo: true });
    expect(d.timeLimit.bySource['henan-2024']?.rules[0]).toEqual({ kind: 'calendarDays', amount: 90, upTo: true });
    const u = compareItem(sources, '002036001001');
    expect(Object.fromEntries(Object.entries(u.timeLimit.bySource).map(([k, v]) => [k, v.text]))).toEqual({
      'national-2020': '即时办结',
      'hubei-2022': '不超过5个工作日',
      'sichuan-2020': '不超过3个工作日。',
      'henan-2024': '不超过5个工作日',
      'jiangsu-2022': '即时办理',
    });
    expect(compareItem(sources, '002036001004').timeLimit.same).toBe(true); // 即时办结 / 即时办理 are the same rule
    expect(compareItem(sources, '002036007004').timeLimit.bySource['henan-2024']?.text).toBe('不超过10个工作日');
    expect(compareItem(sources, '002036005000').timeLimit.bySource['jiangsu-2022']?.rules).toEqual([{ kind: 'instant' }]);
  });

  it('materials added / removed relative to the national list', () => {
    const c = compareItem(sources, '002036002003', 'national-2020');
    const henan = c.materials.diffs.find((x) => x.sourceId === 'henan-2024');
    expect(henan?.added).toContain('《职工基本医疗保险个人账户返还申请表》');
    expect(henan?.removed).toContain('医保电子凭证（或有效身份证件、社会保障卡）');
    const j = compareItem(sources, '002036006001', 'national-2020').materials.diffs.find((x) => x.sourceId === 'henan-2024');
    expect(j?.removed).toContain('待遇享受人提供的银行账户资料');
    expect(j?.count).toBe(4);
    expect(j?.countBase).toBe(5);
    const rescue = compareItem(sources, '002036008002', 'national-2020').materials.diffs;
    expect(rescue.find((x) => x.sourceId === 'hubei-2022')?.added).toContain('《依申请救助申请表》');
    expect(rescue.find((x) => x.sourceId === 'henan-2024')?.added).toContain('《医疗救助申请表》');
  });

  it('handling type and process', () => {
    const c = compareItem(sources, '002036004001');
    expect(c.handlingType.bySource['hubei-2022']).toBe('承诺件/即办件');
    expect(c.process.bySource['national-2020']?.text).toBe('申请—受理—审核—办结');
    expect(c.process.sameSteps).toBe(false);
    const q = compareItem(sources, '002036009002');
    expect(q.process.bySource['national-2020']?.steps).toEqual(['申请', '受理', '评估', '公示', '办结']);
    expect(q.process.bySource['henan-2024']?.steps).toEqual(['申请', '受理', '审核', '办结']);
    expect(compareItem(sources, '002036002001').codes).toEqual({ 'national-2020': '002036002001', 'henan-2024': '002036002001', 'hubei-2022': undefined, 'sichuan-2020': undefined, 'jiangsu-2022': undefined });
  });
});
