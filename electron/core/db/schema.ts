import type { Generated } from 'kysely';

/**
 * Table types for the typed query layer. One interface per table; migrations create them.
 * Keep these in step with db/migrations (a test compares them with the live schema).
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
  device_scope: 'board' | 'kiosk' | null;
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

export interface Database {
  app_meta: AppMetaTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}

export type { Generated };
