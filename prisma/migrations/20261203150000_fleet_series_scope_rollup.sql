-- migrate:up
-- The fleet series per scope (issue 15). GET /v1/fleet/series with 5-minute buckets read one
-- telemetry_rollup row per robot and bucket: 100,000 rows for the last hour at 100,000 robots
-- (170-190 ms). fleet_series_rollup holds, per scope (the fleet, each group) and 5-minute bucket, the
-- sums and maxima of that bucket's telemetry_rollup rows, so a complete bucket is one row. It is kept
-- by the worker (FleetSeriesRollupRepository.refresh), not at ingest: one row shared by every robot
-- would be a lock every ingest batch waits for.
--   scope_id   the fleet: 00000000-0000-0000-0000-000000000000; a group: its id
--   robots     telemetry_rollup rows of the bucket in the scope (one per robot that reported in it)
--   the rest   as telemetry_rollup's columns, summed (maxima for *_max)
-- A scope row is served only while its bucket has no mark in telemetry_rollup_dirty (below): any
-- change to telemetry_rollup after the worker aggregated a bucket — late or out-of-order telemetry, a
-- robot's deletion, retention — marks the bucket in the same transaction, and the API reads the
-- per-robot rows of a marked bucket until the worker has re-aggregated it. So the series never serves
-- a stale figure; the worker's lag only costs speed.
CREATE TABLE fleet_series_rollup (
  scope_id           uuid NOT NULL,
  bucket             timestamptz(3) NOT NULL,
  robots             integer NOT NULL,
  records            bigint NOT NULL,
  steps              bigint NOT NULL,
  writes             bigint NOT NULL,
  tau_sum            double precision NOT NULL,
  flash_bytes        bigint NOT NULL,
  wear_max           double precision,
  wear_sum           double precision NOT NULL,
  device_wear_max    double precision,
  episodes_completed bigint NOT NULL,
  episodes_succeeded bigint NOT NULL,
  latency_p50_sum    double precision NOT NULL,
  latency_p99_max    double precision,
  computed_at        timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (scope_id, bucket)
);

-- Buckets of telemetry_rollup changed since the worker last aggregated them. Append-only (keyed by an
-- identity, no unique bucket), so concurrent ingest batches never wait on each other here (a unique mark
-- per bucket would be exactly the shared row the scope rollup avoids); the worker deletes the marks it
-- has handled.
CREATE TABLE telemetry_rollup_dirty (
  id        bigserial PRIMARY KEY,
  bucket    timestamptz(3) NOT NULL,
  marked_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Statement-level: one small insert per ingest statement (per batch: its one or two buckets), and one
-- mark per distinct bucket for a retention delete of millions of rows.
CREATE FUNCTION telemetry_rollup_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO telemetry_rollup_dirty (bucket) SELECT DISTINCT bucket FROM new_rows;
  RETURN NULL;
END;
$$;
CREATE FUNCTION telemetry_rollup_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO telemetry_rollup_dirty (bucket) SELECT DISTINCT bucket FROM old_rows;
  RETURN NULL;
END;
$$;
CREATE FUNCTION telemetry_rollup_mark_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO telemetry_rollup_dirty (bucket)
  SELECT bucket FROM new_rows UNION SELECT bucket FROM old_rows;
  RETURN NULL;
END;
$$;
CREATE TRIGGER telemetry_rollup_dirty_insert AFTER INSERT ON telemetry_rollup
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION telemetry_rollup_mark_new();
CREATE TRIGGER telemetry_rollup_dirty_update AFTER UPDATE ON telemetry_rollup
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION telemetry_rollup_mark_both();
CREATE TRIGGER telemetry_rollup_dirty_delete AFTER DELETE ON telemetry_rollup
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION telemetry_rollup_mark_old();

-- A group's rows hold the members it had when they were computed: a membership change deletes them in
-- the same transaction (the API then reads the per-robot rows of that group until the worker has
-- filled its buckets again). A deleted group's members go by cascade, and its rows with them. The
-- shared advisory lock orders a membership change against a worker refresh (which takes it
-- exclusively): rows computed from the members before a change can never be stored after it.
CREATE FUNCTION fleet_series_rollup_members_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('aura:fleet-series-rollup'));
  DELETE FROM fleet_series_rollup WHERE scope_id IN (SELECT DISTINCT group_id FROM new_rows);
  RETURN NULL;
END;
$$;
CREATE FUNCTION fleet_series_rollup_members_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('aura:fleet-series-rollup'));
  DELETE FROM fleet_series_rollup WHERE scope_id IN (SELECT DISTINCT group_id FROM old_rows);
  RETURN NULL;
END;
$$;
CREATE FUNCTION fleet_series_rollup_members_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('aura:fleet-series-rollup'));
  DELETE FROM fleet_series_rollup
   WHERE scope_id IN (SELECT group_id FROM new_rows UNION SELECT group_id FROM old_rows);
  RETURN NULL;
END;
$$;
CREATE TRIGGER fleet_series_rollup_member_insert AFTER INSERT ON robot_group_member
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fleet_series_rollup_members_new();
CREATE TRIGGER fleet_series_rollup_member_update AFTER UPDATE ON robot_group_member
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fleet_series_rollup_members_both();
CREATE TRIGGER fleet_series_rollup_member_delete AFTER DELETE ON robot_group_member
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fleet_series_rollup_members_old();

-- migrate:down
DROP TRIGGER fleet_series_rollup_member_delete ON robot_group_member;
DROP TRIGGER fleet_series_rollup_member_update ON robot_group_member;
DROP TRIGGER fleet_series_rollup_member_insert ON robot_group_member;
DROP FUNCTION fleet_series_rollup_members_both();
DROP FUNCTION fleet_series_rollup_members_old();
DROP FUNCTION fleet_series_rollup_members_new();
DROP TRIGGER telemetry_rollup_dirty_delete ON telemetry_rollup;
DROP TRIGGER telemetry_rollup_dirty_update ON telemetry_rollup;
DROP TRIGGER telemetry_rollup_dirty_insert ON telemetry_rollup;
DROP FUNCTION telemetry_rollup_mark_both();
DROP FUNCTION telemetry_rollup_mark_old();
DROP FUNCTION telemetry_rollup_mark_new();
DROP TABLE telemetry_rollup_dirty;
DROP TABLE fleet_series_rollup;
