import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ORPCError } from '@orpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { preparedCore, tokenFor } from '../fixtures/hall';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { httpClient, type TestClient } from '../fixtures/clients';
import { FAKE_2027 } from '../fixtures/calendar';

let core: Core;
let host: WebHost;
let clerk: TestClient;
let admin: TestClient;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medins-calendar-'));

beforeAll(async () => {
  core = await preparedCore(dataDir);
  host = await startWebHost({ cores: { current: () => core }, host: '127.0.0.1', port: 0 });
  clerk = httpClient(host.url, {}, await tokenFor(core, 'clerk1'));
  admin = httpClient(host.url, {}, await tokenFor(core, 'admin'));
});
afterAll(async () => {
  await host.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Failure = ORPCError<string, { code: string; message: string; fields?: Record<string, string> }>;
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Failure);

describe('calendar contract over HTTP', () => {
  it('needs a signed-in user', async () => {
    expect((await failure(httpClient(host.url).calendar.years()))?.code).toBe('UNAUTHORIZED');
  });

  it('a clerk reads years, a year, a day, and adds working / calendar days', async () => {
    const { years } = await clerk.calendar.years();
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect((await clerk.calendar.year({ year: 2026 })).makeupWorkdays).toContainEqual({ date: '2026-02-14', name: '春节' });
    expect(await clerk.calendar.dayInfo({ date: '2026-02-16' })).toEqual({ date: '2026-02-16', workday: false, kind: 'holiday', name: '春节' });
    expect(await clerk.calendar.add({ date: '2026-02-13', n: 5 })).toEqual({ date: '2026-02-27' });
    expect(await clerk.calendar.add({ date: '2026-02-13', n: 5, unit: 'day' })).toEqual({ date: '2026-02-18' });
    expect(Object.keys((await clerk.calendar.data()).years)).toHaveLength(23);
  });

  it('into 2027: CALENDAR_NOT_PUBLISHED naming the year; a bad date is BAD_REQUEST', async () => {
    const e = await failure(clerk.calendar.add({ date: '2026-12-28', n: 5 }));
    expect(e?.code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(e?.data.message).toMatch(/2027.*日历未发布/);
    expect(e?.data.fields).toEqual({ year: '2027' });
    expect((await failure(clerk.calendar.dayInfo({ date: '2026-02-30' })))?.code).toBe('BAD_REQUEST');
  });

  it('dueDate previews from a time limit or a catalog item with answers', async () => {
    const fromItem = await clerk.calendar.dueDate({ acceptedOn: '2026-02-13', item: { ref: '002036001002' }, answers: { personType: 'employed' } });
    expect(fromItem).toMatchObject({ dueDate: '2026-02-27', choice: 'matched', text: '在职职工不超过5个工作日；灵活就业人员即时办结' });
    const flexible = await clerk.calendar.dueDate({ acceptedOn: '2026-02-13', item: { ref: '002036001002' }, answers: { personType: 'flexible' } });
    expect(flexible.dueDate).toBe('2026-02-13');
    const undecided = await failure(clerk.calendar.dueDate({ acceptedOn: '2026-02-13', item: { ref: '002036001002' } }));
    expect(undecided?.code).toBe('BAD_REQUEST');
    expect(undecided?.data.message).toContain('请先选择');
    const plain = await clerk.calendar.dueDate({ acceptedOn: '2026-09-30', timeLimit: { text: '5个工作日', rules: [{ kind: 'workdays', amount: 5 }] } });
    expect(plain.dueDate).toBe('2026-10-13');
  });

  it('import is for admins only', async () => {
    const e = await failure(clerk.calendar.import({ text: JSON.stringify(FAKE_2027) }));
    expect(e?.code).toBe('FORBIDDEN');
  });

  it('a broken file is refused with the reason, and nothing changes', async () => {
    const e = await failure(admin.calendar.import({ text: '{"years":{"2027":{"published":true,"holidays":[{"date":"2027-13-01","name":"元旦"}],"makeupWorkdays":[]}}}' }));
    expect(e?.code).toBe('CALENDAR_DATA_INVALID');
    expect(e?.data.message).toContain('years.2027.holidays[0].date');
    expect((await clerk.calendar.years()).years.at(-1)?.year).toBe(2026);
  });

  it('an admin import takes effect at once for everyone and is audited', async () => {
    const result = await admin.calendar.import({ text: JSON.stringify(FAKE_2027) });
    expect(result.imported).toEqual([{ year: 2027, replaced: 'none' }]);
    expect(await clerk.calendar.add({ date: '2026-12-28', n: 5 })).toEqual({ date: '2027-01-05' });
    expect((await clerk.calendar.years()).years.at(-1)).toMatchObject({ year: 2027, source: 'imported' });
    const audit = await core.services.audit.list({ action: 'calendar.import' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ actor: 'admin', target: '2027' });
  });
});
