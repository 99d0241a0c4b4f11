-- migrate:up
-- Telemetry ingest, issue 15: telemetry_record's foreign key to robot is replaced by statement-level
-- triggers that keep the same guarantee. The foreign key checked each inserted record on its own (one
-- SPI query, with its own executor start, per row); a group of ingest batches inserts ~300-1,600 rows
-- for a handful of robots, all already locked FOR UPDATE by telemetry_ingest_group. Measured alone
-- (telemetry_ingest_group, groups of 8 × 100 records, one connection, alternated, docs/benchmarks.md):
-- 16.1-19.3 µs of backend CPU per record with the foreign key, 13.0-14.1 µs with these triggers.
--   insert: after each INSERT statement on telemetry_record, its distinct robot ids are locked
--           FOR KEY SHARE (the lock the foreign key's check takes, so a concurrent DELETE of the robot
--           waits for this transaction, and this one waits for a pending DELETE) and a missing robot
--           fails the statement with foreign_key_violation (SQLSTATE 23503), as the foreign key did.
--   delete: after each DELETE statement on robot, the deleted robots' telemetry goes with them
--           (ON DELETE CASCADE).
--   update: a change of robot.id is carried to its telemetry (ON UPDATE CASCADE).
-- Like the foreign key's own triggers, these do not fire under session_replication_role = replica.
-- Robots are never deleted through the API (they are decommissioned); deletion is an operator's SQL,
-- which runs at READ COMMITTED like every statement here: its cascade takes a new snapshot and so
-- sees telemetry committed while the DELETE waited for the inserter's lock.
-- telemetry_rollup keeps its foreign key (one row per robot and 5-minute bucket, not per record).
-- apps/api/test/telemetry-robot-integrity.int.test.ts checks each guarantee.
ALTER TABLE telemetry_record DROP CONSTRAINT telemetry_record_robot_id_fkey1;

CREATE FUNCTION telemetry_record_robot_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted integer;
  found integer;
BEGIN
  SELECT count(DISTINCT robot_id) INTO wanted FROM new_rows;
  SELECT count(*) INTO found
    FROM (SELECT 1 FROM robot r WHERE r.id IN (SELECT robot_id FROM new_rows) FOR KEY SHARE OF r) l;
  IF found <> wanted THEN
    RAISE EXCEPTION 'insert or update on table "telemetry_record" violates its robot reference'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = 'A robot_id of the inserted rows is not present in table "robot".';
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER telemetry_record_robot_insert AFTER INSERT ON telemetry_record
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION telemetry_record_robot_check();
-- An update that changes robot_id (only the rename cascade below does) is checked row by row.
CREATE FUNCTION telemetry_record_robot_check_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM robot r WHERE r.id = NEW.robot_id FOR KEY SHARE OF r;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'insert or update on table "telemetry_record" violates its robot reference'
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key (robot_id)=(%s) is not present in table "robot".', NEW.robot_id);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER telemetry_record_robot_update AFTER UPDATE OF robot_id ON telemetry_record
  FOR EACH ROW WHEN (OLD.robot_id IS DISTINCT FROM NEW.robot_id) EXECUTE FUNCTION telemetry_record_robot_check_row();

CREATE FUNCTION robot_telemetry_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM telemetry_record WHERE robot_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END;
$$;
CREATE TRIGGER robot_telemetry_delete AFTER DELETE ON robot
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION robot_telemetry_delete();

CREATE FUNCTION robot_telemetry_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE telemetry_record SET robot_id = NEW.id WHERE robot_id = OLD.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER robot_telemetry_rename AFTER UPDATE OF id ON robot
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION robot_telemetry_rename();

-- migrate:down
DROP TRIGGER robot_telemetry_rename ON robot;
DROP FUNCTION robot_telemetry_rename();
DROP TRIGGER robot_telemetry_delete ON robot;
DROP FUNCTION robot_telemetry_delete();
DROP TRIGGER telemetry_record_robot_update ON telemetry_record;
DROP FUNCTION telemetry_record_robot_check_row();
DROP TRIGGER telemetry_record_robot_insert ON telemetry_record;
DROP FUNCTION telemetry_record_robot_check();
ALTER TABLE telemetry_record ADD CONSTRAINT telemetry_record_robot_id_fkey1
  FOREIGN KEY (robot_id) REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE;
