-- migrate:up
-- The robot list at 100,000 robots (issue 15): GET /v1/robots pages by keyset over an index of each
-- sort key (then id, same direction), and counts robots without scanning the table.
CREATE INDEX robot_name_key_idx ON robot (name, id);
CREATE INDEX robot_enrolled_at_key_idx ON robot (enrolled_at, id);
-- Never-seen robots sort last in both directions: +infinity ascending, −infinity descending.
CREATE INDEX robot_last_seen_asc_key_idx ON robot ((coalesce(last_seen_at, 'infinity'::timestamptz)), id);
CREATE INDEX robot_last_seen_desc_key_idx ON robot ((coalesce(last_seen_at, '-infinity'::timestamptz)), id);

-- How many robots there are and how many of them are decommissioned, kept by triggers in the same
-- transaction as the change, so the unfiltered robot count is one row read. One row: enrolments
-- and deletions serialise on it for the rest of their transaction (they are rare and short); the
-- telemetry path never touches it (its UPDATE does not set decommissioned_at).
CREATE TABLE robot_tally (
  id             boolean PRIMARY KEY DEFAULT true CHECK (id),
  robots         bigint NOT NULL CHECK (robots >= 0),
  decommissioned bigint NOT NULL CHECK (decommissioned >= 0)
);
INSERT INTO robot_tally (robots, decommissioned)
  SELECT count(*), count(*) FILTER (WHERE decommissioned_at IS NOT NULL) FROM robot;

CREATE FUNCTION robot_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE robot_tally t
     SET robots = t.robots + n.robots, decommissioned = t.decommissioned + n.decommissioned
    FROM (SELECT count(*) AS robots, count(*) FILTER (WHERE decommissioned_at IS NOT NULL) AS decommissioned
            FROM inserted) n
   WHERE n.robots > 0;
  RETURN NULL;
END;
$$;
CREATE FUNCTION robot_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE robot_tally t
     SET robots = t.robots - n.robots, decommissioned = t.decommissioned - n.decommissioned
    FROM (SELECT count(*) AS robots, count(*) FILTER (WHERE decommissioned_at IS NOT NULL) AS decommissioned
            FROM deleted) n
   WHERE n.robots > 0;
  RETURN NULL;
END;
$$;
CREATE FUNCTION robot_tally_decommission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE robot_tally
     SET decommissioned = decommissioned + CASE WHEN NEW.decommissioned_at IS NULL THEN -1 ELSE 1 END;
  RETURN NULL;
END;
$$;
CREATE TRIGGER robot_tally_insert AFTER INSERT ON robot
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION robot_tally_inserted();
CREATE TRIGGER robot_tally_delete AFTER DELETE ON robot
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION robot_tally_deleted();
CREATE TRIGGER robot_tally_decommission AFTER UPDATE OF decommissioned_at ON robot
  FOR EACH ROW WHEN ((OLD.decommissioned_at IS NULL) <> (NEW.decommissioned_at IS NULL))
  EXECUTE FUNCTION robot_tally_decommission();

-- migrate:down
DROP TRIGGER robot_tally_decommission ON robot;
DROP TRIGGER robot_tally_delete ON robot;
DROP TRIGGER robot_tally_insert ON robot;
DROP FUNCTION robot_tally_decommission();
DROP FUNCTION robot_tally_deleted();
DROP FUNCTION robot_tally_inserted();
DROP TABLE robot_tally;
DROP INDEX robot_last_seen_desc_key_idx;
DROP INDEX robot_last_seen_asc_key_idx;
DROP INDEX robot_enrolled_at_key_idx;
DROP INDEX robot_name_key_idx;
