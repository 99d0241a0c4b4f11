-- migrate:up
-- Issue 13, partition flood: ingest no longer creates telemetry partitions (a batch with windows on 200
-- days of the year 3000 made 200 of them). The API refuses windows outside [now − retention, now +
-- clock skew]; the worker's maintenance job makes every partition such a window can need ahead of time
-- with telemetry_ensure_partitions(first, last), and this migration makes them for the default 30-day
-- retention and the week ahead so a fresh database takes telemetry before the worker's first run.

CREATE FUNCTION telemetry_ensure_partitions(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  day date := first_day;
  created integer := 0;
BEGIN
  WHILE day <= last_day LOOP
    IF to_regclass('telemetry_record_' || to_char(day, 'YYYYMMDD')) IS NULL THEN
      PERFORM telemetry_ensure_partition(day);
      created := created + 1;
    END IF;
    day := day + 1;
  END LOOP;
  RETURN created;
END;
$$;

SELECT telemetry_ensure_partitions(current_date - 30, current_date + 7);

-- The duplicate check of a seq at or below robot.last_seq (a retry or a late record) looks only in the
-- partitions within a day of the record's own window (a retry re-sends the stored record, window and
-- all), so PostgreSQL prunes it at run time to at most three partitions instead of probing every one.
CREATE OR REPLACE FUNCTION telemetry_ingest(
  p_robot uuid, p_seq bigint[], p_window_start timestamptz[], p_window_end timestamptz[], p_steps int[],
  p_writes int[], p_tau float8[], p_policy_version_id uuid[], p_state_bytes int[], p_kv_equivalent_bytes bigint[],
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
      FROM unnest(p_seq, p_window_start, p_window_end, p_steps, p_writes, p_tau, p_policy_version_id,
                  p_state_bytes, p_kv_equivalent_bytes, p_flash_bytes_written, p_wear_fraction,
                  p_device_wear_source, p_device_wear_value, p_episodes_completed, p_episodes_succeeded,
                  p_latency_p50_us, p_latency_p99_us)
        AS t(seq, window_start, window_end, steps, writes, tau, policy_version_id, state_bytes,
             kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
             device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
     ORDER BY t.seq),
  ins AS (
    INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, policy_version_id,
           state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
           device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
    SELECT p_robot, i.seq, i.window_start, i.window_end, i.steps, i.writes, i.tau, i.policy_version_id,
           i.state_bytes, i.kv_equivalent_bytes, i.flash_bytes_written, i.wear_fraction,
           i.device_wear_source, i.device_wear_value, i.episodes_completed, i.episodes_succeeded,
           i.latency_p50_us, i.latency_p99_us
      FROM input i
     WHERE i.seq > previous
        OR NOT EXISTS (SELECT 1 FROM telemetry_record s
                        WHERE s.robot_id = p_robot AND s.seq = i.seq
                          AND s.window_start >= i.window_start - interval '1 day'
                          AND s.window_start <= i.window_start + interval '1 day')
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

-- migrate:down
CREATE OR REPLACE FUNCTION telemetry_ingest(
  p_robot uuid, p_seq bigint[], p_window_start timestamptz[], p_window_end timestamptz[], p_steps int[],
  p_writes int[], p_tau float8[], p_policy_version_id uuid[], p_state_bytes int[], p_kv_equivalent_bytes bigint[],
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
      FROM unnest(p_seq, p_window_start, p_window_end, p_steps, p_writes, p_tau, p_policy_version_id,
                  p_state_bytes, p_kv_equivalent_bytes, p_flash_bytes_written, p_wear_fraction,
                  p_device_wear_source, p_device_wear_value, p_episodes_completed, p_episodes_succeeded,
                  p_latency_p50_us, p_latency_p99_us)
        AS t(seq, window_start, window_end, steps, writes, tau, policy_version_id, state_bytes,
             kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
             device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
     ORDER BY t.seq),
  ins AS (
    INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, policy_version_id,
           state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
           device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
    SELECT p_robot, i.seq, i.window_start, i.window_end, i.steps, i.writes, i.tau, i.policy_version_id,
           i.state_bytes, i.kv_equivalent_bytes, i.flash_bytes_written, i.wear_fraction,
           i.device_wear_source, i.device_wear_value, i.episodes_completed, i.episodes_succeeded,
           i.latency_p50_us, i.latency_p99_us
      FROM input i
     WHERE i.seq > previous
        OR NOT EXISTS (SELECT 1 FROM telemetry_record s WHERE s.robot_id = p_robot AND s.seq = i.seq)
    RETURNING seq)
  SELECT count(*)::integer, max(ins.seq) INTO accepted, newest FROM ins;
  last_seq := GREATEST(previous, COALESCE(newest, 0));
  UPDATE robot r
     SET last_seq = telemetry_ingest.last_seq,
         last_seen_at = now(),
         latest_telemetry = CASE WHEN newest > previous THEN p_latest ELSE r.latest_telemetry END
   WHERE r.id = p_robot;
END;
$$;
DROP FUNCTION telemetry_ensure_partitions(date, date);
