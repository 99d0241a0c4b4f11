-- migrate:up
-- The fleet summary at 100,000 robots (issue 15). telemetry_rollup keeps, per robot and 5-minute
-- bucket of window_start, what the summary reads of the window's telemetry: record count, steps,
-- writes, flash bytes, min/max wear, max device wear, first window start, last window end. It is kept
-- current in telemetry_ingest, in the same statement that stores the records (only records actually
-- stored count: a duplicate is not added twice, a late record joins its own bucket), under the robot's
-- row lock that already serialises a robot's batches — so it adds one small upsert per batch and no
-- lock that other robots wait for. The summary then reads the buckets that start inside its window
-- and the raw records of the partial bucket at the window's start: the same numbers as scanning the
-- window's telemetry (apps/api/test/fleet-summary-rollup.int.test.ts) from far fewer rows.
-- Robot deletion cascades; retention (telemetry_drop_partitions_before) deletes the buckets of the
-- days it drops (buckets never straddle a UTC day).
CREATE TABLE telemetry_rollup (
  robot_id        uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  bucket          timestamptz(3) NOT NULL,
  records         integer NOT NULL CHECK (records > 0),
  steps           bigint NOT NULL,
  writes          bigint NOT NULL,
  flash_bytes     bigint NOT NULL,
  wear_min        double precision NOT NULL,
  wear_max        double precision NOT NULL,
  device_wear_max double precision,
  first_start     timestamptz(3) NOT NULL,
  last_end        timestamptz(3) NOT NULL,
  PRIMARY KEY (robot_id, bucket)
);
CREATE INDEX telemetry_rollup_bucket_idx ON telemetry_rollup (bucket);

-- The bucket of a window start: 5 minutes, aligned to UTC midnight.
CREATE FUNCTION telemetry_rollup_bucket(ts timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_bin('5 minutes', ts, timestamptz '2000-01-01 00:00:00+00')
$$;

INSERT INTO telemetry_rollup (robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max,
                              device_wear_max, first_start, last_end)
SELECT robot_id, telemetry_rollup_bucket(window_start), count(*), sum(steps), sum(writes), sum(flash_bytes_written),
       min(wear_fraction), max(wear_fraction), max(device_wear_value), min(window_start), max(window_end)
  FROM telemetry_record
 GROUP BY 1, 2;

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
    RETURNING seq, window_start, window_end, steps, writes, flash_bytes_written, wear_fraction, device_wear_value),
  rolled AS (
    INSERT INTO telemetry_rollup AS u (robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max,
           device_wear_max, first_start, last_end)
    SELECT p_robot, telemetry_rollup_bucket(ins.window_start), count(*), sum(ins.steps), sum(ins.writes),
           sum(ins.flash_bytes_written), min(ins.wear_fraction), max(ins.wear_fraction),
           max(ins.device_wear_value), min(ins.window_start), max(ins.window_end)
      FROM ins
     GROUP BY 2
    ON CONFLICT (robot_id, bucket) DO UPDATE
       SET records = u.records + excluded.records,
           steps = u.steps + excluded.steps,
           writes = u.writes + excluded.writes,
           flash_bytes = u.flash_bytes + excluded.flash_bytes,
           wear_min = LEAST(u.wear_min, excluded.wear_min),
           wear_max = GREATEST(u.wear_max, excluded.wear_max),
           device_wear_max = GREATEST(u.device_wear_max, excluded.device_wear_max),
           first_start = LEAST(u.first_start, excluded.first_start),
           last_end = GREATEST(u.last_end, excluded.last_end))
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
  -- The partitions dropped held every window starting before cutoff's UTC midnight; so do these buckets.
  DELETE FROM telemetry_rollup WHERE bucket < (cutoff::timestamp AT TIME ZONE 'UTC');
  RETURN dropped;
END;
$$;

-- migrate:down
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

DROP FUNCTION telemetry_rollup_bucket(timestamptz);
DROP TABLE telemetry_rollup;
