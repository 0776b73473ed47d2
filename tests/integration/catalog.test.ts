import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ORPCError } from '@orpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { httpClient, messagePortClient, type TestClient } from '../fixtures/clients';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';

let core: Core;
let host: WebHost;
let clerkToken: string;
let adminToken: string;
const closers: (() => void)[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-catalog-'));

beforeAll(async () => {
  core = await preparedCore(dataDir);
  clerkToken = await tokenFor(core, 'clerk1');
  adminToken = await tokenFor(core, 'admin');
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  closers.forEach((c) => c());
  await host.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A client signed in as `token` (default: the clerk, who reads the catalog all day). */
const transports: [string, (token?: string) => TestClient][] = [
  ['HTTP', (token = clerkToken) => httpClient(host.url, {}, token)],
  [
    'MessagePort',
    (token = clerkToken) => {
      const c = messagePortClient(core, token);
      closers.push(c.close);
      return c.client;
    },
  ],
];

it('the catalog contract needs a signed-in user, except the list of sources (first-run setup shows it)', async () => {
  const e = (await httpClient(host.url).catalog.items({}).catch((x: unknown) => x)) as ORPCError<string, unknown>;
  expect(e.code).toBe('UNAUTHORIZED');
  expect((await httpClient(host.url).catalog.sources()).length).toBe(5);
});

describe.each(transports)('catalog contract over %s', (_name, connect) => {
  it('lists the five sources with counts, the active one marked', async () => {
    const client = connect();
    const sources = await client.catalog.sources();
    expect(sources.map((s) => [s.id, s.itemCount])).toEqual([
      ['national-2020', 28],
      ['henan-2024', 28],
      ['hubei-2022', 29],
      ['jiangsu-2022', 30],
      ['sichuan-2020', 40],
    ]);
    expect(sources.find((s) => s.active)?.id).toBe('national-2020');
    expect((await client.catalog.status()).failed).toEqual([]);
  });

  it('searches with pinyin initials, lists, reads an item, compares', async () => {
    const client = connect();
    const hits = await client.catalog.search({ query: 'cbdj', sourceId: 'hubei-2022' });
    expect(hits[0]).toMatchObject({ sourceId: 'hubei-2022', name: '单位参保登记', group: '基本医疗保险参保和变更登记' });
    const list = await client.catalog.items({ sourceId: 'sichuan-2020' });
    expect(list.items).toHaveLength(40);
    const detail = await client.catalog.item({ ref: '职工参保登记', sourceId: 'hubei-2022' });
    expect(detail.item).toMatchObject({ handlingType: '承诺件', riskLevel: '低风险' });
    expect(detail.item.intakeFields?.length).toBeGreaterThan(0);
    expect(detail.forms.map((f) => f.id)).toEqual(['表2']);
    const cmp = await client.catalog.compare({ ref: '002036001002' });
    expect(cmp.comparison.presentIn).toHaveLength(5);
    expect(cmp.baseSourceId).toBe('national-2020');
  });

  it('answers NOT_FOUND with a Chinese message for an unknown item or source', async () => {
    const client = connect();
    const e1 = (await client.catalog.item({ ref: '不存在的事项' }).catch((e: unknown) => e)) as ORPCError<string, { message: string }>;
    expect(e1).toBeInstanceOf(ORPCError);
    expect(e1.code).toBe('NOT_FOUND');
    expect(e1.data.message).toContain('未找到事项“不存在的事项”');
    const e2 = (await client.catalog.items({ sourceId: 'mars-2030' }).catch((e: unknown) => e)) as ORPCError<string, { message: string }>;
    expect(e2.code).toBe('NOT_FOUND');
    expect(e2.data.message).toContain('没有名为“mars-2030”的事项目录');
  });

  it('settings accept a known catalog source and refuse an unknown one at the field', async () => {
    const client = connect(adminToken);
    const e = (await client.settings.update({ catalog: { sourceId: 'beijing-2024' } }).catch((x: unknown) => x)) as ORPCError<string, { fields: Record<string, string> }>;
    expect(e.code).toBe('SETTINGS_INVALID');
    expect(e.data.fields['catalog.sourceId']).toMatch(/^未知的事项目录来源“beijing-2024”，可选：national-2020、/);
    await client.settings.update({ catalog: { sourceId: 'jiangsu-2022' } });
    expect((await client.catalog.status()).activeSourceId).toBe('jiangsu-2022');
    expect((await client.catalog.items({})).sourceId).toBe('jiangsu-2022');
    await client.settings.update({ catalog: { sourceId: 'national-2020' } });
  });
});

describe('medins catalog CLI', () => {
  it('catalog sources --json', async () => {
    const r = await runCli(['catalog', 'sources', '--json'], tempDir());
    expect(r.code, r.stderr).toBe(0);
    const sources = JSON.parse(r.stdout);
    expect(sources).toHaveLength(5);
    expect(sources[0]).toEqual({ id: 'national-2020', title: '全国医疗保障经办政务服务事项清单', region: '全国', year: 2020, itemCount: 28 });
  });

  it('catalog list --source --json gives code, mainItem and name', async () => {
    const r = await runCli(['catalog', 'list', '--source', 'henan-2024', '--json'], tempDir());
    expect(r.code, r.stderr).toBe(0);
    const items = JSON.parse(r.stdout);
    expect(items).toHaveLength(28);
    expect(items[0]).toMatchObject({ code: '002036001001', mainItem: { name: '基本医疗保险参保和变更登记' }, name: '单位参保登记' });
  });

  it('catalog show gives the whole item as stored, by name, code or alias', async () => {
    const dir = tempDir();
    const r = await runCli(['catalog', 'show', '职工参保登记', '--source', 'hubei-2022', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const item = JSON.parse(r.stdout);
    expect(item).toMatchObject({ name: '职工参保登记', handlingType: '承诺件', riskLevel: '低风险', mainItem: { name: '基本医疗保险参保和变更登记' } });
    expect(item.timeLimit.text).toBe('在职职工不超过5个工作日；灵活就业人员即时办结');
    expect(item.process.steps).toEqual(['业务申请', '业务受理', '业务审核', '业务办结及反馈']);
    expect(item.materials).toHaveLength(6);
    expect(item.sampleForms).toEqual(['附件表2-职工基本医疗保险参保登记表']);
    expect(item.intakeFields).toContain('证件类型及号码');

    const byCode = JSON.parse((await runCli(['catalog', 'show', '002036001002', '--json'], dir)).stdout);
    expect(byCode).toMatchObject({ code: '002036001002', name: '职工参保登记', process: { text: '申请—受理—审核—办结' } });
    const human = await runCli(['catalog', 'show', '002036001002'], dir);
    expect(human.stdout).toContain('办理时限：在职职工不超过5个工作日；灵活就业人员即时办结');
  });

  it('catalog show of an unknown item or source exits 1 with a message; a missing argument exits 2', async () => {
    const dir = tempDir();
    const r = await runCli(['catalog', 'show', '不存在的事项', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('未找到事项“不存在的事项”');
    const s = await runCli(['catalog', 'list', '--source', 'mars-2030'], dir);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('mars-2030');
    expect((await runCli(['catalog', 'show'], dir)).code).toBe(2);
  });

  it('catalog diff --json shows the differences between sources', async () => {
    const dir = tempDir();
    const r = await runCli(['catalog', 'diff', '参保单位缴费基数申报', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const diff = JSON.parse(r.stdout);
    expect(diff.absentFrom.sort()).toEqual(['henan-2024', 'hubei-2022', 'national-2020']);
    expect(diff.timeLimit).toMatchObject({ same: false, bySource: { 'jiangsu-2022': { text: '5个工作日' } } });
    const human = await runCli(['catalog', 'diff', '职工参保登记'], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('[hubei-2022] 职工参保登记');
    expect((await runCli(['catalog', 'diff', '没有这个事项'], dir)).code).toBe(1);
  });
});
