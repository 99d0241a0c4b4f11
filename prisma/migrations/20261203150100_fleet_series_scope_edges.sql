-- migrate:up
-- fleet_series_rollup keeps the earliest and latest window start of its bucket (over the scope's
-- telemetry_rollup rows), so the API serves a scope row whenever every window in it starts inside the
-- series' [from, to) — the per-robot rows' own condition — and not only for buckets that end before
-- `to`: the current bucket, once unmarked, is one row too (issue 15; a pnpm bench fleet-reads run at
-- 04:50 UTC whose telemetry lay in the current bucket read it per robot, 173 ms). Existing rows are
-- recomputed by the worker's next run (their buckets within its 24 h horizon are marked).
ALTER TABLE fleet_series_rollup
  ADD COLUMN first_start timestamptz(3),
  ADD COLUMN last_start timestamptz(3);
DELETE FROM fleet_series_rollup;
INSERT INTO telemetry_rollup_dirty (bucket)
SELECT DISTINCT bucket FROM telemetry_rollup WHERE bucket >= now() - interval '24 hours';

-- migrate:down
ALTER TABLE fleet_series_rollup DROP COLUMN last_start, DROP COLUMN first_start;
