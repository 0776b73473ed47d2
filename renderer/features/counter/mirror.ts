// Placeholder until the shared mirror module lands (replaced at merge).
import type { MirrorFact, Party } from '../../../shared/contract/cases';
import { checkIdNumberAs, ID_KIND_LABELS, type IdKind } from '../../../shared/identity';
export function mirroredValue(fact: MirrorFact, p: Partial<Party> | undefined): string | undefined {
  if (!p) return undefined;
  const id = p.idNumber?.trim().toUpperCase();
  switch (fact) {
    case 'name': return p.name?.trim();
    case 'idDoc': return p.idKind && id ? `${ID_KIND_LABELS[p.idKind as IdKind]} ${id}` : undefined;
    case 'idNumber': return id;
    case 'birthDate': return p.birthDate ?? (p.idKind && id ? checkIdNumberAs(id, p.idKind as IdKind).birthDate : undefined);
    case 'phone': return p.phone?.trim();
    case 'address': return p.address?.trim();
    case 'sex': return p.sex ?? (p.idKind && id ? checkIdNumberAs(id, p.idKind as IdKind).sex : undefined);
    case 'nation': return p.nation;
  }
}
