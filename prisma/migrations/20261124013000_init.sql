-- migrate:up
-- AURA Fleet, first schema. Kept in step with prisma/schema.prisma; the schema-agreement
-- integration test exercises every Prisma model against the database this builds.

CREATE TYPE operator_role AS ENUM ('viewer', 'operator', 'admin');
CREATE TYPE persist_mode AS ENUM ('none', 'snapshot', 'delta_log');
CREATE TYPE rollout_status AS ENUM ('draft', 'running', 'paused', 'succeeded', 'rolled_back', 'aborted');
CREATE TYPE assignment_state AS ENUM (
  'pending', 'delivered', 'applied', 'verified', 'rejected', 'timed_out', 'unreachable', 'reverted'
);
CREATE TYPE actor_type AS ENUM ('operator', 'robot', 'system');

CREATE TABLE operator (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        varchar(200) NOT NULL,
  email       varchar(320) UNIQUE,
  role        operator_role NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  disabled_at timestamptz(3)
);

CREATE TABLE api_key (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  operator_id  uuid NOT NULL REFERENCES operator (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name         varchar(200) NOT NULL,
  prefix       varchar(32) NOT NULL UNIQUE,
  secret_hash  varchar(200) NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  expires_at   timestamptz(3),
  revoked_at   timestamptz(3)
);
CREATE INDEX api_key_operator_id_idx ON api_key (operator_id);

CREATE TABLE robot_group (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        varchar(100) NOT NULL UNIQUE,
  description varchar(1000),
  created_at  timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE enrollment_token (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(200) NOT NULL,
  prefix        varchar(32) NOT NULL UNIQUE,
  secret_hash   varchar(200) NOT NULL,
  expires_at    timestamptz(3) NOT NULL,
  max_uses      integer NOT NULL CHECK (max_uses > 0),
  uses          integer NOT NULL DEFAULT 0 CHECK (uses >= 0),
  group_id      uuid REFERENCES robot_group (id) ON DELETE SET NULL ON UPDATE CASCADE,
  tags          text[] NOT NULL DEFAULT '{}',
  created_by_id uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at    timestamptz(3),
  CHECK (uses <= max_uses)
);

CREATE TABLE gate_policy (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        varchar(100) NOT NULL UNIQUE,
  description varchar(2000),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  archived_at timestamptz(3)
);

CREATE TABLE gate_policy_version (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id     uuid NOT NULL REFERENCES gate_policy (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  version       integer NOT NULL CHECK (version > 0),
  tau           double precision NOT NULL CHECK (tau >= 0 AND tau <= 1),
  persist_mode  persist_mode,
  notes         varchar(2000),
  created_by_id uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (policy_id, version)
);

-- Policy versions are immutable: their settings can never change once written.
CREATE FUNCTION gate_policy_version_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.policy_id IS DISTINCT FROM OLD.policy_id
     OR NEW.version IS DISTINCT FROM OLD.version
     OR NEW.tau IS DISTINCT FROM OLD.tau
     OR NEW.persist_mode IS DISTINCT FROM OLD.persist_mode THEN
    RAISE EXCEPTION 'gate policy version % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER gate_policy_version_immutable
  BEFORE UPDATE ON gate_policy_version
  FOR EACH ROW EXECUTE FUNCTION gate_policy_version_immutable();

CREATE TABLE fleet_settings (
  id                        integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  default_policy_version_id uuid REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  updated_at                timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE robot (
  id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                      varchar(200) NOT NULL,
  secret_prefix             varchar(32) NOT NULL UNIQUE,
  secret_hash               varchar(200) NOT NULL,
  hardware                  jsonb,
  tags                      text[] NOT NULL DEFAULT '{}',
  enrollment_token_id       uuid REFERENCES enrollment_token (id) ON DELETE SET NULL ON UPDATE CASCADE,
  enrolled_at               timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at              timestamptz(3),
  desired_policy_version_id uuid REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  desired_config_version    integer NOT NULL DEFAULT 0 CHECK (desired_config_version >= 0),
  desired_rollout_id        uuid,
  applied_policy_version_id uuid REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  applied_config_version    integer NOT NULL DEFAULT 0 CHECK (applied_config_version >= 0),
  applied_at                timestamptz(3),
  last_seq                  bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
  latest_telemetry          jsonb
);
CREATE INDEX robot_last_seen_at_idx ON robot (last_seen_at);
CREATE INDEX robot_tags_idx ON robot USING gin (tags);

CREATE TABLE robot_group_member (
  robot_id uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  group_id uuid NOT NULL REFERENCES robot_group (id) ON DELETE CASCADE ON UPDATE CASCADE,
  added_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (robot_id, group_id)
);
CREATE INDEX robot_group_member_group_id_idx ON robot_group_member (group_id);

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
  PRIMARY KEY (robot_id, seq),
  CHECK (writes <= steps),
  CHECK (window_end >= window_start),
  CHECK (episodes_succeeded <= episodes_completed)
);
CREATE INDEX telemetry_record_window_start_idx ON telemetry_record (window_start);

CREATE TABLE rollout (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              varchar(200) NOT NULL,
  policy_version_id uuid NOT NULL REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  status            rollout_status NOT NULL DEFAULT 'draft',
  spec              jsonb NOT NULL,
  current_step      integer NOT NULL DEFAULT -1,
  step_started_at   timestamptz(3),
  revision          integer NOT NULL DEFAULT 0,
  status_reason     varchar(2000),
  created_by_id     uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at        timestamptz(3) NOT NULL DEFAULT now(),
  updated_at        timestamptz(3) NOT NULL DEFAULT now(),
  started_at        timestamptz(3),
  ended_at          timestamptz(3)
);
CREATE INDEX rollout_status_idx ON rollout (status);

CREATE TABLE rollout_assignment (
  rollout_id                 uuid NOT NULL REFERENCES rollout (id) ON DELETE CASCADE ON UPDATE CASCADE,
  robot_id                   uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  step_index                 integer NOT NULL CHECK (step_index >= 0),
  state                      assignment_state NOT NULL DEFAULT 'pending',
  previous_policy_version_id uuid,
  config_version             integer,
  state_reason               varchar(2000),
  updated_at                 timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (rollout_id, robot_id)
);
CREATE INDEX rollout_assignment_robot_id_idx ON rollout_assignment (robot_id);
CREATE INDEX rollout_assignment_rollout_id_step_index_state_idx
  ON rollout_assignment (rollout_id, step_index, state);

CREATE TABLE audit_event (
  id          bigserial PRIMARY KEY,
  at          timestamptz(3) NOT NULL DEFAULT now(),
  actor_type  actor_type NOT NULL,
  actor_id    varchar(100),
  action      varchar(100) NOT NULL,
  target_type varchar(100) NOT NULL,
  target_id   varchar(100),
  before      jsonb,
  after       jsonb,
  reason      varchar(2000),
  request_id  varchar(100)
);
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_target_type_target_id_idx ON audit_event (target_type, target_id);

-- migrate:down
DROP TABLE audit_event;
DROP TABLE rollout_assignment;
DROP TABLE rollout;
DROP TABLE telemetry_record;
DROP TABLE robot_group_member;
DROP TABLE robot;
DROP TABLE fleet_settings;
DROP TRIGGER gate_policy_version_immutable ON gate_policy_version;
DROP FUNCTION gate_policy_version_immutable();
DROP TABLE gate_policy_version;
DROP TABLE gate_policy;
DROP TABLE enrollment_token;
DROP TABLE robot_group;
DROP TABLE api_key;
DROP TABLE operator;
DROP TYPE actor_type;
DROP TYPE assignment_state;
DROP TYPE rollout_status;
DROP TYPE persist_mode;
DROP TYPE operator_role;
