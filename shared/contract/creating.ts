/**
 * Procedures that create something (a case, a ticket, a print job, a user…). The renderer sends
 * a fresh request id (REQUEST_ID_HEADER) with each call of these and the same id when it retries
 * one; core keeps the first answer per id, so a retry after a lost connection returns it instead
 * of creating a second case (electron/core/rpc/client-requests.ts).
 */
export const CREATING_PROCEDURES: ReadonlySet<string> = new Set([
  'cases.intake',
  'users.create',
  'devices.issue',
  'queue.take',
  'appointments.book',
  'appointments.checkIn',
  'evaluation.submit',
  'printing.printDocument',
  'printing.printTicket',
  'printing.testPrint',
  'printing.reprint',
  'scanning.capture',
]);

/** Header carrying the client's request id: 8–64 characters of [A-Za-z0-9_-] (a UUID fits). */
export const REQUEST_ID_HEADER = 'x-medins-request-id';
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
