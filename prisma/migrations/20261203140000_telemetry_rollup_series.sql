-- migrate:up
-- The fleet series from the rollup (issue 15). GET /v1/fleet/series scanned every record of its range
-- (1.7-3.1 s for the last hour at 100,000 robots): its per-bucket average τ and wear, episodes and
-- latency did not compose from telemetry_rollup. These columns make them sums (and maxima) that add up
-- across robots and buckets, kept by telemetry_ingest in the upsert it already makes per batch and
-- bucket: the same statement, seven more aggregates of the records it has just stored, no new lock.
--   last_start          latest window_start in the bucket (with first_start: does the row lie wholly
--                       inside a series' [from, to)? if not, the series reads that robot's raw records)
--   tau_sum, wear_sum   Σ τ and Σ wear fraction (÷ records = the averages the series reports)
--   episodes_completed, episodes_succeeded   Σ of each
--   latency_p50_sum     Σ of the windows' p50 step latency: the series' latency figure over the rollup
--                       is the mean of the windows' p50s, not their median (docs/api.md says why and
--                       how far apart the two can be)
--   latency_p99_max     max of the windows' p99 step latency (as the scan)
-- Existing rows are filled from telemetry_record (retention drops a bucket's records and its row by the
-- same day). Ingest semantics (what is stored, duplicates, last_seq, latest_telemetry) are unchanged;
-- only the rollup upsert carries the new columns.
ALTER TABLE telemetry_rollup
  ADD COLUMN last_start timestamptz(3),
  ADD COLUMN tau_sum double precision NOT NULL DEFAULT 0,
  ADD COLUMN wear_sum double precision NOT NULL DEFAULT 0,
  ADD COLUMN episodes_completed bigint NOT NULL DEFAULT 0,
  ADD COLUMN episodes_succeeded bigint NOT NULL DEFAULT 0,
  ADD COLUMN latency_p50_sum double precision NOT NULL DEFAULT 0,
  ADD COLUMN latency_p99_max double precision;

UPDATE telemetry_rollup u
   SET last_start = s.last_start, tau_sum = s.tau_sum, wear_sum = s.wear_sum,
       episodes_completed = s.episodes_completed, episodes_succeeded = s.episodes_succeeded,
       latency_p50_sum = s.latency_p50_sum, latency_p99_max = s.latency_p99_max
  FROM (SELECT robot_id, telemetry_rollup_bucket(window_start) AS bucket, max(window_start) AS last_start,
               sum(tau) AS tau_sum, sum(wear_fraction) AS wear_sum, sum(episodes_completed) AS episodes_completed,
               sum(episodes_succeeded) AS episodes_succeeded, sum(latency_p50_us) AS latency_p50_sum,
               max(latency_p99_us) AS latency_p99_max
          FROM telemetry_record GROUP BY 1, 2) s
 WHERE s.robot_id = u.robot_id AND s.bucket = u.bucket;
-- A row with no records behind it (there should be none) is left out of nothing: its last_start is its
-- first_start, so a series that cannot use it whole reads the (absent) raw records instead.
UPDATE telemetry_rollup SET last_start = first_start, latency_p99_max = 0 WHERE last_start IS NULL;

-- No defaults from here on: a writer that leaves a column out fails instead of storing a zero.
ALTER TABLE telemetry_rollup
  ALTER COLUMN last_start SET NOT NULL,
  ALTER COLUMN latency_p99_max SET NOT NULL,
  ALTER COLUMN tau_sum DROP DEFAULT,
  ALTER COLUMN wear_sum DROP DEFAULT,
  ALTER COLUMN episodes_completed DROP DEFAULT,
  ALTER COLUMN episodes_succeeded DROP DEFAULT,
  ALTER COLUMN latency_p50_sum DROP DEFAULT;

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
    RETURNING seq, window_start, window_end, steps, writes, tau, flash_bytes_written, wear_fraction, device_wear_value,
              episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us),
  rolled AS (
    INSERT INTO telemetry_rollup AS u (robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max,
           device_wear_max, first_start, last_end, last_start, tau_sum, wear_sum, episodes_completed,
           episodes_succeeded, latency_p50_sum, latency_p99_max)
    SELECT p_robot, telemetry_rollup_bucket(ins.window_start), count(*), sum(ins.steps), sum(ins.writes),
           sum(ins.flash_bytes_written), min(ins.wear_fraction), max(ins.wear_fraction),
           max(ins.device_wear_value), min(ins.window_start), max(ins.window_end), max(ins.window_start),
           sum(ins.tau), sum(ins.wear_fraction), sum(ins.episodes_completed), sum(ins.episodes_succeeded),
           sum(ins.latency_p50_us), max(ins.latency_p99_us)
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
           last_end = GREATEST(u.last_end, excluded.last_end),
           last_start = GREATEST(u.last_start, excluded.last_start),
           tau_sum = u.tau_sum + excluded.tau_sum,
           wear_sum = u.wear_sum + excluded.wear_sum,
           episodes_completed = u.episodes_completed + excluded.episodes_completed,
           episodes_succeeded = u.episodes_succeeded + excluded.episodes_succeeded,
           latency_p50_sum = u.latency_p50_sum + excluded.latency_p50_sum,
           latency_p99_max = GREATEST(u.latency_p99_max, excluded.latency_p99_max))
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
-- telemetry_ingest as migration 20261202180000 left it (the rollup upsert without these columns).
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

ALTER TABLE telemetry_rollup
  DROP COLUMN last_start,
  DROP COLUMN tau_sum,
  DROP COLUMN wear_sum,
  DROP COLUMN episodes_completed,
  DROP COLUMN episodes_succeeded,
  DROP COLUMN latency_p50_sum,
  DROP COLUMN latency_p99_max;
