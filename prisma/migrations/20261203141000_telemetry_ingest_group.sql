-- migrate:up
-- Telemetry ingest, issue 15: one set-based call per group commit instead of one telemetry_ingest call
-- per batch (LATERAL). A CPU profile of the PostgreSQL backends (perf, repository-level bench) showed
-- the per-batch call's fixed costs — the plpgsql call, its statements' executor start-up (the
-- duplicate look-up's Append over every day partition is initialised on each execution), the robot
-- lock, the rollup upsert and the robot update, each once per batch — at about a quarter of the
-- backends' CPU. telemetry_ingest_group does the same work once per group:
--   1. locks the group's robots in id order (FOR UPDATE; the order every bulk robot change uses, so
--      two groups of overlapping robots cannot deadlock) and reads their last_seq; a robot missing
--      (deleted after authenticating) fails the call with foreign_key_violation, like telemetry_ingest;
--   2. in a second statement — a new snapshot, taken after the locks, so it sees every batch of these
--      robots committed before — inserts, per batch, the records whose seq is above the robot's
--      last_seq or not stored yet near the same window (±1 day, the partition-pruned look-up), the
--      first of equal seqs within a batch; keeps telemetry_rollup; sets each robot's last_seq,
--      last_seen_at and latest_telemetry; and returns each batch's accepted count and last_seq.
-- Same semantics as telemetry_ingest per batch, rollup columns of 20261203140000 included (telemetry_ingest
-- stays, unchanged, for anything calling it; a change to its rollup upsert must be made here too). The
-- batches of one call must name distinct robots (the API's group commit never puts two batches of one
-- robot in a group); a call that does not is refused.
CREATE FUNCTION telemetry_ingest_group(
  p_robots uuid[], p_latest jsonb[], p_batch int[],
  p_seq bigint[], p_window_start timestamptz[], p_window_end timestamptz[], p_steps int[],
  p_writes int[], p_tau float8[], p_policy_version_id uuid[], p_state_bytes int[], p_kv_equivalent_bytes bigint[],
  p_flash_bytes_written bigint[], p_wear_fraction float8[], p_device_wear_source text[],
  p_device_wear_value float8[], p_episodes_completed int[], p_episodes_succeeded int[],
  p_latency_p50_us float8[], p_latency_p99_us float8[])
RETURNS TABLE (batch integer, accepted integer, last_seq bigint)
LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  previous bigint[];
BEGIN
  IF cardinality(p_robots) <> (SELECT count(DISTINCT r) FROM unnest(p_robots) AS r) THEN
    RAISE EXCEPTION 'telemetry_ingest_group: a robot named by two batches' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT array_agg(l.id), array_agg(l.last_seq) INTO ids, previous
    FROM (SELECT r.id, r.last_seq FROM robot r WHERE r.id = ANY (p_robots) ORDER BY r.id FOR UPDATE) l;
  IF cardinality(ids) IS DISTINCT FROM cardinality(p_robots) THEN
    RAISE EXCEPTION 'a robot of the group does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN QUERY
  WITH batches AS (
    SELECT b.ord::integer AS b, b.robot, b.latest, p.previous
      FROM unnest(p_robots, p_latest) WITH ORDINALITY AS b(robot, latest, ord)
      JOIN unnest(ids, previous) AS p(robot, previous) ON p.robot = b.robot),
  input AS (
    SELECT DISTINCT ON (t.b, t.seq) t.*
      FROM unnest(p_batch, p_seq, p_window_start, p_window_end, p_steps, p_writes, p_tau, p_policy_version_id,
                  p_state_bytes, p_kv_equivalent_bytes, p_flash_bytes_written, p_wear_fraction,
                  p_device_wear_source, p_device_wear_value, p_episodes_completed, p_episodes_succeeded,
                  p_latency_p50_us, p_latency_p99_us) WITH ORDINALITY
        AS t(b, seq, window_start, window_end, steps, writes, tau, policy_version_id, state_bytes,
             kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
             device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us, ord)
     ORDER BY t.b, t.seq, t.ord),
  ins AS (
    INSERT INTO telemetry_record (robot_id, seq, window_start, window_end, steps, writes, tau, policy_version_id,
           state_bytes, kv_equivalent_bytes, flash_bytes_written, wear_fraction, device_wear_source,
           device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us)
    SELECT b.robot, i.seq, i.window_start, i.window_end, i.steps, i.writes, i.tau, i.policy_version_id,
           i.state_bytes, i.kv_equivalent_bytes, i.flash_bytes_written, i.wear_fraction,
           i.device_wear_source, i.device_wear_value, i.episodes_completed, i.episodes_succeeded,
           i.latency_p50_us, i.latency_p99_us
      FROM input i
      JOIN batches b ON b.b = i.b
     WHERE i.seq > b.previous
        OR NOT EXISTS (SELECT 1 FROM telemetry_record s
                        WHERE s.robot_id = b.robot AND s.seq = i.seq
                          AND s.window_start >= i.window_start - interval '1 day'
                          AND s.window_start <= i.window_start + interval '1 day')
    RETURNING robot_id, seq, window_start, window_end, steps, writes, tau, flash_bytes_written, wear_fraction,
              device_wear_value, episodes_completed, episodes_succeeded, latency_p50_us, latency_p99_us),
  rolled AS (
    -- The rollup upsert of telemetry_ingest (migrations 20261202180000, 20261203140000), per robot and bucket.
    INSERT INTO telemetry_rollup AS u (robot_id, bucket, records, steps, writes, flash_bytes, wear_min, wear_max,
           device_wear_max, first_start, last_end, last_start, tau_sum, wear_sum, episodes_completed,
           episodes_succeeded, latency_p50_sum, latency_p99_max)
    SELECT ins.robot_id, telemetry_rollup_bucket(ins.window_start), count(*), sum(ins.steps), sum(ins.writes),
           sum(ins.flash_bytes_written), min(ins.wear_fraction), max(ins.wear_fraction),
           max(ins.device_wear_value), min(ins.window_start), max(ins.window_end), max(ins.window_start),
           sum(ins.tau), sum(ins.wear_fraction), sum(ins.episodes_completed), sum(ins.episodes_succeeded),
           sum(ins.latency_p50_us), max(ins.latency_p99_us)
      FROM ins
     GROUP BY 1, 2
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
           latency_p99_max = GREATEST(u.latency_p99_max, excluded.latency_p99_max)),
  stored AS (
    SELECT ins.robot_id, count(*)::integer AS accepted, max(ins.seq) AS newest FROM ins GROUP BY 1),
  result AS (
    SELECT b.b, b.robot, b.latest, b.previous, COALESCE(s.accepted, 0) AS accepted,
           GREATEST(b.previous, COALESCE(s.newest, 0)) AS last_seq, s.newest
      FROM batches b LEFT JOIN stored s ON s.robot_id = b.robot),
  updated AS (
    -- The newest stored seq can only beat last_seq if it is the batch's highest seq (latest).
    UPDATE robot r
       SET last_seq = x.last_seq,
           last_seen_at = now(),
           latest_telemetry = CASE WHEN x.newest > x.previous THEN x.latest ELSE r.latest_telemetry END
      FROM result x
     WHERE r.id = x.robot)
  SELECT x.b, x.accepted, x.last_seq FROM result x ORDER BY x.b;
END;
$$;

-- migrate:down
DROP FUNCTION telemetry_ingest_group(uuid[], jsonb[], int[], bigint[], timestamptz[], timestamptz[], int[], int[],
  float8[], uuid[], int[], bigint[], bigint[], float8[], text[], float8[], int[], int[], float8[], float8[]);
