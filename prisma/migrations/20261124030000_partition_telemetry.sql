-- migrate:up
-- Telemetry at fleet scale: telemetry_record becomes range-partitioned by day on window_start, so
-- retention drops whole partitions instead of deleting rows. A partitioned table's unique keys must
-- contain the partition key, so idempotency by (robot_id, seq) moves to the small telemetry_seq table.

CREATE TABLE telemetry_seq (
  robot_id     uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  seq          bigint NOT NULL,
  window_start timestamptz(3) NOT NULL,
  PRIMARY KEY (robot_id, seq)
);
CREATE INDEX telemetry_seq_window_start_idx ON telemetry_seq (window_start);

ALTER TABLE telemetry_record RENAME TO telemetry_record_unpartitioned;
ALTER TABLE telemetry_record_unpartitioned RENAME CONSTRAINT telemetry_record_pkey TO telemetry_record_unpartitioned_pkey;
ALTER INDEX telemetry_record_window_start_idx RENAME TO telemetry_record_unpartitioned_window_start_idx;

CREATE TABLE telemetry_record (
  robot_id            uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  seq                 bigint NOT NULL CHECK (seq > 0),
  window_start        timestamptz(3) NOT NULL,
  window_end          timestamptz(3) NOT NULL,
  steps               integer NOT NULL CHECK (steps >= 0),
  writes              integer NOT NULL CHECK (writes >= 0),
  tau                 double precision NOT NULL CHECK (tau >= 0 AND tau <= 1),
  policy_version      varchar(100) NOT NULL,
  state_bytes         integer NOT NULL CHECK (state_bytes >= 0),
  kv_equivalent_bytes bigint NOT NULL CHECK (kv_equivalent_bytes >= 0),
  flash_bytes_written bigint NOT NULL CHECK (flash_bytes_written >= 0),
  wear_fraction       double precision NOT NULL CHECK (wear_fraction >= 0 AND wear_fraction <= 1),
  device_wear_source  varchar(100),
  device_wear_value   double precision,
  episodes_completed  integer NOT NULL CHECK (episodes_completed >= 0),
  episodes_succeeded  integer NOT NULL CHECK (episodes_succeeded >= 0),
  latency_p50_us      double precision NOT NULL,
  latency_p99_us      double precision NOT NULL,
  received_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (robot_id, seq, window_start),
  CHECK (writes <= steps),
  CHECK (window_end >= window_start),
  CHECK (episodes_succeeded <= episodes_completed)
) PARTITION BY RANGE (window_start);
CREATE INDEX telemetry_record_window_start_idx ON telemetry_record (window_start);

-- One partition per UTC day, created on demand (by ingest and by the worker's maintenance job).
CREATE FUNCTION telemetry_ensure_partition(day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  name text := 'telemetry_record_' || to_char(day, 'YYYYMMDD');
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(name));
  IF to_regclass(name) IS NULL THEN
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF telemetry_record FOR VALUES FROM (%L) TO (%L)',
      name, (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
  END IF;
  RETURN name;
END;
$$;

-- Retention: drops every daily partition that ends on or before `cutoff` and forgets their seqs.
CREATE FUNCTION telemetry_drop_partitions_before(cutoff date) RETURNS integer
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
  DELETE FROM telemetry_seq WHERE window_start < (cutoff::timestamp AT TIME ZONE 'UTC');
  RETURN dropped;
END;
$$;

SELECT telemetry_ensure_partition(d::date)
  FROM generate_series(
    LEAST(COALESCE((SELECT min(window_start) FROM telemetry_record_unpartitioned)::date, current_date), current_date - 1),
    current_date + 7,
    interval '1 day') AS d;
INSERT INTO telemetry_record SELECT * FROM telemetry_record_unpartitioned;
INSERT INTO telemetry_seq (robot_id, seq, window_start)
  SELECT robot_id, seq, window_start FROM telemetry_record_unpartitioned;
DROP TABLE telemetry_record_unpartitioned;

-- migrate:down
CREATE TABLE telemetry_record_unpartitioned (LIKE telemetry_record INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO telemetry_record_unpartitioned SELECT * FROM telemetry_record;
DROP TABLE telemetry_record;
DROP FUNCTION telemetry_drop_partitions_before(date);
DROP FUNCTION telemetry_ensure_partition(date);
ALTER TABLE telemetry_record_unpartitioned RENAME TO telemetry_record;
ALTER TABLE telemetry_record ADD PRIMARY KEY (robot_id, seq);
ALTER TABLE telemetry_record ADD FOREIGN KEY (robot_id) REFERENCES robot (id) ON DELETE CASCADE;
CREATE INDEX telemetry_record_window_start_idx ON telemetry_record (window_start);
DROP TABLE telemetry_seq;
