-- migrate:up
-- The flash-life autopilot (docs/autopilot.md): its settings (one row), every recomputation (run),
-- each robot's latest recommendation, its proposals (draft rollouts it made, one policy version
-- each) and the settings whose rollout failed for a robot (blocks), which it does not propose again
-- until the inputs they were decided on change.

CREATE TYPE autopilot_recommendation_status AS ENUM ('change', 'hold', 'unreachable', 'insufficient_data');
CREATE TYPE autopilot_proposal_status AS ENUM (
  'pending', 'started', 'succeeded', 'failed', 'dismissed', 'superseded'
);

CREATE TABLE autopilot_settings (
  id            integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  -- AutopilotSettingsSchema (@aura/core/contract), validated on the way in
  settings      jsonb NOT NULL,
  -- the gate policy whose versions the autopilot's proposals use (created on first need)
  policy_id     uuid REFERENCES gate_policy (id) ON DELETE SET NULL ON UPDATE CASCADE,
  updated_by_id uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE autopilot_run (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  trigger        varchar(20) NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  started_at     timestamptz(3) NOT NULL DEFAULT now(),
  finished_at    timestamptz(3),
  outcome        varchar(20) NOT NULL CHECK (outcome IN ('running', 'completed', 'disabled', 'failed')),
  message        varchar(2000),
  model_name     varchar(200),
  curve_sha256   varchar(64),
  -- recommendations by status, robots considered, proposals made/kept/superseded, feedback applied
  counts         jsonb NOT NULL DEFAULT '{}',
  correlation_id varchar(100)
);
CREATE INDEX autopilot_run_started_at_idx ON autopilot_run (started_at DESC);
-- one run at a time across every worker: a second claim conflicts here and is skipped
CREATE UNIQUE INDEX autopilot_run_one_running ON autopilot_run ((true)) WHERE outcome = 'running';

CREATE TABLE autopilot_recommendation (
  robot_id                  uuid PRIMARY KEY REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  run_id                    uuid NOT NULL REFERENCES autopilot_run (id) ON DELETE CASCADE ON UPDATE CASCADE,
  status                    autopilot_recommendation_status NOT NULL,
  reason                    varchar(2000) NOT NULL,
  below_target              boolean,
  current_tau               double precision,
  current_persist_mode      persist_mode,
  projected_life_days       double precision,
  required_life_days        double precision,
  target_days               double precision,
  step_tau                  double precision,
  step_persist_mode         persist_mode,
  step_life_days            double precision,
  step_success_change       double precision,
  best_achievable_life_days double precision,
  -- every number of the recommendation (FlashRecommendation), for the dashboard and the audit
  details                   jsonb NOT NULL,
  computed_at               timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX autopilot_recommendation_status_idx ON autopilot_recommendation (status);

CREATE TABLE autopilot_proposal (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id            uuid REFERENCES autopilot_run (id) ON DELETE SET NULL ON UPDATE CASCADE,
  rollout_id        uuid UNIQUE REFERENCES rollout (id) ON DELETE SET NULL ON UPDATE CASCADE,
  policy_version_id uuid NOT NULL REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  tau               double precision NOT NULL CHECK (tau >= 0 AND tau <= 1),
  persist_mode      persist_mode NOT NULL,
  status            autopilot_proposal_status NOT NULL DEFAULT 'pending',
  robot_ids         uuid[] NOT NULL,
  below_target      integer NOT NULL CHECK (below_target >= 0),
  -- the group's predicted effect and, per robot, its setting before and its measured wear rate
  predicted         jsonb NOT NULL,
  reason            varchar(2000) NOT NULL,
  outcome_reason    varchar(2000),
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  decided_at        timestamptz(3),
  decided_by_id     uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE
);
-- alerts ("proposal waiting") and the dashboard read pending proposals by age
CREATE INDEX autopilot_proposal_status_created_idx ON autopilot_proposal (status, created_at);

CREATE TABLE autopilot_block (
  id                bigserial PRIMARY KEY,
  robot_id          uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  proposal_id       uuid REFERENCES autopilot_proposal (id) ON DELETE SET NULL ON UPDATE CASCADE,
  from_tau          double precision NOT NULL,
  to_tau            double precision NOT NULL,
  persist_mode      persist_mode NOT NULL,
  -- the inputs the failed move was decided on; the block lapses when one changes
  curve_sha256      varchar(64) NOT NULL,
  target_days       double precision NOT NULL,
  from_persist_mode persist_mode NOT NULL,
  wear_per_day      double precision NOT NULL,
  reason            varchar(2000) NOT NULL,
  created_at        timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX autopilot_block_robot_id_idx ON autopilot_block (robot_id);

-- migrate:down
DROP TABLE autopilot_block;
DROP TABLE autopilot_proposal;
DROP TABLE autopilot_recommendation;
DROP TABLE autopilot_run;
DROP TABLE autopilot_settings;
DROP TYPE autopilot_proposal_status;
DROP TYPE autopilot_recommendation_status;
