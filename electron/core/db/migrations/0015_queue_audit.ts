import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * Hall mode: a queue change's audit entry and its note to the other cores in one round trip
 * (docs/queue.md § Engine). The audit chain's lock is held from the append until commit; taken
 * through audit.record() and hall.publish() that was five client round trips, and every counter's
 * call-next (which needs the same lock for its own entry) queued behind them — the 742 ms p99
 * of issue 17. Now the lock is held for this one statement and the COMMIT.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'queue_audit',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    if (kit.dialect === 'postgres') await sql.raw(QUEUE_AUDIT_FUNCTION).execute(db);
  },
};

/** Chained exactly as electron/core/auth/audit.ts chains (audit.verify() checks, on both stores). */
const QUEUE_AUDIT_FUNCTION = `
CREATE FUNCTION queue_audit(
  p_at text, p_actor_id integer, p_actor text, p_action text, p_target text, p_detail text,
  p_counter integer, p_transport text, p_channel text, p_note text
) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  prev text;
  canon text;
  new_hash text;
  new_id bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || ':audit'));
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := COALESCE(prev, repeat('0', 64));
  canon := '[' || to_json(prev)::text || ',' || to_json(p_at)::text || ',' || COALESCE(to_json(p_actor_id)::text, 'null') || ',' || to_json(p_actor)::text
    || ',' || to_json(p_action)::text || ',' || COALESCE(to_json(p_target)::text, 'null') || ',' || to_json(p_detail)::text
    || ',' || COALESCE(to_json(p_counter)::text, 'null') || ',' || COALESCE(to_json(p_transport)::text, 'null') || ']';
  new_hash := encode(sha256(convert_to(canon, 'UTF8')), 'hex');
  INSERT INTO audit_log (at, actor_id, actor, action, target, detail, counter, transport, prev_hash, hash)
    VALUES (p_at, p_actor_id, p_actor, p_action, p_target, p_detail, p_counter, p_transport, prev, new_hash)
    RETURNING id INTO new_id;
  UPDATE audit_head SET entries = entries + 1, last_id = new_id, last_hash = new_hash WHERE id = 1;
  IF p_note IS NOT NULL THEN PERFORM pg_notify(p_channel, p_note); END IF;
END
$fn$`;
