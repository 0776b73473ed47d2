import type { Generated } from 'kysely';

/**
 * Table types for the typed query layer. One interface per table; migrations create them.
 * Keep these in step with db/migrations: tests/integration/schema-guard.test.ts migrates SQLite
 * and PostgreSQL and compares both with these types (number/string, `| null`, Generated<…> =
 * has a default), and refuses a non-additive change against tests/fixtures/schema-snapshot.json
 * (`npm run schema:snapshot` after adding a migration).
 */
export interface AppMetaTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  /** JSON array of Role */
  roles: string;
  /** JSON array of counter numbers */
  counters: Generated<string>;
  disabled: Generated<number>;
  must_change_password: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  kind: 'user' | 'device';
  user_id: number | null;
  device_scope: 'board' | 'kiosk' | 'evaluator' | null;
  device_name: string | null;
  created_at: string;
  last_active_at: string;
  expires_at: string | null;
  locked: Generated<number>;
  unlock_failures: Generated<number>;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  target: string | null;
  /** JSON object, personal data masked */
  detail: Generated<string>;
  counter: number | null;
  transport: string | null;
  prev_hash: string;
  hash: string;
}

export interface CasesTable {
  id: Generated<number>;
  case_no: string;
  query_code: string;
  status: string;
  source_id: string;
  item_key: string;
  item_code: string | null;
  item_name: string;
  pays: number;
  applicant_id_kind: string;
  applicant_id_number: string;
  applicant_name: string;
  applicant_phone: string | null;
  /** JSON Party or null */
  agent: string | null;
  answers: Generated<string>;
  flags: Generated<string>;
  form: Generated<string>;
  time_limit_text: string;
  rule_text: string | null;
  accepted_on: string | null;
  due_date: string | null;
  /** 1: 暂定办结日期, counted Monday–Friday in a year whose arrangement is not loaded (migration 0011). */
  due_provisional: Generated<number>;
  reason: string | null;
  result: string | null;
  clerk_id: number | null;
  clerk: string;
  counter: number;
  /** The ticket served when the case was decided (linked by core at intake). */
  ticket_id: string | null;
  created_at: string;
  updated_at: string;
  /** JSON of the applicant's card facts (sex, nation, birthDate, address, cardSource) or null. */
  applicant_card: string | null;
}

export interface CaseMaterialsTable {
  case_id: number;
  seq: string;
  name: string;
  condition_label: string | null;
  status: string;
  note: string | null;
  promise_allowed: Generated<number>;
}

export interface CaseHistoryTable {
  id: Generated<number>;
  case_id: number;
  at: string;
  action: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  counter: number | null;
  note: string | null;
}

export interface CaseDocumentsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  title: string;
  /** JSON CaseDocument */
  content: string;
  created_at: string;
}

export interface CaseSequenceTable {
  day: string;
  counter: number;
  last: number;
}

export interface QueueCategoriesTable {
  id: string;
  name: string;
  items: Generated<string>;
  range_start: number;
  range_end: number;
  daily_cap: Generated<number>;
  enabled: Generated<number>;
}

export interface QueueCountersTable {
  number: number;
  name: Generated<string>;
  categories: string;
  open: Generated<number>;
  paused_reason: string | null;
  staff: string | null;
}

export interface TicketsTable {
  id: string;
  day: string;
  category_id: string;
  number: number;
  label: string;
  priority_kind: string | null;
  status: string;
  counter: number | null;
  taken_at: string;
  queued_at: string;
  called_at: string | null;
  called_count: Generated<number>;
  no_shows: Generated<number>;
  /** Case numbers decided under this ticket: written by the intake transaction only. */
  case_nos: Generated<string>;
  source: string;
  updated_at: string;
  /** 实名取号: JSON TicketHolder (unmasked), or null for an anonymous ticket. */
  holder: string | null;
}

export interface TicketPeriodsTable {
  id: Generated<number>;
  ticket_id: string;
  kind: string;
  counter: number | null;
  started_at: string;
  ended_at: string | null;
}

export interface QueueSequenceTable {
  day: string;
  category_id: string;
  last: number;
  taken: number;
  /** Serving time of the day's finished tickets of this line, and how many: estimated waits. */
  served_ms: Generated<number>;
  served_count: Generated<number>;
}

/** The one row (id 1) of queue-wide state: the interleave count, the day last rolled over. */
export interface QueueStateTable {
  id: number;
  normals_since_priority: number;
  rolled_day: Generated<string>;
}

export interface QueueCallsTable {
  seq: Generated<number>;
  ticket_id: string;
  label: string;
  counter: number;
  text: string;
  at: string;
  recall: number;
  priority: Generated<number>;
}

export interface SyncOutboxTable {
  id: Generated<number>;
  /** Stable per closing of a case: a UUID made in the closing transaction (docs/upstream-protocol.md). */
  msg_id: string;
  kind: string;
  case_id: number;
  case_no: string;
  case_status: string;
  /** JSON: the message body as it was when the case closed. */
  payload: string;
  /** pending | unknown | acked | rejected | needs_attention */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  upstream_ref: string | null;
  created_at: string;
  updated_at: string;
  acked_at: string | null;
}

export interface SyncAttemptsTable {
  id: Generated<number>;
  outbox_id: number;
  at: string;
  /** health | attachment | submit | status */
  step: string;
  /** success | rejected | unknown | offline | not_found */
  outcome: string;
  http_status: number | null;
  detail: string | null;
  duration_ms: Generated<number>;
}

export interface SyncAttachmentsTable {
  outbox_id: number;
  sha256: string;
  size: number;
  uploaded: Generated<number>;
  done: Generated<number>;
}

export interface SyncStateTable {
  key: string;
  value: string;
}

export interface EvaluationsTable {
  id: Generated<number>;
  at: string;
  /** Hall day of the rating */
  day: string;
  /** 5 非常满意 … 1 非常不满意 */
  level: number;
  reason: string | null;
  counter: number | null;
  clerk: string | null;
  ticket_id: string | null;
  case_no: string | null;
  /** 'device' (evaluation tablet) or 'counter' (signed-in clerk's screen) */
  source: string;
  /** 'open' / 'closed' for low ratings, null otherwise */
  follow_up: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_note: string | null;
}

export interface StatsDailyTable {
  day: string;
  version: number;
  /** JSON DayAggregate (electron/core/stats/aggregate.ts) */
  data: string;
  computed_at: string;
}

export interface PrintJobsTable {
  id: Generated<number>;
  /** acceptanceReceipt | oneTimeNotice | refusalNotice | completionNotice | queueTicket | testPage */
  kind: string;
  title: string;
  /** JSON JobSource (electron/core/printing/jobs.ts): what to print, rebuilt at each attempt. */
  source: string;
  case_no: string | null;
  document_id: number | null;
  /** queued | printing | done | failed | dismissed */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** The printer's state at the last attempt (ready, paperOut, unreachable…). */
  printer_state: string | null;
  /** Chinese, for the clerk. */
  last_error: string | null;
  /** Which printer took it: driver and address. */
  printer: string | null;
  /** The job this one prints again. */
  reprint_of: number | null;
  created_by: string;
  counter: number | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
  /** The station (data folder) whose printer prints it; null for jobs from before 0010. */
  station: string | null;
}

/** The first answer to a creating call, by the client's request id (0011; rpc/client-requests.ts). */
export interface ClientRequestsTable {
  id: string;
  /** who called: the session's user id or device name; a reused id from someone else is refused */
  actor: string;
  /** procedure path, e.g. cases.intake */
  path: string;
  /** JSON of the output */
  output: string;
  created_at: string;
}

/** The audit chain's head, one row (id 1), written with every entry (0011; auth/audit.ts). */
export interface AuditHeadTable {
  id: number;
  entries: number;
  last_id: number;
  last_hash: string;
}

/** One row per job only one host of a hall may run (0008; db/leases.ts). */
export interface LeasesTable {
  name: string;
  /** host:pid:random of the core holding it */
  holder: string;
  expires_at: string;
}

/** A scanned page of a case's material; its bytes are in the attachment store under sha256. */
export interface CasePagesTable {
  id: Generated<number>;
  case_id: number;
  material_seq: string;
  /** 1-based order within the material */
  position: number;
  /** clockwise degrees applied when shown and assembled: 0 | 90 | 180 | 270 */
  rotation: Generated<number>;
  sha256: string;
  size: number;
  mime: string;
  width: number;
  height: number;
  dpi: number;
  thumb_sha256: string;
  /** scanner driver (sane, simulator…) or camera */
  source: string;
  created_by: string;
  created_at: string;
}

/** 预约办理: a line's booking plan (0016). */
export interface AppointmentPlansTable {
  category_id: string;
  enabled: number;
  slot_minutes: number;
  capacity: number;
  /** JSON [start, end][] in hall time, 'HH:mm'. */
  hours: string;
  check_in_early_minutes: number;
}

/** A day closed to bookings, for one line or ('') all, with the reason callers are told. */
export interface AppointmentClosuresTable {
  day: string;
  category_id: string;
  reason: string;
  created_at: string;
}

/** A booked visit; no-show is derived (slot over, never checked in), not stored. */
export interface BookingsTable {
  id: string;
  code: string;
  /** 'phone' (entered at the 引导台) or 'upstream' */
  source: string;
  upstream_id: string | null;
  id_kind: string;
  id_number: string;
  name: string;
  phone: string | null;
  category_id: string;
  item_key: string | null;
  item_name: string;
  day: string;
  slot_start: string;
  slot_end: string;
  /** booked | checked_in | cancelled */
  status: string;
  ticket_id: string | null;
  checked_in_at: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  /** Where a pulled booking was made (政务服务网, 微信, 支付宝); null for telephone bookings. */
  channel: string | null;
}

/** What became of a pulled booking, for the upstream (docs/upstream-protocol.md §Bookings). */
export interface BookingEventsTable {
  id: Generated<number>;
  msg_id: string;
  booking_id: string;
  /** booking.checkedIn | booking.noShow | booking.cancelled */
  kind: string;
  payload: string;
  /** pending | unknown | acked | rejected | needs_attention */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  acked_at: string | null;
}

export interface Database {
  app_meta: AppMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  cases: CasesTable;
  case_materials: CaseMaterialsTable;
  case_history: CaseHistoryTable;
  case_documents: CaseDocumentsTable;
  case_sequence: CaseSequenceTable;
  queue_categories: QueueCategoriesTable;
  queue_counters: QueueCountersTable;
  tickets: TicketsTable;
  ticket_periods: TicketPeriodsTable;
  queue_sequence: QueueSequenceTable;
  queue_calls: QueueCallsTable;
  queue_state: QueueStateTable;
  sync_outbox: SyncOutboxTable;
  sync_attempts: SyncAttemptsTable;
  sync_attachments: SyncAttachmentsTable;
  sync_state: SyncStateTable;
  evaluations: EvaluationsTable;
  stats_daily: StatsDailyTable;
  print_jobs: PrintJobsTable;
  leases: LeasesTable;
  case_pages: CasePagesTable;
  client_requests: ClientRequestsTable;
  audit_head: AuditHeadTable;
  appointment_plans: AppointmentPlansTable;
  appointment_closures: AppointmentClosuresTable;
  bookings: BookingsTable;
  booking_events: BookingEventsTable;
}

