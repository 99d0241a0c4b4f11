-- migrate:up
-- The fleet summary at 100,000 robots (issue 15). Aggregating the window's rollup buckets per request
-- costs O(robots) however it is written (a median over 100,000 projected lives is a sort): ≈ 400 ms
-- here even from a one-row-per-robot table ≈ 90 ms. So the worker computes the summary of the default
-- window for the whole fleet and for every group, at the life targets the overview asks for (the
-- API's default and the flash-life autopilot's), in one statement every 10 s and keeps it here, one row
-- per scope ('fleet' or a group id) and target; GET /v1/fleet/summary reads that row when it is at most
-- 30 s old, and computes live otherwise (other windows or targets, an empty group, no worker). The stored figures are those the live statement gives at computed_at
-- (apps/api/test/fleet-summary-snapshot.int.test.ts).
--
-- Anything that takes robots or telemetry away — deleting a robot, decommissioning one, changing a
-- group's members, retention deleting rollup buckets — deletes every snapshot in the same transaction,
-- so the summary never counts what is gone (the next read computes live until the next refresh). The
-- refresh holds the advisory lock hashtext('aura:fleet-summary-snapshot') shared for its whole transaction and the invalidation takes it
-- exclusively: a refresh that started before the change cannot store figures after it.
-- Telemetry ingest and enrolment do not invalidate: new data shows at the next refresh (≤ 10 s).
CREATE TABLE fleet_summary_snapshot (
  scope            text NOT NULL,
  life_target_days double precision NOT NULL,
  window_minutes   integer NOT NULL,
  computed_at      timestamptz(3) NOT NULL,
  duration_ms      integer NOT NULL,
  figures          jsonb NOT NULL,
  PRIMARY KEY (scope, life_target_days)
);

CREATE FUNCTION fleet_summary_snapshot_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('aura:fleet-summary-snapshot'));
  DELETE FROM fleet_summary_snapshot;
  RETURN NULL;
END;
$$;
CREATE TRIGGER fleet_summary_robot_delete AFTER DELETE ON robot
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_summary_snapshot_invalidate();
CREATE TRIGGER fleet_summary_robot_decommission AFTER UPDATE OF decommissioned_at ON robot
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_summary_snapshot_invalidate();
CREATE TRIGGER fleet_summary_group_member AFTER INSERT OR UPDATE OR DELETE ON robot_group_member
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_summary_snapshot_invalidate();
CREATE TRIGGER fleet_summary_rollup_delete AFTER DELETE ON telemetry_rollup
  FOR EACH STATEMENT EXECUTE FUNCTION fleet_summary_snapshot_invalidate();

-- migrate:down
DROP TRIGGER fleet_summary_rollup_delete ON telemetry_rollup;
DROP TRIGGER fleet_summary_group_member ON robot_group_member;
DROP TRIGGER fleet_summary_robot_decommission ON robot;
DROP TRIGGER fleet_summary_robot_delete ON robot;
DROP FUNCTION fleet_summary_snapshot_invalidate();
DROP TABLE fleet_summary_snapshot;
