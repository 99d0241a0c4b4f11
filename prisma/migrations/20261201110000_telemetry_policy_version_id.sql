-- migrate:up
-- Telemetry names the policy version a robot ran by its id (issue 12): the rollout statistics filter
-- on it as an id, and a uuid column keeps it one. Stored free-text values that are uuids are kept;
-- anything else (older agents' 'local-default', 'default@1') becomes NULL, meaning "not known".
-- The wire still accepts the old `policyVersion` field for one release (docs/api.md).
ALTER TABLE telemetry_record ADD COLUMN policy_version_id uuid;
UPDATE telemetry_record SET policy_version_id = policy_version::uuid WHERE policy_version ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
ALTER TABLE telemetry_record DROP COLUMN policy_version;

-- The robot's latest record (JSON) follows: `policyVersion` becomes `policyVersionId` where it is a uuid.
UPDATE robot
   SET latest_telemetry = (latest_telemetry - 'policyVersion')
         || CASE WHEN latest_telemetry->>'policyVersion' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                 THEN jsonb_build_object('policyVersionId', latest_telemetry->>'policyVersion')
                 ELSE '{}'::jsonb END
 WHERE latest_telemetry ? 'policyVersion';

DROP FUNCTION telemetry_ingest(uuid, bigint[], timestamptz[], timestamptz[], int[], int[], float8[], text[], int[],
  bigint[], bigint[], float8[], text[], float8[], int[], int[], float8[], float8[], jsonb);

CREATE FUNCTION telemetry_ingest(
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
  -- The newest stored seq can only beat last_seq if it is the batch's highest seq (p_latest).
  UPDATE robot r
     SET last_seq = telemetry_ingest.last_seq,
         last_seen_at = now(),
         latest_telemetry = CASE WHEN newest > previous THEN p_latest ELSE r.latest_telemetry END
   WHERE r.id = p_robot;
END;
$$;

-- migrate:down
ALTER TABLE telemetry_record ADD COLUMN policy_version varchar(100);
UPDATE telemetry_record SET policy_version = coalesce(policy_version_id::text, 'unknown');
ALTER TABLE telemetry_record ALTER COLUMN policy_version SET NOT NULL;
ALTER TABLE telemetry_record DROP COLUMN policy_version_id;

UPDATE robot
   SET latest_telemetry = (latest_telemetry - 'policyVersionId')
         || jsonb_build_object('policyVersion', coalesce(latest_telemetry->>'policyVersionId', 'unknown'))
 WHERE latest_telemetry IS NOT NULL;

DROP FUNCTION telemetry_ingest(uuid, bigint[], timestamptz[], timestamptz[], int[], int[], float8[], uuid[], int[],
  bigint[], bigint[], float8[], text[], float8[], int[], int[], float8[], float8[], jsonb);

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
