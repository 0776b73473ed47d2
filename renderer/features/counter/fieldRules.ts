/**
 * The intake rules live in shared/cases/field-rules.ts (core checks with the same module and the
 * same messages); the screen checks a value by its type as the clerk types.
 */
export { amountProblem, bankAccountProblem, codeProblem, dateProblem, FIELD_PLACEHOLDERS, idNumberProblem, isInstantItem, phoneProblem, valueProblem as fieldProblem } from '../../../shared/cases/field-rules';
