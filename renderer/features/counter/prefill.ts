// The rule moved to shared/cases/mirror.ts (one rule for the screen and core).
export { applicantValueFor } from '../../../shared/cases/mirror';
