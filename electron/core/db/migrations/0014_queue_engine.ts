import { sql, type Kysely } from 'kysely';
import type { Migration, MigrationKit } from './types';

/**
 * The queue at hall scale (docs/queue.md § Engine): its cost no longer grows with history.
 * - Open tickets sit behind partial indexes: the head of each rank of each line is one indexed
 *   read, the rollover and "is this label still in use" read only open rows.
 * - The calling policy's state is one row (queue_state), not recounted from the call history.
 * - queue_sequence keeps the day's served time per line, so estimated waits are a running
 *   aggregate instead of a read of every period of the day.
 * - On PostgreSQL, call-next is one function (queue_call_next): one round trip does the checks,
 *   takes the hall lock, picks, writes, audits and notifies.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'queue_engine',
  async up(db: Kysely<unknown>, kit: MigrationKit) {
    await sql`CREATE INDEX tickets_waiting_normal ON tickets (category_id, counter, queued_at, number) WHERE status = 'waiting' AND priority_kind IS NULL`.execute(db);
    await sql`CREATE INDEX tickets_waiting_priority ON tickets (category_id, counter, queued_at, number) WHERE status = 'waiting' AND priority_kind IS NOT NULL`.execute(db);
    await sql`CREATE INDEX tickets_open_label ON tickets (label) WHERE status IN ('waiting', 'called', 'serving')`.execute(db);
    await sql`CREATE INDEX tickets_at_counter ON tickets (counter) WHERE status IN ('called', 'serving')`.execute(db);

    await db.schema.alterTable('queue_sequence').addColumn('served_ms', 'double precision', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('queue_sequence').addColumn('served_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    await db.schema
      .createTable('queue_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('normals_since_priority', 'integer', (c) => c.notNull())
      .addColumn('rolled_day', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    // Its row is written by the queue on its first rollover (from the call history): a new
    // database stays empty, as `db copy-to-postgres` requires of its target.
    if (kit.dialect === 'postgres') await sql.raw(CALL_NEXT_FUNCTION).execute(db);
  },
};

/**
 * One call-next in the server. Mirrors electron/core/queue/call-next-sqlite.ts and
 * shared/queue/policy.ts (the integration tests run the same policy cases on both stores); the
 * audit entry is chained exactly as electron/core/auth/audit.ts does (audit.verify() checks).
 * Refusals come back as {"refused": …}; the caller turns them into the clerk's message.
 */
const CALL_NEXT_FUNCTION = `
CREATE FUNCTION queue_call_next(
  p_counter integer, p_day text, p_now text, p_policy text, p_interleave integer, p_ageing_ms double precision,
  p_announcement text, p_actor_id integer, p_actor text, p_actor_counter integer, p_transport text, p_detail text,
  p_channel text, p_note text
) RETURNS json LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  c queue_counters%ROWTYPE;
  busy text;
  served text[];
  since integer;
  pp tickets%ROWTYPE;
  pn tickets%ROWTYPE;
  pick tickets%ROWTYPE;
  claimed tickets%ROWTYPE;
  prev text;
  canon text;
  new_hash text;
  new_id bigint;
  cat_name text;
BEGIN
  SELECT * INTO c FROM queue_counters WHERE number = p_counter;
  IF NOT FOUND THEN RETURN json_build_object('refused', 'missing'); END IF;
  IF c.open = 0 THEN RETURN json_build_object('refused', 'closed'); END IF;
  IF c.paused_reason IS NOT NULL THEN RETURN json_build_object('refused', 'paused', 'reason', c.paused_reason); END IF;
  SELECT label INTO busy FROM tickets WHERE counter = p_counter AND status IN ('called', 'serving') AND day = p_day LIMIT 1;
  IF busy IS NOT NULL THEN RETURN json_build_object('refused', 'busy', 'label', busy); END IF;
  -- Calls take turns across the hall (policy state, FIFO); taken after this counter's own checks.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || ':queue.call'));
  served := ARRAY(SELECT json_array_elements_text(c.categories::json));
  since := COALESCE((SELECT normals_since_priority FROM queue_state WHERE id = 1), 0);
  FOR attempt IN 1..5 LOOP
    -- Tickets transferred to this counter come first; each head is one read of a partial index.
    SELECT t.* INTO pp FROM unnest(served) AS s(cat) CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.status = 'waiting' AND x.priority_kind IS NOT NULL
      AND x.category_id = s.cat AND x.counter = p_counter AND x.day = p_day ORDER BY x.queued_at, x.number LIMIT 1) t ORDER BY t.queued_at, t.number LIMIT 1;
    SELECT t.* INTO pn FROM unnest(served) AS s(cat) CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.status = 'waiting' AND x.priority_kind IS NULL
      AND x.category_id = s.cat AND x.counter = p_counter AND x.day = p_day ORDER BY x.queued_at, x.number LIMIT 1) t ORDER BY t.queued_at, t.number LIMIT 1;
    IF pp.id IS NULL AND pn.id IS NULL THEN
      SELECT t.* INTO pp FROM unnest(served) AS s(cat) CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.status = 'waiting' AND x.priority_kind IS NOT NULL
        AND x.category_id = s.cat AND x.counter IS NULL AND x.day = p_day ORDER BY x.queued_at, x.number LIMIT 1) t ORDER BY t.queued_at, t.number LIMIT 1;
      SELECT t.* INTO pn FROM unnest(served) AS s(cat) CROSS JOIN LATERAL (SELECT * FROM tickets x WHERE x.status = 'waiting' AND x.priority_kind IS NULL
        AND x.category_id = s.cat AND x.counter IS NULL AND x.day = p_day ORDER BY x.queued_at, x.number LIMIT 1) t ORDER BY t.queued_at, t.number LIMIT 1;
    END IF;
    IF pp.id IS NULL AND pn.id IS NULL THEN RETURN json_build_object('ticket', NULL); END IF;
    IF pp.id IS NULL THEN pick := pn;
    ELSIF pn.id IS NULL THEN pick := pp;
    ELSIF p_policy = 'strict' THEN pick := pp;
    ELSIF p_policy = 'interleave' THEN
      IF since >= p_interleave THEN pick := pp; ELSE pick := pn; END IF;
    ELSE
      -- ageing: a priority ticket counts as having come p_ageing_ms earlier; ties first come first.
      IF extract(epoch FROM pp.queued_at::timestamptz) * 1000 - p_ageing_ms < extract(epoch FROM pn.queued_at::timestamptz) * 1000
        OR (extract(epoch FROM pp.queued_at::timestamptz) * 1000 - p_ageing_ms = extract(epoch FROM pn.queued_at::timestamptz) * 1000
            AND (pp.queued_at, pp.number) < (pn.queued_at, pn.number)) THEN pick := pp; ELSE pick := pn; END IF;
    END IF;
    UPDATE tickets SET status = 'called', counter = p_counter, called_at = p_now, called_count = called_count + 1, updated_at = p_now
      WHERE id = pick.id AND status = 'waiting' RETURNING * INTO claimed;
    EXIT WHEN claimed.id IS NOT NULL;
  END LOOP;
  IF claimed.id IS NULL THEN RETURN json_build_object('refused', 'conflict'); END IF;
  UPDATE ticket_periods SET ended_at = p_now WHERE ticket_id = claimed.id AND ended_at IS NULL;
  INSERT INTO ticket_periods (ticket_id, kind, counter, started_at, ended_at) VALUES (claimed.id, 'called', p_counter, p_now, NULL);
  INSERT INTO queue_calls (ticket_id, label, counter, text, at, recall, priority)
    VALUES (claimed.id, claimed.label, p_counter, replace(p_announcement, '{label}', claimed.label), p_now, 0, CASE WHEN claimed.priority_kind IS NULL THEN 0 ELSE 1 END);
  UPDATE queue_state SET normals_since_priority = CASE WHEN claimed.priority_kind IS NULL THEN normals_since_priority + 1 ELSE 0 END WHERE id = 1;
  -- The audit entry, chained to the one before it as audit.record() does.
  PERFORM pg_advisory_xact_lock(hashtext(current_schema() || ':audit'));
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := COALESCE(prev, repeat('0', 64));
  canon := '[' || to_json(prev)::text || ',' || to_json(p_now)::text || ',' || COALESCE(to_json(p_actor_id)::text, 'null') || ',' || to_json(p_actor)::text
    || ',' || to_json('ticket.call'::text)::text || ',' || to_json('ticket:' || claimed.id)::text || ',' || to_json(p_detail)::text
    || ',' || COALESCE(to_json(p_actor_counter)::text, 'null') || ',' || COALESCE(to_json(p_transport)::text, 'null') || ']';
  new_hash := encode(sha256(convert_to(canon, 'UTF8')), 'hex');
  INSERT INTO audit_log (at, actor_id, actor, action, target, detail, counter, transport, prev_hash, hash)
    VALUES (p_now, p_actor_id, p_actor, 'ticket.call', 'ticket:' || claimed.id, p_detail, p_actor_counter, p_transport, prev, new_hash)
    RETURNING id INTO new_id;
  -- The chain's head moves with it (migration 0012), so a removed tail shows.
  UPDATE audit_head SET entries = entries + 1, last_id = new_id, last_hash = new_hash WHERE id = 1;
  IF p_note IS NOT NULL THEN PERFORM pg_notify(p_channel, p_note); END IF;
  SELECT name INTO cat_name FROM queue_categories WHERE id = claimed.category_id;
  RETURN json_build_object('ticket', row_to_json(claimed), 'categoryName', COALESCE(cat_name, claimed.category_id));
END
$fn$`;
