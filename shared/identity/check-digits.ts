/** Check characters of GB 11643 (ISO 7064 MOD 11-2) and GB 32100 (mod 31). */

const MOD11_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_CHECK_CHARS = '10X98765432';

/** Check character for the first 17 digits of an 18-character identity number. */
export function mod11CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * (MOD11_WEIGHTS[i] ?? 0);
  }
  return MOD11_CHECK_CHARS[sum % 11] ?? '';
}

/** GB 32100 character set: digits and upper-case letters without I, O, S, V, Z. */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const MOD31_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character for the first 17 characters of a 统一社会信用代码 (all from CREDIT_CODE_CHARS). */
export function mod31CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_CHARS.indexOf(first17[i] ?? '') * (MOD31_WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31] ?? '';
}
