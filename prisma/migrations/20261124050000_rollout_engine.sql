-- migrate:up
-- Staged rollouts: verdicts with their numbers, the evaluation clock, and a database-enforced
-- "at most one active rollout per robot".

CREATE TYPE verdict_result AS ENUM ('pass', 'fail', 'inconclusive');

CREATE TABLE rollout_verdict (
  id          bigserial PRIMARY KEY,
  rollout_id  uuid NOT NULL REFERENCES rollout (id) ON DELETE CASCADE ON UPDATE CASCADE,
  step_index  integer NOT NULL CHECK (step_index >= 0),
  result      verdict_result NOT NULL,
  comparison  varchar(20) NOT NULL CHECK (comparison IN ('control', 'baseline')),
  reason      varchar(2000) NOT NULL,
  numbers     jsonb NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX rollout_verdict_rollout_id_idx ON rollout_verdict (rollout_id, id);

-- When the current step's bake ends (the next evaluation is due); null while nothing is scheduled.
ALTER TABLE rollout ADD COLUMN evaluate_after timestamptz(3);

-- A robot's membership counts as active until its rollout ends; one active membership per robot.
ALTER TABLE rollout_assignment ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE rollout_assignment ADD COLUMN revert_config_version integer;
CREATE UNIQUE INDEX rollout_assignment_one_active_per_robot ON rollout_assignment (robot_id) WHERE active;

-- migrate:down
DROP INDEX rollout_assignment_one_active_per_robot;
ALTER TABLE rollout_assignment DROP COLUMN revert_config_version;
ALTER TABLE rollout_assignment DROP COLUMN active;
ALTER TABLE rollout DROP COLUMN evaluate_after;
DROP TABLE rollout_verdict;
DROP TYPE verdict_result;
