export { checkIdNumber, checkIdNumberAs, normalizeIdNumber, ID_KIND_LABELS } from './id-number';
export type { IdCheckResult, IdKind } from './id-number';
export { validateCreditCode } from './credit-code';
export type { CreditCodeCheck } from './credit-code';
export { maskIdNumber, maskPhone, maskName, maskNamePublic, maskCreditCode, redactPersonalData } from './mask';
export { PROVINCE_NAMES, mainlandProvinceName } from './provinces';
