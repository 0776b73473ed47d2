import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVINCE_NAMES, checkIdNumber, checkIdNumberAs } from '../../../shared/identity';
import type { IdKind } from '../../../shared/identity';
import {
  GB32100_CHARS,
  makeCreditCode,
  makeForeign2023Id,
  makeHkmoId,
  makeResidentId,
  makeTaiwanId,
} from '../../fixtures/identity';
import type { Sex } from '../../fixtures/identity';

const TODAY = '2026-11-22';
const DAY = 86_400_000;

const isoDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2026, 10, 22) / DAY })
  .map((n) => new Date(n * DAY).toISOString().slice(0, 10));
const sex = fc.constantFrom<Sex>('男', '女');
const mainland = Object.keys(PROVINCE_NAMES).filter((code) => Number(code) < 70);
const province = fc.constantFrom(...mainland);
const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

const personal: fc.Arbitrary<{ id: string; kind: IdKind; birthDate: string; sex: Sex }> = fc.oneof(
  fc.record({ p: province, rest: digits(4), birthDate: isoDate, sex, seq: fc.integer({ min: 0, max: 499 }) }).map((r) => ({
    id: makeResidentId({ region: r.p + r.rest, birthDate: r.birthDate, sex: r.sex, seq: r.seq }),
    kind: 'resident' as const,
    birthDate: r.birthDate,
    sex: r.sex,
  })),
  fc.record({ place: fc.constantFrom('hk' as const, 'mo' as const), birthDate: isoDate, sex, seq: fc.integer({ min: 0, max: 499 }) }).map(
    (r) => ({ id: makeHkmoId(r), kind: 'hkmo' as const, birthDate: r.birthDate, sex: r.sex }),
  ),
  fc.record({ birthDate: isoDate, sex, seq: fc.integer({ min: 0, max: 499 }) }).map((r) => ({
    id: makeTaiwanId(r),
    kind: 'taiwan' as const,
    birthDate: r.birthDate,
    sex: r.sex,
  })),
  fc.record({ province, country: digits(3), birthDate: isoDate, sex, seq: fc.integer({ min: 0, max: 99 }) }).map((r) => ({
    id: makeForeign2023Id(r),
    kind: 'foreign2023' as const,
    birthDate: r.birthDate,
    sex: r.sex,
  })),
);

const AUTHORITY_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['1', '1'], ['1', '2'], ['1', '3'], ['5', '1'], ['5', '2'], ['5', '3'], ['9', '1'], ['9', '2'], ['9', '3'], ['N', '2'], ['Y', '1'],
];
const creditCode = fc
  .record({
    at: fc.constantFrom(...AUTHORITY_TYPES),
    p: province,
    rest: digits(4),
    body: fc.string({ unit: fc.constantFrom(...GB32100_CHARS), minLength: 9, maxLength: 9 }),
  })
  .map((r) => makeCreditCode({ authority: r.at[0], type: r.at[1], region: r.p + r.rest, body: r.body }));

/** Replace the character at `index` by another one of the alphabet. */
function mutate(value: string, index: number, shift: number, alphabet: string): string {
  const current = alphabet.indexOf(value.charAt(index));
  const replacement = alphabet.charAt((current + 1 + (shift % (alphabet.length - 1))) % alphabet.length);
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

describe('identity numbers — properties', () => {
  it('every generated personal number validates with the right kind, birth date and sex', () => {
    fc.assert(
      fc.property(personal, ({ id, kind, birthDate, sex: s }) => {
        expect(checkIdNumber(id, TODAY)).toMatchObject({ valid: true, kind, birthDate, sex: s, normalized: id });
        expect(checkIdNumberAs(id.toLowerCase(), kind, TODAY).valid).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('any single-character change of a personal number makes it invalid for its kind', () => {
    fc.assert(
      fc.property(personal, fc.integer({ min: 0, max: 17 }), fc.nat(), ({ id, kind }, index, shift) => {
        const alphabet = index === 17 ? '0123456789X' : '0123456789';
        const changed = mutate(id, index, shift, alphabet);
        expect(changed).not.toBe(id);
        expect(checkIdNumberAs(changed, kind, TODAY).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('every generated credit code validates, and any single-character change breaks it', () => {
    fc.assert(
      fc.property(creditCode, fc.integer({ min: 0, max: 17 }), fc.nat(), (code, index, shift) => {
        expect(checkIdNumberAs(code, 'credit-code', TODAY)).toMatchObject({ valid: true, normalized: code });
        expect(checkIdNumberAs(mutate(code, index, shift, GB32100_CHARS), 'credit-code', TODAY).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const result = checkIdNumber(value, TODAY);
        expect(typeof result.valid).toBe('boolean');
        if (!result.valid) expect(result.reason).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });
});
