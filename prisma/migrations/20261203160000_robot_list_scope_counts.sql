-- migrate:up
-- The robot list's count for one group or one tag at 100,000 robots (issue 15). EXPLAIN (ANALYZE,
-- BUFFERS) of the capped count (docs/benchmarks.md, "Dashboard reads at fleet scale", round 5) read
-- 10,001 matching robots from robot's wide heap: a group's count hashed all 50,000 member rows, then
-- scanned robot until 10,001 matched (77-178 ms logged per request under the bench); a tag's count
-- scanned 30,000 robots for 10,001 matches (33-98 ms). The page itself took under 1 ms (index walk).

-- A group's count walks its member rows in the index alone (member rows change only with membership,
-- so the visibility map stays set) and looks each up in a list of decommissioned robots that is empty
-- or small. (group_id, robot_id) replaces (group_id): same leading column, one index instead of two.
CREATE INDEX robot_group_member_group_robot_idx ON robot_group_member (group_id, robot_id);
DROP INDEX robot_group_member_group_id_idx;
CREATE INDEX robot_decommissioned_id_idx ON robot (id) WHERE decommissioned_at IS NOT NULL;

-- Per tag, how many robots carry it and how many of those are decommissioned, kept by triggers in the
-- same transaction as the change (as robot_tally is), so a tag's count is one row read. A robot's tags
-- count once each (duplicates in its array do not count twice, as `tags @> ARRAY[tag]` does not).
-- Enrolments, deletions, re-tags and decommissions lock the rows of their tags for the rest of their
-- transaction, in tag order; the telemetry path never touches them (its UPDATE sets neither tags
-- nor decommissioned_at). Rows whose counts reach zero are kept (harmless; a tag in use again reuses it).
CREATE TABLE robot_tag_tally (
  tag            text PRIMARY KEY,
  robots         bigint NOT NULL,
  decommissioned bigint NOT NULL
);
INSERT INTO robot_tag_tally (tag, robots, decommissioned)
  SELECT t.tag, count(*), count(*) FILTER (WHERE r.decommissioned_at IS NOT NULL)
    FROM robot r CROSS JOIN LATERAL (SELECT DISTINCT u AS tag FROM unnest(r.tags) u) t
   GROUP BY t.tag;

-- Tag order inside each statement, so two transactions lock shared tags in the same order.
CREATE FUNCTION robot_tag_tally_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO robot_tag_tally AS t (tag, robots, decommissioned)
  SELECT u.tag, count(*), count(*) FILTER (WHERE r.decommissioned_at IS NOT NULL)
    FROM inserted r CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(r.tags) x) u
   GROUP BY u.tag ORDER BY u.tag
  ON CONFLICT (tag) DO UPDATE
    SET robots = t.robots + excluded.robots, decommissioned = t.decommissioned + excluded.decommissioned;
  RETURN NULL;
END;
$$;
CREATE FUNCTION robot_tag_tally_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO robot_tag_tally AS t (tag, robots, decommissioned)
  SELECT u.tag, -count(*), -count(*) FILTER (WHERE r.decommissioned_at IS NOT NULL)
    FROM deleted r CROSS JOIN LATERAL (SELECT DISTINCT x AS tag FROM unnest(r.tags) x) u
   GROUP BY u.tag ORDER BY u.tag
  ON CONFLICT (tag) DO UPDATE
    SET robots = t.robots + excluded.robots, decommissioned = t.decommissioned + excluded.decommissioned;
  RETURN NULL;
END;
$$;
-- A re-tag or a decommission (or its undoing): the old row's tags out, the new row's in.
CREATE FUNCTION robot_tag_tally_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO robot_tag_tally AS t (tag, robots, decommissioned)
  SELECT c.tag, sum(c.robots), sum(c.decommissioned) FROM (
    SELECT DISTINCT x AS tag, -1 AS robots, CASE WHEN OLD.decommissioned_at IS NULL THEN 0 ELSE -1 END AS decommissioned
      FROM unnest(OLD.tags) x
    UNION ALL
    SELECT DISTINCT x, 1, CASE WHEN NEW.decommissioned_at IS NULL THEN 0 ELSE 1 END
      FROM unnest(NEW.tags) x
  ) c
  GROUP BY c.tag HAVING sum(c.robots) <> 0 OR sum(c.decommissioned) <> 0 ORDER BY c.tag
  ON CONFLICT (tag) DO UPDATE
    SET robots = t.robots + excluded.robots, decommissioned = t.decommissioned + excluded.decommissioned;
  RETURN NULL;
END;
$$;
CREATE TRIGGER robot_tag_tally_insert AFTER INSERT ON robot
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION robot_tag_tally_inserted();
CREATE TRIGGER robot_tag_tally_delete AFTER DELETE ON robot
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION robot_tag_tally_deleted();
CREATE TRIGGER robot_tag_tally_update AFTER UPDATE OF tags, decommissioned_at ON robot
  FOR EACH ROW WHEN (OLD.tags IS DISTINCT FROM NEW.tags
                     OR (OLD.decommissioned_at IS NULL) <> (NEW.decommissioned_at IS NULL))
  EXECUTE FUNCTION robot_tag_tally_updated();

-- migrate:down
DROP TRIGGER robot_tag_tally_update ON robot;
DROP TRIGGER robot_tag_tally_delete ON robot;
DROP TRIGGER robot_tag_tally_insert ON robot;
DROP FUNCTION robot_tag_tally_updated();
DROP FUNCTION robot_tag_tally_deleted();
DROP FUNCTION robot_tag_tally_inserted();
DROP TABLE robot_tag_tally;
DROP INDEX robot_decommissioned_id_idx;
CREATE INDEX robot_group_member_group_id_idx ON robot_group_member (group_id);
DROP INDEX robot_group_member_group_robot_idx;
