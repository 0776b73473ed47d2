import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalogService, type CatalogService } from '../../../electron/core/catalog/service';
import { resolveCatalogDir } from '../../../electron/core/catalog/location';
import { silentLogger } from '../../../electron/core/logging/logger';
import { catalogDir, SOURCE_IDS } from '../catalog/helpers';
import { tempDir } from '../../fixtures/temp';

const open = (dir = catalogDir, configured = 'national-2020'): CatalogService =>
  createCatalogService({ dir, logger: silentLogger(), configuredSourceId: () => configured });

/** A copy of the shipped folder whose files the test may break. */
function copyCatalog(): string {
  const dir = tempDir('medins-catalog-');
  // The source documents (sources/) are a folder beside the extracted files: only the files are copied.
  for (const f of fs.readdirSync(catalogDir, { withFileTypes: true })) if (f.isFile()) fs.copyFileSync(path.join(catalogDir, f.name), path.join(dir, f.name));
  return dir;
}

const shipped = open();

describe('catalog service: loading', () => {
  it('loads all five sources with their item counts, national list first', () => {
    const status = shipped.status();
    expect(status.failed).toEqual([]);
    expect(Object.fromEntries(status.sources.map((s) => [s.id, s.itemCount]))).toEqual({
      'national-2020': 28,
      'hubei-2022': 29,
      'sichuan-2020': 40,
      'henan-2024': 28,
      'jiangsu-2022': 30,
    });
    expect(status.sources[0]?.id).toBe('national-2020');
    expect(status.sources.filter((s) => s.active).map((s) => s.id)).toEqual(['national-2020']);
    expect([...SOURCE_IDS].sort()).toEqual(status.sources.map((s) => s.id).sort());
  });

  it('refuses a broken file naming file, item and field, and still loads the others', () => {
    const dir = copyCatalog();
    const file = path.join(dir, 'hubei-2022.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.items[2].timeLimit.rules[0].kind = 'fortnights';
    fs.writeFileSync(file, JSON.stringify(json));
    fs.writeFileSync(path.join(dir, 'henan-2024.json'), '{ not json');
    const errors: unknown[] = [];
    const logger = { ...silentLogger(), error: (obj: unknown) => errors.push(obj) } as unknown as Parameters<typeof createCatalogService>[0]['logger'];
    const c = createCatalogService({ dir, logger, configuredSourceId: () => 'national-2020' });
    const status = c.status();
    expect(status.sources.map((s) => s.id)).toEqual(['national-2020', 'jiangsu-2022', 'sichuan-2020']);
    expect(status.failed.map((f) => f.file)).toEqual(['henan-2024.json', 'hubei-2022.json']);
    const hubei = status.failed[1]?.error ?? '';
    expect(hubei).toContain('hubei-2022.json');
    expect(hubei).toContain('item 3 (城乡居民参保登记)');
    expect(hubei).toContain('field timeLimit.rules[0].kind');
    expect(status.failed[0]?.error).toMatch(/henan-2024\.json: not valid JSON/);
    expect(errors).toHaveLength(2);
    // The refused source is simply not there; search and items work on the rest.
    expect(c.search('cbdj', { limit: 50 }).some((h) => h.sourceId === 'hubei-2022')).toBe(false);
    expect(() => c.listItems('hubei-2022')).toThrow(/hubei-2022/);
  });

  it('refuses a file whose id does not match its name', () => {
    const dir = copyCatalog();
    fs.renameSync(path.join(dir, 'jiangsu-2022.json'), path.join(dir, 'jiangsu-2023.json'));
    const status = open(dir).status();
    expect(status.failed).toEqual([{ file: 'jiangsu-2023.json', error: 'jiangsu-2023.json: field id: "jiangsu-2022" does not match the file name' }]);
    expect(status.sources).toHaveLength(4);
  });

  it('an unreadable folder leaves an empty catalog with the reason, instead of stopping core', () => {
    const c = open(path.join(tempDir(), 'missing'));
    expect(c.listSources()).toEqual([]);
    expect(c.status().failed[0]?.error).toMatch(/catalog folder unreadable/);
  });

  it('finds resources/catalog from this repository, honours an explicit folder and MEDINS_CATALOG_DIR', () => {
    expect(resolveCatalogDir()).toBe(catalogDir);
    expect(resolveCatalogDir('/x/y')).toBe(path.resolve('/x/y'));
    expect(resolveCatalogDir(undefined, { MEDINS_CATALOG_DIR: '/env/dir' })).toBe(path.resolve('/env/dir'));
  });
});

describe('catalog service: active source', () => {
  it('follows settings and falls back to the national list when the configured source is not loaded', () => {
    expect(open(catalogDir, 'henan-2024').activeSourceId()).toBe('henan-2024');
    expect(open(catalogDir, 'henan-2024').listItems().sourceId).toBe('henan-2024');
    expect(open(catalogDir, 'mars-2030').activeSourceId()).toBe('national-2020');
  });

  it('checkSourceId explains in Chinese which ids are allowed', () => {
    expect(shipped.checkSourceId('hubei-2022')).toBeUndefined();
    expect(shipped.checkSourceId('beijing-2024')).toBe('未知的事项目录来源“beijing-2024”，可选：national-2020、henan-2024、hubei-2022、jiangsu-2022、sichuan-2020');
  });
});

describe('catalog service: items, search, getItem, compare', () => {
  it('lists items in document order grouped by 主项; Sichuan, which prints none, borrows the national 主项', () => {
    const national = shipped.listItems('national-2020').items;
    expect(national.map((i) => i.seq)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    expect(national[0]).toMatchObject({ code: '002036001001', name: '单位参保登记', group: '基本医疗保险参保和变更登记', groupInferred: false });
    const sichuan = shipped.listItems('sichuan-2020').items;
    expect(sichuan[0]).toMatchObject({ name: '单位参保登记', group: '基本医疗保险参保和变更登记', groupInferred: true });
    expect(sichuan.find((i) => i.name === '参保单位缴费基数申报')?.group).toBe('其他事项');
  });

  it('cbdj puts a 参保登记 item first, in every source', () => {
    for (const id of SOURCE_IDS) {
      const hits = shipped.search('cbdj', { sourceId: id, limit: 3 });
      expect(hits[0]?.name, id).toBe('单位参保登记');
      expect(hits.every((h) => h.name.endsWith('参保登记')), id).toBe(true);
    }
  });

  it('ranks an exact name, code and full pinyin first', () => {
    expect(shipped.search('002036004005', { limit: 1 })[0]?.key).toBe('002036004005');
    expect(shipped.search('生育津贴支付', { sourceId: 'hubei-2022', limit: 1 })[0]).toMatchObject({ name: '生育津贴支付', group: '生育保险待遇核准支付' });
    expect(shipped.search('zhigongcanbaodengji', { limit: 1 })[0]?.name).toBe('职工参保登记');
    expect(shipped.search('   ')).toEqual([]);
    expect(() => shipped.search('x', { sourceId: 'nowhere-2000' })).toThrow(/nowhere-2000/);
  });

  it('getItem by code, key, name as printed and alias', () => {
    expect(shipped.getItem('002036001002', 'henan-2024').item.name).toBe('职工参保登记');
    expect(shipped.getItem('002036001002', 'hubei-2022').item.name).toBe('职工参保登记');
    expect(shipped.getItem('职工参保登记').source.id).toBe('national-2020');
    expect(shipped.getItem(' 职工 参保登记 ', 'jiangsu-2022').item.seq).toBe(2);
    // Hubei prints 基本医疗保险参保个人账户一次性支取; the national name works as an alias.
    expect(shipped.getItem('参保人员个人账户一次性支取', 'hubei-2022').item.name).toBe('基本医疗保险参保个人账户一次性支取');
  });

  it('getItem returns Hubei forms the item names, and Henan level letters with their legend', () => {
    const d = shipped.getItem('职工参保登记', 'hubei-2022');
    expect(d.forms.map((f) => f.id)).toEqual(['表2']);
    expect(d.forms[0]?.fields.length).toBeGreaterThan(3);
    const henan = shipped.getItem('单位参保登记', 'henan-2024');
    expect(henan.item.levels?.length).toBeGreaterThan(0);
    expect(henan.source.levelLegend?.A).toBeDefined();
  });

  it('getItem throws NOT_FOUND with a Chinese message', () => {
    try {
      shipped.getItem('不存在的事项', 'hubei-2022');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
      expect((error as { userText?: string }).userText).toContain('未找到事项“不存在的事项”');
    }
  });

  it('compare finds the item by any source name and shows presence, time limits and materials', () => {
    const r = shipped.compare('参保单位缴费基数申报');
    expect(r.sources).toHaveLength(5);
    expect(r.comparison.presentIn.sort()).toEqual(['jiangsu-2022', 'sichuan-2020']);
    expect(r.baseSourceId).toBe('jiangsu-2022');
    const staff = shipped.compare('002036001002', 'hubei-2022');
    expect(staff.baseSourceId).toBe('hubei-2022');
    expect(staff.comparison.timeLimit.same).toBe(false);
    expect(staff.comparison.materials.diffs.find((d) => d.sourceId === 'national-2020')?.countBase).toBe(6);
    expect(() => shipped.compare('没有这个事项')).toThrow(/no catalog item/);
  });

  it('material comparison ignores full-width vs ASCII brackets', () => {
    const unit = shipped.compare('单位参保登记', 'national-2020').comparison.materials.diffs.find((d) => d.sourceId === 'hubei-2022');
    // 《…登记表》（加盖单位公章） vs 《…登记表》(加盖单位公章) is the same material; only Hubei's added clause differs.
    expect(unit).toMatchObject({ added: ['统一社会信用代码证书或单位批准成立的文件(实现联办建立登记的企业可不提供)'], removed: ['统一社会信用代码证书或单位批准成立的文件'] });
  });
});
