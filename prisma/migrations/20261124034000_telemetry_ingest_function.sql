-- migrate:up
-- Faster telemetry ingest: idempotency by (robot_id, seq) without the telemetry_seq side table.
-- Every batch of a robot runs telemetry_ingest(), which first locks the robot's row, so batches of
-- one robot are serialised. Under that lock robot.last_seq is the highest seq stored for the robot,
-- so a record with seq > last_seq is new without looking (the normal case: an agent uploads in seq
-- order); only a record with seq <= last_seq (a retry or a late record) is looked up in
-- telemetry_record by (robot_id, seq) — the primary key's prefix, whatever its window_start. The
-- function is plpgsql and VOLATILE, so its INSERT takes a fresh snapshot after the lock is granted
-- and sees the rows of a concurrent batch of the same robot that committed meanwhile (READ COMMITTED).
-- A seq forgotten by retention (its partition dropped) is accepted again, as before.

CREATE FUNCTION telemetry_ingest(
  p_robot uuid, p_seq bigint[], p_window_start timestamptz[], p_window_end timestamptz[], p_steps int[],
  p_writes int[], p_tau float8[], p_policy_version text[], p_state_bytes int[], p_kv_equivalent_bytes bigint[],
  p_flash_bytes_written bigint[], p_wear_fraction float8[], p_device_wear_source text[],
  p_device_wear_value float8[], p_episodes_completed int[], p_episodes_succeeded int[],
  p_latency_p50_us float8[], p_latency_p99_us float8[], p_latest jsonb,
  OUT accepted integer, OUT last_seq bigint)
LANGUAGE plpgsql AS $$
DECLARE
  previous bigint;
  newest bigint;
BEGIN
  SELECT r.last_seq INTO previous FROM robot r WHERE r.id = p_robot FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'robot % does not exist', p_robot USING ERRCODE = 'foreign_key_violation';
  END IF;
  WITH input AS (
    SELECT DISTINCT ON (t.seq) t.*
      FROM unnest(p_seq, p_window_start, p_window_end, p_steps, p_writes, p_tau, p_policy_version,
                  p_state_bytes, p_kv_equivalent_bytes, p_flash_bytes_written, p_wear_fraction,
                  p_device_wear_source, p_device_wear_value, p_episodes_completed, p_episodes_succeeded,
                  p_latency_p50_us, p_latency_p99_us)
        AS t(seq, window_start, window_end, steps, writes, tau, policy_version, state_bytes,
             kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
             device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
     ORDER BY t.seq),
  ins AS (
    INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, policy_version,
           state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
           device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
    SELECT p_robot, i.seq, i.window_start, i.window_end, i.steps, i.writes, i.tau, i.policy_version,
           i.state_bytes, i.kv_equivalent_bytes, i.flash_bytes_written, i.wear_fraction,
           i.device_wear_source, i.device_wear_value, i.episodes_completed, i.episodes_succeeded,
           i.latency_p50_us, i.latency_p99_us
      FROM input i
     WHERE i.seq > previous
        OR NOT EXISTS (SELECT 1 FROM telemetry_record s WHERE s.robot_id = p_robot AND s.seq = i.seq)
    RETURNING seq)
  SELECT count(*)::integer, max(ins.seq) INTO accepted, newest FROM ins;
  last_seq := GREATEST(previous, COALESCE(newest, 0));
  -- The newest stored seq can only beat last_seq if it is the batch's highest seq (p_latest).
  UPDATE robot r
     SET last_seq = telemetry_ingest.last_seq,
         last_seen_at = now(),
         latest_telemetry = CASE WHEN newest > previous THEN p_latest ELSE r.latest_telemetry END
   WHERE r.id = p_robot;
END;
$$;

DROP TABLE telemetry_seq;

CREATE OR REPLACE FUNCTION telemetry_drop_partitions_before(cutoff date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  child record;
  dropped integer := 0;
BEGIN
  FOR child IN
    SELECT c.relname FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'telemetry_record' AND c.relname ~ '^telemetry_record_[0-9]{8}$'
  LOOP
    IF to_date(right(child.relname, 8), 'YYYYMMDD') + 1 <= cutoff THEN
      EXECUTE format('DROP TABLE %I', child.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END;
$$;

-- migrate:down
CREATE TABLE telemetry_seq (
  robot_id     uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  seq          bigint NOT NULL,
  window_start timestamptz(3) NOT NULL,
  PRIMARY KEY (robot_id, seq)
);
CREATE INDEX telemetry_seq_window_start_idx ON telemetry_seq (window_start);
INSERT INTO telemetry_seq (robot_id, seq, window_start)
  SELECT DISTINCT ON (robot_id, seq) robot_id, seq, window_start FROM telemetry_record ORDER BY robot_id, seq;

CREATE OR REPLACE FUNCTION telemetry_drop_partitions_before(cutoff date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  child record;
  dropped integer := 0;
BEGIN
  FOR child IN
    SELECT c.relname FROM pg_inherits i
      JOIN pg_class c ON c.oid = i.inhrelid
      JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relname = 'telemetry_record' AND c.relname ~ '^telemetry_record_[0-9]{8}$'
  LOOP
    IF to_date(right(child.relname, 8), 'YYYYMMDD') + 1 <= cutoff THEN
      EXECUTE format('DROP TABLE %I', child.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  DELETE FROM telemetry_seq WHERE window_start < (cutoff::timestamp AT TIME ZONE 'UTC');
  RETURN dropped;
END;
$$;

DROP FUNCTION telemetry_ingest(uuid, bigint[], timestamptz[], timestamptz[], int[], int[], float8[], text[], int[],
  bigint[], bigint[], float8[], text[], float8[], int[], int[], float8[], float8[], jsonb);
