import type { Party } from '../../../shared/contract/cases';

/** The facts a card adds to a party beyond number and name; dropped when the clerk types another person over them. */
export const CARD_FACTS = ['sex', 'nation', 'birthDate', 'address'] as const satisfies readonly (keyof Party)[];

/** 有效身份证件 / 居民身份证 …: the material a card read has just shown in the original. */
export function isIdentityMaterial(name: string): boolean {
  return /^(有效)?(身份证件|居民身份证|身份证)/.test(name.trim());
}
