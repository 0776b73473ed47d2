import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Users with roles, sign-in sessions (user and device tokens), and the append-only,
 * hash-chained audit log.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'users_sessions_audit',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await db.schema
      .createTable('users')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('username', kit.nocaseText, (c) => kit.nocase(c.notNull().unique()))
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('counters', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('user', 'device')`))
      .addColumn('user_id', 'integer', (c) => c.references('users.id'))
      .addColumn('device_scope', 'text')
      .addColumn('device_name', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_active_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unlock_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', kit.autoId)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target', 'text')
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('counter', 'integer')
      .addColumn('transport', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    // Nobody edits history: the database itself refuses UPDATE and DELETE on the audit log.
    await kit.appendOnly(db, 'audit_log');
  },
};
