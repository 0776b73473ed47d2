import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCalendarService } from '../../../electron/core/calendar/service';
import { calendarOverlayFile, resolveBundledCalendarFile } from '../../../electron/core/calendar/location';
import { AppError } from '../../../electron/core/errors';
import { silentLogger } from '../../../electron/core/logging/logger';
import type { Actor, AuditLog } from '../../../electron/core/auth/audit';
import { tempDir } from '../../fixtures/temp';
import { FAKE_2027 } from '../../fixtures/calendar';

const ADMIN: Actor = { id: 1, name: 'admin' };

function recordingAudit(): AuditLog & { entries: unknown[][] } {
  const entries: unknown[][] = [];
  return {
    entries,
    record: async (...args) => void entries.push(args),
    list: async () => ({ entries: [], total: 0 }),
    verify: async () => ({ ok: true, checked: 0, brokenAt: null }),
  };
}

function open(dataDir: string, audit = recordingAudit()) {
  return { audit, service: createCalendarService({ bundledFile: resolveBundledCalendarFile(), overlayFile: calendarOverlayFile(dataDir), logger: silentLogger(), audit, now: () => Date.parse('2026-06-01T00:00:00Z') }) };
}

const appErrorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not throw');
};

describe('calendar service', () => {
  it('finds the shipped holidays.json and loads 2004–2026, all bundled', () => {
    const { service } = open(tempDir());
    expect(resolveBundledCalendarFile()).toMatch(/resources[\\/]calendar[\\/]holidays\.json$/);
    const { years, bundledError } = service.years();
    expect(bundledError).toBeUndefined();
    expect(years[0]?.year).toBe(2004);
    expect(years.at(-1)?.year).toBe(2026);
    expect(years.every((y) => y.source === 'bundled')).toBe(true);
  });

  it('dayInfo / add / year', () => {
    const { service } = open(tempDir());
    expect(service.dayInfo('2026-10-10')).toEqual({ date: '2026-10-10', workday: true, kind: 'makeup', name: '国庆节' });
    expect(service.add('2026-02-13', 5, 'workday')).toEqual({ date: '2026-02-27' });
    expect(service.add('2026-02-13', 5, 'day')).toEqual({ date: '2026-02-18' });
    expect(service.year(2026).makeupWorkdays.map((d) => d.date)).toContain('2026-02-14');
  });

  it('a date in an unpublished year is CALENDAR_NOT_PUBLISHED naming the year', () => {
    const { service } = open(tempDir());
    const e = appErrorOf(() => service.add('2026-12-28', 5, 'workday'));
    expect(e.code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(e.userText).toContain('2027');
    expect(e.userText).toContain('日历未发布');
    expect(e.fields).toEqual({ year: '2027' });
    expect(appErrorOf(() => service.year(2027)).code).toBe('CALENDAR_NOT_PUBLISHED');
    expect(appErrorOf(() => service.dayInfo('2026-02-30')).code).toBe('BAD_REQUEST');
  });

  it('an import takes effect at once, is audited, and lands in the overlay file', async () => {
    const dataDir = tempDir();
    const { service, audit } = open(dataDir);
    const result = await service.import(JSON.stringify(FAKE_2027), ADMIN);
    expect(result.imported).toEqual([{ year: 2027, replaced: 'none' }]);
    expect(service.add('2026-12-28', 5, 'workday')).toEqual({ date: '2027-01-05' });
    expect(service.years().years.at(-1)).toMatchObject({ year: 2027, source: 'imported', replacesBundled: false, holidays: 3, makeupWorkdays: 1 });
    expect(audit.entries).toEqual([[ADMIN, 'calendar.import', '2027', { imported: [{ year: 2027, replaced: 'none' }], recomputed: [] }]]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'calendar-overlay.json'), 'utf8'))).toEqual(FAKE_2027);
  });

  it('the overlay survives a reopen; a re-import of a bundled year replaces it whole', async () => {
    const dataDir = tempDir();
    await open(dataDir).service.import(JSON.stringify(FAKE_2027), ADMIN);
    const { service } = open(dataDir);
    expect(service.isWorkday('2027-01-09')).toBe(true);
    // A corrected 2026 without the 10/10 make-up day.
    const y2026 = service.year(2026);
    const corrected = { years: { '2026': { published: true, holidays: y2026.holidays, makeupWorkdays: y2026.makeupWorkdays.filter((d) => d.date !== '2026-10-10') } } };
    const result = await service.import(JSON.stringify(corrected), ADMIN);
    expect(result.imported).toEqual([{ year: 2026, replaced: 'bundled' }]);
    expect(service.dayInfo('2026-10-10')).toMatchObject({ workday: false, kind: 'weekend' });
    expect(service.years().years.find((y) => y.year === 2026)).toMatchObject({ source: 'imported', replacesBundled: true });
    expect(open(dataDir).service.years().years.filter((y) => y.source === 'imported').map((y) => y.year)).toEqual([2026, 2027]);
  });

  it('a broken file is refused with what is wrong, and nothing changes (memory, overlay, audit)', async () => {
    const dataDir = tempDir();
    const { service, audit } = open(dataDir);
    await service.import(JSON.stringify(FAKE_2027), ADMIN);
    const before = fs.readFileSync(calendarOverlayFile(dataDir), 'utf8');
    const bad = structuredClone(FAKE_2027) as { years: Record<string, { holidays: { date: string; name: string }[]; makeupWorkdays: { date: string; name: string }[] }> };
    bad.years['2027']!.holidays[0]!.date = '2027-02-30';
    bad.years['2027']!.makeupWorkdays[0]!.date = '2027-01-11'; // a Monday
    const cases: [string, RegExp][] = [
      [JSON.stringify(bad), /years\.2027\.holidays\[0\]\.date.*2027-02-30/s],
      [JSON.stringify(bad), /调休上班日 2027-01-11 不是周六或周日/],
      ['{"years": ', /不是有效的 JSON/],
      ['{"years": {}}', /没有任何年份/],
      ['{"years": {"27": {}}}', /年份键“27”应为4位数字/],
    ];
    for (const [text, reason] of cases) {
      const e = await service.import(text, ADMIN).then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('CALENDAR_DATA_INVALID');
      expect((e as AppError).userText).toMatch(reason);
    }
    expect(fs.readFileSync(calendarOverlayFile(dataDir), 'utf8')).toBe(before);
    expect(service.isWorkday('2027-01-09')).toBe(true);
    expect(audit.entries).toHaveLength(1);
  });

  it('dueDate through the service turns undecided limits into BAD_REQUEST', () => {
    const { service } = open(tempDir());
    const timeLimit = { text: '在职职工不超过5个工作日；灵活就业人员即时办结', rules: [{ kind: 'workdays' as const, amount: 5, condition: '在职职工' }, { kind: 'instant' as const, condition: '灵活就业人员' }] };
    expect(service.dueDate({ acceptedOn: '2026-02-13', timeLimit, flags: ['在职职工'] }).dueDate).toBe('2026-02-27');
    const e = appErrorOf(() => service.dueDate({ acceptedOn: '2026-02-13', timeLimit }));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.userText).toContain('请先选择');
  });

  it('an unreadable overlay is reported and ignored; the next import replaces it', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(calendarOverlayFile(dataDir), 'not json');
    const { service } = open(dataDir);
    expect(service.years().overlayError).toMatch(/不是有效的 JSON/);
    expect(service.years().years.at(-1)?.year).toBe(2026);
    await service.import(JSON.stringify(FAKE_2027), ADMIN);
    expect(service.years().overlayError).toBeUndefined();
  });
});
