-- migrate:up
-- The fleet gauges of GET /metrics/fleet (docs/alerts.md, "Metrics"): the worker aggregates the fleet
-- once a minute into this one row, so a scrape reads one row whatever the fleet's size.
CREATE TABLE fleet_metrics_snapshot (
  id          integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  computed_at timestamptz(3) NOT NULL,
  duration_ms integer NOT NULL,
  snapshot    jsonb NOT NULL
);

-- migrate:down
DROP TABLE fleet_metrics_snapshot;
