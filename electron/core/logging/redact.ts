import { maskIdNumber, maskName, maskPhone, redactPersonalData } from '../../../shared/identity';

/** Field names whose values are personal data whatever they look like. */
const ID_KEYS = new Set(['idNumber', 'certNo', 'socialSecurityNumber', 'agentIdNumber']);
const PHONE_KEYS = new Set(['phone', 'mobile', 'contactPhone']);
const NAME_KEYS = new Set(['applicantName', 'personName', 'citizenName', 'agentName']);

/**
 * Masks identity numbers, phone numbers and names in any value about to be logged: by field
 * name where we know it, and by pattern inside every string as a safety net.
 */
export function scrubPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactPersonalData(value.message), stack: value.stack && redactPersonalData(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubPersonalData(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && ID_KEYS.has(key)) out[key] = maskIdNumber(v);
    else if (typeof v === 'string' && PHONE_KEYS.has(key)) out[key] = maskPhone(v);
    else if (typeof v === 'string' && NAME_KEYS.has(key)) out[key] = maskName(v);
    else out[key] = scrubPersonalData(v, depth + 1);
  }
  return out;
}
