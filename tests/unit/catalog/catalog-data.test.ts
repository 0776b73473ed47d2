import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogSource } from '../../../shared/catalog/schema';
import type { CatalogSource } from '../../../shared/catalog/types';
import { SOURCE_IDS, asPrinted, catalogDir, loadCorrections, loadSources, readJson, seedLines, seedRange, squash } from './helpers';

const sources = loadSources();
const corrections = loadCorrections();
const src = (id: string): CatalogSource => {
  const s = sources.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};
const item = (id: string, seq: number) => {
  const it = src(id).items.find((i) => i.seq === seq);
  if (!it) throw new Error(`${id} ${seq}`);
  return it;
};

describe('catalog files', () => {
  it('all five parse with the expected item counts', () => {
    expect(sources.map((s) => [s.id, s.items.length])).toEqual([
      ['national-2020', 28],
      ['hubei-2022', 29],
      ['sichuan-2020', 40],
      ['henan-2024', 28],
      ['jiangsu-2022', 30],
    ]);
    for (const s of sources) expect(s.items.map((i) => i.seq)).toEqual(s.items.map((_, k) => k + 1));
  });

  it('keys are unique per source and hubei has forms 表1–表23', () => {
    for (const s of sources) expect(new Set(s.items.map((i) => i.key)).size).toBe(s.items.length);
    expect(src('hubei-2022').forms?.map((f) => f.id)).toEqual(Array.from({ length: 23 }, (_, k) => `表${k + 1}`));
  });

  it('codes appear only where printed (national, henan) and are the national 12-char codes', () => {
    for (const id of ['hubei-2022', 'sichuan-2020', 'jiangsu-2022']) expect(src(id).items.filter((i) => i.code)).toEqual([]);
    for (const id of ['national-2020', 'henan-2024']) for (const i of src(id).items) expect(i.code).toBe(i.key);
    expect(item('henan-2024', 15).code).toBe('002036004005');
    expect(item('henan-2024', 10).code).toBe('002036003002');
    expect(src('henan-2024').items.some((i) => i.code === '002036003001')).toBe(false);
    expect(item('national-2020', 16).mainItem).toEqual({ name: '基本医疗保险参保人员享受门诊慢特病病种待遇认定', code: '002036005000' });
    expect(item('henan-2024', 1).mainItem?.code).toBe('00203600100Y');
  });

  it('no real identity numbers anywhere', () => {
    // The source texts in sources/ too.
    const files = fs.readdirSync(catalogDir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(catalogDir, f)).isFile());
    expect(files).toContain(path.join('sources', 'README.md'));
    for (const f of files) expect(fs.readFileSync(path.join(catalogDir, f), 'utf8')).not.toMatch(/\d{17}[\dXx]/);
  });
});

describe('faithful to the seed text (whitespace-insensitive)', () => {
  for (const id of SOURCE_IDS) {
    it(`${id}: every name, time limit, process string, material, intake field, message appears near its line`, () => {
      const s = src(id);
      s.items.forEach((it, k) => {
        const next = s.items[k + 1]?.line;
        // national: the row's name is printed before the code line; take a small margin
        const region = seedRange(id, Math.max(1, it.line - 12), next === undefined ? undefined : next + 1);
        const has = (v: string, what: string) =>
          expect(asPrinted(v, corrections, id, it.seq).some((p) => region.includes(squash(p))), `${id} #${it.seq} ${it.name} ${what}: ${v}`).toBe(true);
        has(it.name, 'name');
        // hubei: text joins the 承诺办结时间 cells of the rows with "；"
        if (it.timeLimit.rows) for (const r of it.timeLimit.rows) has(r.text, 'timeLimit row');
        else has(it.timeLimit.text, 'timeLimit');
        if (it.process.text) has(it.process.text, 'process');
        if (it.process.detail) has(it.process.detail, 'process detail');
        for (const m of it.materials) has(m.name.replace(/^[①②]/, ''), `material ${m.seq}`);
        if (it.materialsText) has(it.materialsText, 'materialsText');
        for (const f of it.intakeFields ?? []) has(f, 'intake field');
        if (it.messageTemplates) {
          has(it.messageTemplates.success, 'success message');
          has(it.messageTemplates.failure, 'failure message');
        }
        if (it.code) has(it.code.slice(7), 'code');
        for (const n of it.notes ?? []) has(n, 'note');
      });
    });
  }

  it('hubei forms: titles and fields appear in their form', () => {
    const forms = src('hubei-2022').forms ?? [];
    forms.forEach((f, k) => {
      const region = seedRange('hubei-2022', f.line, forms[k + 1]?.line);
      for (const v of [f.title, ...f.fields]) expect(asPrinted(v, corrections, 'hubei-2022', f.id).some((p) => region.includes(squash(p))), `${f.id} ${v}`).toBe(true);
    });
  });

  it('time limits verbatim, including where sources disagree', () => {
    const t = (id: string, seq: number) => item(id, seq).timeLimit.text;
    expect(t('national-2020', 1)).toBe('即时办结');
    expect(t('hubei-2022', 1)).toBe('不超过5个工作日');
    expect(t('sichuan-2020', 1)).toBe('不超过3个工作日。');
    expect(t('henan-2024', 1)).toBe('不超过5个工作日');
    expect(t('jiangsu-2022', 1)).toBe('即时办理');
    expect(t('national-2020', 2)).toBe('在职职工不超过5个工作日；灵活就业人员即时办结');
    expect(t('sichuan-2020', 2)).toBe('在职职工参保登记不超过3个工作日、灵活就业人员参保登记即时办结。');
    expect(t('national-2020', 11)).toBe('不超过20个工作日');
    expect(t('hubei-2022', 11)).toBe('不超过15个工作日');
    expect(t('jiangsu-2022', 12)).toBe('不超过15个工作日');
    expect(t('national-2020', 17)).toBe('不超过15个工作日');
    expect(t('hubei-2022', 17)).toBe('不超过30个工作日');
    expect(t('jiangsu-2022', 19)).toBe('10个工作日,特殊情况不超过20个工作日');
    expect(t('jiangsu-2022', 21)).toBe('10个工作日，特殊情况不超过20个工作日');
    expect(t('henan-2024', 22)).toBe('不超过10个工作日');
    expect(t('henan-2024', 23)).toBe('即时办结');
    expect(t('national-2020', 25)).toBe('90个工作日');
    expect(t('hubei-2022', 25)).toBe('不超过3个月');
    expect(t('henan-2024', 25)).toBe('不超过90个自然日');
    expect(t('sichuan-2020', 33)).toBe('不超过60个工作日。');
    expect(t('sichuan-2020', 37)).toBe('不超过10个工作日');
    expect(t('jiangsu-2022', 30)).toBe('一般变更即时办结，需要考察确认的不超过5个工作日');
    expect(t('jiangsu-2022', 17)).toBe('即时办理');
    expect(item('hubei-2022', 12).timeLimit.rows).toEqual([
      { category: '限时办结(线上)', dateType: '工作日', text: '不超过2个工作日(提交证明材料)' },
      { category: '即时办结(线上)', dateType: '工作日', text: '即时办结(提交个人承诺)' },
      { category: '即时办结(线下)', dateType: '工作日', text: '即时办结(省、市、县、镇)' },
      { category: '限时办结(线下)', dateType: '工作日', text: '不超过2个工作日(村)' },
    ]);
    expect(item('hubei-2022', 25).timeLimit.rows?.[0]?.dateType).toBe('自然日');
  });

  it('time-limit rules are structured', () => {
    expect(item('national-2020', 2).timeLimit.rules).toEqual([
      { kind: 'workdays', amount: 5, upTo: true, condition: '在职职工' },
      { kind: 'instant', condition: '灵活就业人员' },
    ]);
    expect(item('jiangsu-2022', 19).timeLimit.rules).toEqual([
      { kind: 'workdays', amount: 10 },
      { kind: 'workdays', amount: 20, upTo: true, condition: '特殊情况' },
    ]);
    expect(item('hubei-2022', 12).timeLimit.rules).toContainEqual({ kind: 'workdays', amount: 2, upTo: true, condition: '线下·村' });
    expect(item('henan-2024', 25).timeLimit.rules).toEqual([{ kind: 'calendarDays', amount: 90, upTo: true }]);
    expect(item('hubei-2022', 26).timeLimit.rules).toEqual([{ kind: 'months', amount: 3, upTo: true }]);
  });

  it('process strings and steps', () => {
    expect(item('national-2020', 1).process.text).toBe('申请—受理—审核—办结');
    expect(item('national-2020', 7).process.steps).toEqual(['申请', '受理', '办结']);
    expect(item('national-2020', 25).process.text).toBe('申请--受理--评估--公示--办结');
    expect(item('national-2020', 25).process.steps).toEqual(['申请', '受理', '评估', '公示', '办结']);
    expect(item('henan-2024', 9).process.text).toBe('申请—受理—审核—拨付—办结');
    expect(item('sichuan-2020', 13).process.steps).toEqual(['申请', '受理', '审核', '拨付', '办结']);
    expect(item('sichuan-2020', 30).process.steps).toEqual(['申请', '受理', '审核', '拨付', '办结']);
    expect(item('hubei-2022', 17).process.steps).toEqual(['业务申请', '网上预审', '业务受理', '业务审核', '业务办结及反馈']);
    expect(item('hubei-2022', 11).process.steps).toContain('业务流转');
  });

  it('material counts and names, with conditions', () => {
    const count = (id: string, seq: number) => item(id, seq).materials.length;
    expect([count('national-2020', 17), count('hubei-2022', 17), count('sichuan-2020', 25), count('henan-2024', 17), count('jiangsu-2022', 19)]).toEqual([5, 7, 5, 4, 4]);
    expect([count('national-2020', 11), count('hubei-2022', 11), count('sichuan-2020', 16), count('henan-2024', 10), count('jiangsu-2022', 12)]).toEqual([3, 1, 3, 1, 2]);
    expect(count('hubei-2022', 2)).toBe(6);
    expect(count('hubei-2022', 25)).toBe(5);
    expect(count('hubei-2022', 26)).toBe(7);
    expect(count('henan-2024', 26)).toBe(7);
    expect(item('henan-2024', 27).materials).toEqual([]);
    expect(item('henan-2024', 27).materialsText).toBe('无需现场提供纸质材料，通过HIS系统进行数据传递');
    expect(item('national-2020', 1).materials.map((m) => m.name)).toEqual(['统一社会信用代码证书或单位批准成立的文件', '《基本医疗保险单位参保信息登记表》（加盖单位公章）']);
    expect(item('hubei-2022', 9).materials[0]?.name).toBe('医保电子凭证或有效身份证件或社保卡');
    expect(item('henan-2024', 9).materials.map((m) => m.name)).toContain('《职工基本医疗保险个人账户返还申请表》');
    expect(item('hubei-2022', 24).materials[2]?.name).toBe('《依申请救助申请表》');
    expect(item('sichuan-2020', 32).materials[2]?.name).toBe('《医疗救助申请卡》');
    expect(item('henan-2024', 24).materials[2]?.name).toBe('《医疗救助申请表》');
    // conditional materials
    const emp = item('national-2020', 2);
    expect(emp.conditions?.map((c) => c.id)).toEqual(['personType']);
    expect(emp.materials.map((m) => [m.seq, m.condition?.optionIds])).toEqual([
      ['1①', ['employed']],
      ['1②', ['employed']],
      ['2①', ['flexible']],
      ['2②', ['flexible']],
    ]);
    const hb2 = item('hubei-2022', 2);
    expect(hb2.conditions?.map((c) => c.id)).toEqual(['personType', 'specialGroup']);
    expect(hb2.materials.map((m) => m.condition?.optionIds[0])).toEqual(['employed', 'flexible', 'hkmt', 'foreigner', 'emigrant', 'retire']);
    expect(item('hubei-2022', 9).materials.map((m) => m.condition?.optionIds[0])).toEqual([undefined, undefined, 'death', 'giveUp']);
    expect(item('hubei-2022', 9).materials[2]?.promiseAllowed).toBe(true);
    expect(item('hubei-2022', 17).materials.map((m) => m.condition?.conditionId)).toEqual([undefined, undefined, undefined, undefined, 'accident', 'emergency', undefined]);
    expect(item('jiangsu-2022', 1).materials.map((m) => m.condition?.optionIds[0])).toEqual(['window', 'window', 'joint']);
    expect(item('jiangsu-2022', 5).materials.map((m) => m.condition?.optionIds[0])).toEqual(['unit', 'person']);
    expect(item('henan-2024', 9).materials[2]?.condition?.optionIds).toEqual(['crossSystem']);
  });

  it('hubei intake fields, samples, messages, risk, handling type', () => {
    const hb = (n: number) => item('hubei-2022', n);
    expect(hb(1).intakeFields).toHaveLength(10);
    expect(hb(3).intakeFields).toEqual(['姓名', '证件类型及号码', '出生日期', '联系电话', '户籍地址', '申请人身份']);
    expect(hb(9).intakeFields).toHaveLength(9);
    expect(hb(11).intakeFields?.[9]).toBe('转入地医保(行政)区划代码');
    expect(hb(25).intakeFields).toHaveLength(29);
    expect(hb(26).intakeFields).toHaveLength(28);
    expect(hb(26).intakeFields?.[17]).toBe('医保目录内药品数量');
    expect(hb(7).intakeFields).toBeUndefined();
    expect(hb(9).sampleForms).toEqual(['附件表7-职工基本医疗保险个人账户一次性支取申请表', '附件表17-主动放弃承诺书']);
    expect(hb(10).outputSamples).toEqual(['附件表8-基本医疗保险参保凭证']);
    expect(hb(11).outputSamples).toEqual(['附件表10-参保人员基本医疗保险信息表']);
    expect(hb(1).messageTemplates?.success).toBe('【经办机构落款】尊敬的***,您于****年**月**日已完成单位参保登记。如有疑问，请咨询******(电话)。');
    expect(hb(27).messageTemplates).toBeUndefined();
    expect(hb(27).riskLevel).toBe('高风险');
    expect(hb(10).riskLevel).toBe('较低风险');
    const types = src('hubei-2022').items.map((i) => i.handlingType);
    expect(types.filter((t) => t === '即办件')).toHaveLength(7);
    expect(types.filter((t) => t === '承诺件/即办件')).toHaveLength(5);
    expect(hb(15).channels).toContain('现场办理：定点医疗机构');
  });

  it('henan levels stay letters with the legend at source level; jiangsu levels are words', () => {
    expect(item('henan-2024', 7).levels).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(item('henan-2024', 23).levels).toEqual(['C', 'D']);
    expect(src('henan-2024').levelLegend?.A).toBe('省');
    expect(item('jiangsu-2022', 1).levels).toEqual(['设区市', '县（市、区）', '乡镇（街道）']);
  });

  it('sichuan-specific fields and jiangsu fee', () => {
    expect(item('sichuan-2020', 1).progressQuery).toBe('可通过统筹地区内的经办窗口或拨打咨询电话查询办理进度。');
    expect(item('sichuan-2020', 11).progressQuery).toBeUndefined();
    expect(item('sichuan-2020', 17).evaluationChannel).toBe('通过经办窗口办理的可现场评价，通过网络、电话办理的可线上评价。');
    expect(src('jiangsu-2022').items.every((i) => i.fee === '否')).toBe(true);
  });

  it('aliases come from the cross-source key mapping', () => {
    expect(item('hubei-2022', 9).aliases).toEqual(expect.arrayContaining(['参保人员个人账户一次性支取', '参保人员个人账户资金一次性支取']));
    expect(item('jiangsu-2022', 30).key).toBe('designated-institution-info-change');
    expect(item('jiangsu-2022', 30).aliases).toEqual(['定点医药机构信息变更']);
    expect(item('hubei-2022', 29).key).toBe('002036004005');
  });

  it('corrections list is consistent with the seeds', () => {
    expect(corrections.length).toBeGreaterThan(5);
    for (const c of corrections) {
      const line = seedLines(c.source)[c.line - 1] ?? '';
      const around = squash(seedLines(c.source).slice(c.line - 1, c.line + 3).join(''));
      expect(around, `${c.source} L${c.line}`).toContain(squash(c.from).slice(0, 3));
      void line;
      const s = src(c.source);
      const serial = JSON.stringify(typeof c.item === 'number' ? s.items.find((i) => i.seq === c.item) : s.forms?.find((f) => f.id === c.item));
      expect(serial).toContain(c.to);
      expect(serial).not.toContain(c.from);
    }
  });
});

describe('validation refuses broken files', () => {
  it('names file, item and field', () => {
    const bad = structuredClone(readJson('hubei-2022.json')) as { items: Array<{ timeLimit: { text: unknown } }> };
    const target = bad.items[11];
    if (!target) throw new Error('fixture');
    target.timeLimit.text = 42;
    expect(() => parseCatalogSource(bad, 'hubei-2022.json')).toThrow(/hubei-2022\.json: item 12 \(异地安置退休人员备案\): field timeLimit\.text/);
  });
  it('refuses an unknown field and a dangling condition reference', () => {
    const bad = structuredClone(readJson('national-2020.json')) as { items: Array<Record<string, unknown>> };
    (bad.items[0] as Record<string, unknown>).surprise = true;
    expect(() => parseCatalogSource(bad, 'national-2020.json')).toThrow(/national-2020\.json: item 1 \(单位参保登记\)/);
    const bad2 = structuredClone(readJson('national-2020.json')) as { items: Array<{ conditions?: unknown }> };
    const it2 = bad2.items[1];
    if (!it2) throw new Error('fixture');
    delete it2.conditions;
    expect(() => parseCatalogSource(bad2, 'national-2020.json')).toThrow(/item 2 \(职工参保登记\): field materials\[0\]\.condition\.conditionId/);
  });
});
