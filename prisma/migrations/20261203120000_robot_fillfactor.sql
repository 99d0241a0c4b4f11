-- migrate:up
-- Rollout steps at 10,000 robots (issue 15): a step's transaction updates every robot of its cohort
-- (desired_config_version, desired_policy_version_id, desired_rollout_id) and every member row
-- (config_version). None of those columns is indexed, so the updates can be HOT (no new entry in any of
-- robot's nine indexes, two of them GIN) — but only when the row's page has room for the new version,
-- and pages filled at 100 % have none. EXPLAIN ANALYZE of the step's statement on 5,040 of 10,000
-- robots (docs/benchmarks.md): the robot UPDATE took 780 ms at fillfactor 100 and 280 ms at 70.
-- Applies to pages written from now on; VACUUM FULL (or pg_repack) rewrites existing ones.
ALTER TABLE robot SET (fillfactor = 70);
ALTER TABLE rollout_assignment SET (fillfactor = 70);

-- migrate:down
ALTER TABLE robot RESET (fillfactor);
ALTER TABLE rollout_assignment RESET (fillfactor);
