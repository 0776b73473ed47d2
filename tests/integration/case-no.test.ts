import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { issueCaseNo } from '../../electron/core/cases/case-no';
import { preparedCore } from '../fixtures/hall';
import { tempDir } from '../fixtures/temp';
import { employeeEnrolment } from '../fixtures/cases';

/** 办件编号 hold a busy counter-day: 12 000 cases, none issued twice (docs/cases.md#case-number). */
let core: Core;
const t = Date.parse('2026-12-04T09:00:00+08:00');

beforeAll(async () => {
  core = await preparedCore(tempDir(), { now: () => t });
}, 60_000);

afterAll(async () => {
  await core?.close();
});

describe('case numbers', () => {
  it('issues 12 000 in one counter-day without a collision, 21 digits up to 9 999 and 22 after', async () => {
    const numbers = await core.db.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (let i = 0; i < 12_000; i++) out.push(await issueCaseNo(trx, { day: '2026-12-04', counter: 7, regionCode: '410100' }));
      return out;
    });
    expect(new Set(numbers).size).toBe(12_000);
    expect(numbers[0]).toBe('410100202612040070001');
    expect(numbers[9_998]).toBe('410100202612040079999');
    expect(numbers[9_999]).toBe('4101002026120400710000');
    expect(numbers[11_999]).toBe('4101002026120400712000');
    expect(numbers.every((n) => /^\d{21,22}$/.test(n) && n.startsWith('41010020261204007'))).toBe(true);
  }, 120_000);

  it('an intake past the 9 999th of the day is accepted with a 22-digit number', async () => {
    await core.db.db.insertInto('case_sequence').values({ day: '20261204', counter: 1, last: 9_999 }).execute();
    const c = await employeeEnrolment(core, {}, 1);
    expect(c.caseNo).toMatch(/^\d{6}2026120400110000$/);
    expect((await core.services.cases.search({ caseNo: c.caseNo })).cases).toHaveLength(1);
  });
});
