import type { IdentityRecord } from '../contract/readers';
import type { Party } from '../contract/cases';

/**
 * A card read (居民身份证, 居住证, 永久居留证, 医保电子凭证) as a party: every fact the card holds,
 * so no field the card answers is typed again (the intake form, 实名取号 at the kiosk).
 */
export function partyFromCard(record: IdentityRecord): Omit<Party, 'phone'> {
  // 港澳台居民居住证: 830000… is 台湾, 810000/820000… 香港/澳门.
  const idKind = record.cardType === 'hkmotw' ? (record.idNumber.startsWith('83') ? 'taiwan' : 'hkmo') : record.cardType;
  return {
    idKind,
    idNumber: record.idNumber,
    name: record.name,
    sex: record.sex,
    ...(record.nation ? { nation: record.nation } : {}),
    ...(record.birthDate ? { birthDate: record.birthDate } : {}),
    ...(record.address ? { address: record.address } : {}),
    cardSource: record.source,
  };
}
