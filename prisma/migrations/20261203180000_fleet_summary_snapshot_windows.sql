-- migrate:up
-- The fleet summary of more than one window (issue 15). The worker now keeps the summary of each
-- standard window (SUMMARY_SNAPSHOT_WINDOWS in apps/api/src/modules/telemetry/fleet-summary.repository.ts:
-- the dashboard's 60 minutes and 30 minutes), not only the default one, so a row is one scope, window and
-- life target. Invalidation (migration 20261203100000) is unchanged: it deletes every row.
ALTER TABLE fleet_summary_snapshot DROP CONSTRAINT fleet_summary_snapshot_pkey;
ALTER TABLE fleet_summary_snapshot ADD PRIMARY KEY (scope, window_minutes, life_target_days);

-- migrate:down
DELETE FROM fleet_summary_snapshot;
ALTER TABLE fleet_summary_snapshot DROP CONSTRAINT fleet_summary_snapshot_pkey;
ALTER TABLE fleet_summary_snapshot ADD PRIMARY KEY (scope, life_target_days);
