// Placeholder until the shared instant-item rule lands (replaced at merge).
import type { Requirements } from '../../../shared/contract/cases';
export function isInstantItem(req: Requirements): boolean {
  return req.handlingType === '即办件' || req.timeLimit.ruleText === '即时办结' || (req.timeLimit.ruleText ?? req.timeLimit.text).includes('即时办结');
}
