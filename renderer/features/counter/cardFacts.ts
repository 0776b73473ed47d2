import type { IdentityRecord } from '../../../shared/contract';
import type { Party } from '../../../shared/contract/cases';

/** The facts a card adds to a party beyond number and name; dropped when the clerk types another person over them. */
export const CARD_FACTS = ['sex', 'nation', 'birthDate', 'address'] as const satisfies readonly (keyof Party)[];

/** The party as the card states it: every fact it holds goes where the intake asks for it. */
export function partyFromCard(r: IdentityRecord): Party {
  const idKind = r.cardType === 'hkmotw' ? (r.idNumber.startsWith('83') ? 'taiwan' : 'hkmo') : r.cardType;
  return {
    idKind,
    idNumber: r.idNumber,
    name: r.name,
    sex: r.sex,
    ...(r.nation ? { nation: r.nation } : {}),
    birthDate: r.birthDate,
    ...(r.address ? { address: r.address } : {}),
    cardSource: r.source === 'manual' ? 'manual' : r.source,
  };
}

/** 有效身份证件 / 居民身份证 …: the material a card read has just shown in the original. */
export function isIdentityMaterial(name: string): boolean {
  return /^(有效)?(身份证件|居民身份证|身份证)/.test(name.trim());
}
