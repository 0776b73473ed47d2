import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../fixtures/cli';
import { tempDir } from '../fixtures/temp';
import { FAKE_2027 } from '../fixtures/calendar';
import { makeCreditCode, makeForeign2017Id, makeForeign2023Id, makeHkmoId, makeResidentId, makeTaiwanId, withWrongCheckChar } from '../fixtures/identity';

const json = (stdout: string): unknown => JSON.parse(stdout);

// Each command is a fresh process (tsx): allow for slow CI machines.
describe('medins calendar CLI', { timeout: 90_000 }, () => {
  it('add: n working days after the date, the date not counted (Spring Festival 2026)', async () => {
    const r = await runCli(['calendar', 'add', '2026-02-13', '5', '--json'], tempDir());
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual({ date: '2026-02-27' });
    const human = await runCli(['calendar', 'add', '2026-09-30', '5'], tempDir());
    expect(human.stdout.trim()).toBe('2026-10-13');
  });

  it('add --unit day counts calendar days and needs no published year', async () => {
    const r = await runCli(['calendar', 'add', '2026-12-28', '5', '--unit', 'day', '--json'], tempDir());
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toEqual({ date: '2027-01-02' });
  });

  it('add into unpublished 2027 exits 1 naming the year and 日历未发布', async () => {
    const r = await runCli(['calendar', 'add', '2026-12-28', '5', '--json'], tempDir());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2027/);
    expect(r.stderr).toMatch(/日历未发布/);
  });

  it('usage errors exit 2: impossible date, non-integer n, unknown unit, missing argument', async () => {
    const dir = tempDir();
    const runs = await Promise.all(
      [['add', '2026-02-30', '5'], ['add', '2026-02-13', '1.5'], ['add', '2026-02-13', '5', '--unit', 'week'], ['is-workday'], ['import']].map((args) => runCli(['calendar', ...args], dir)),
    );
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
  });

  it('is-workday: make-up Saturday, holiday, weekend, plain day; 2027 exits 1', async () => {
    const dir = tempDir();
    const day = async (d: string) => json((await runCli(['calendar', 'is-workday', d, '--json'], dir)).stdout);
    expect(await day('2026-02-14')).toEqual({ date: '2026-02-14', workday: true, kind: 'makeup', name: '春节' });
    expect(await day('2026-10-01')).toEqual({ date: '2026-10-01', workday: false, kind: 'holiday', name: '国庆节' });
    expect(await day('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, kind: 'weekend' });
    expect(await day('2026-03-09')).toEqual({ date: '2026-03-09', workday: true, kind: 'workday' });
    const human = await runCli(['calendar', 'is-workday', '2026-02-14'], dir);
    expect(human.stdout).toContain('调休上班');
    const r = await runCli(['calendar', 'is-workday', '2027-01-04', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2027.*日历未发布/);
  });

  it('years --json lists 2004–2026 as bundled', async () => {
    const r = await runCli(['calendar', 'years', '--json'], tempDir());
    expect(r.code).toBe(0);
    const y = json(r.stdout) as { years: { year: number; source: string }[]; overlayFile: string };
    expect(y.years).toHaveLength(23);
    expect(y.years.every((s) => s.source === 'bundled')).toBe(true);
    expect(y.overlayFile).toMatch(/calendar-overlay\.json$/);
  });

  it('import lands in the data folder’s overlay and is used by later commands', async () => {
    const dir = tempDir();
    const file = path.join(tempDir(), '2027.json');
    fs.writeFileSync(file, JSON.stringify(FAKE_2027));
    const r = await runCli(['calendar', 'import', file], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2027年 已导入');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'calendar-overlay.json'), 'utf8'))).toEqual(FAKE_2027);
    expect(json((await runCli(['calendar', 'add', '2026-12-28', '5', '--json'], dir)).stdout)).toEqual({ date: '2027-01-05' });
    const years = json((await runCli(['calendar', 'years', '--json'], dir)).stdout) as { years: { year: number; source: string }[] };
    expect(years.years.at(-1)).toMatchObject({ year: 2027, source: 'imported' });
  });

  it('import of a bad or missing file exits 1 with the reason, and changes nothing', async () => {
    const dir = tempDir();
    const bad = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ years: { '2027': { published: true, holidays: [], makeupWorkdays: [{ date: '2027-01-11', name: '元旦' }] } } }));
    const r = await runCli(['calendar', 'import', bad], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('years.2027.makeupWorkdays[0].date');
    expect(r.stderr).toContain('不是周六或周日');
    expect(fs.existsSync(path.join(dir, 'calendar-overlay.json'))).toBe(false);
    const missing = await runCli(['calendar', 'import', path.join(dir, 'nope.json')], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('无法读取文件');
  });
});

describe('medins id check', { timeout: 90_000 }, () => {
  const check = async (n: string) => {
    const r = await runCli(['id', 'check', n, '--json'], tempDir());
    expect(r.code).toBe(0);
    return json(r.stdout) as Record<string, unknown>;
  };

  it('recognises every kind, with birth date and sex', async () => {
    const [resident, hkmo, taiwan, foreign2023, foreign2017, credit] = await Promise.all(
      [
        makeResidentId({ birthDate: '1985-03-09', sex: '男' }),
        makeHkmoId({ birthDate: '1990-12-01', sex: '女' }),
        makeTaiwanId({ birthDate: '1970-01-31', sex: '男' }),
        makeForeign2023Id({ birthDate: '1988-07-15', sex: '女' }),
        makeForeign2017Id(),
        makeCreditCode(),
      ].map(check),
    );
    expect(resident).toMatchObject({ valid: true, kind: 'resident', birthDate: '1985-03-09', sex: '男', reason: null });
    expect(hkmo).toMatchObject({ valid: true, kind: 'hkmo', birthDate: '1990-12-01', sex: '女' });
    expect(taiwan).toMatchObject({ valid: true, kind: 'taiwan' });
    expect(foreign2023).toMatchObject({ valid: true, kind: 'foreign2023', birthDate: '1988-07-15', sex: '女' });
    expect(foreign2017).toMatchObject({ valid: true, kind: 'foreign2017' });
    expect(credit).toMatchObject({ valid: true, kind: 'credit-code', birthDate: null, sex: null });
  });

  it('the output has exactly the documented keys; region is filled for a resident number', async () => {
    const out = await check(makeResidentId({ birthDate: '1985-03-09', sex: '男' }));
    expect(Object.keys(out).sort()).toEqual(['birthDate', 'kind', 'reason', 'region', 'sex', 'valid']);
    expect(typeof out.region).toBe('string');
  });

  it('an invalid number exits 0 with valid:false and a Chinese reason', async () => {
    const wrong = await check(withWrongCheckChar(makeResidentId({ birthDate: '1985-03-09', sex: '男' })));
    expect(wrong).toMatchObject({ valid: false, kind: 'resident' });
    expect(wrong.reason).toMatch(/校验/);
    const short = await check('12345');
    expect(short).toMatchObject({ valid: false, kind: null });
    expect(short.reason).toMatch(/位数不对/);
  });

  it('lower-case x is accepted; human output; missing argument exits 2', async () => {
    const dir = tempDir();
    let id = makeResidentId({ birthDate: '1985-03-09', sex: '男' });
    for (let seq = 0; !id.endsWith('X'); seq++) id = makeResidentId({ birthDate: '1985-03-09', sex: '男', seq });
    expect(await check(id.toLowerCase())).toMatchObject({ valid: true, kind: 'resident' });
    const human = await runCli(['id', 'check', id], dir);
    expect(human.stdout).toContain('有效  居民身份证');
    expect((await runCli(['id', 'check'], dir)).code).toBe(2);
  });
});
