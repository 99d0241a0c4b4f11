-- migrate:up
-- Config delivery: every config a robot is ever told to run is an immutable, numbered row; the
-- robot's desired config points at its newest one. Acks are recorded on the row they answer.
-- Also seeds the built-in "default" gate policy so that every robot always has a desired config.

CREATE TYPE config_ack_status AS ENUM ('applied', 'rejected');

CREATE TABLE robot_config (
  robot_id          uuid NOT NULL REFERENCES robot (id) ON DELETE CASCADE ON UPDATE CASCADE,
  version           integer NOT NULL CHECK (version > 0),
  policy_version_id uuid NOT NULL REFERENCES gate_policy_version (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  rollout_id        uuid REFERENCES rollout (id) ON DELETE SET NULL ON UPDATE CASCADE,
  issued_at         timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at      timestamptz(3),
  acked_at          timestamptz(3),
  ack_status        config_ack_status,
  ack_reason        varchar(1000),
  PRIMARY KEY (robot_id, version)
);
CREATE INDEX robot_config_policy_version_id_idx ON robot_config (policy_version_id);

-- The desired config of a robot is its newest robot_config row (robot.desired_config_version).
ALTER TABLE robot ADD CONSTRAINT robot_desired_rollout_fk
  FOREIGN KEY (desired_rollout_id) REFERENCES rollout (id) ON DELETE SET NULL ON UPDATE CASCADE;

INSERT INTO gate_policy (id, name, description)
VALUES ('00000000-0000-4000-8000-000000000001', 'default',
        'Built-in fleet default: the committed model''s default gate threshold.');
INSERT INTO gate_policy_version (id, policy_id, version, tau, persist_mode, notes)
VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 1, 0.5, 'delta_log',
        'τ = 0.5, the default of models/aura-mem-hard-v1');
INSERT INTO fleet_settings (id, default_policy_version_id) VALUES (1, '00000000-0000-4000-8000-000000000002');

-- migrate:down
DELETE FROM fleet_settings WHERE id = 1;
DELETE FROM gate_policy_version WHERE id = '00000000-0000-4000-8000-000000000002';
DELETE FROM gate_policy WHERE id = '00000000-0000-4000-8000-000000000001';
ALTER TABLE robot DROP CONSTRAINT robot_desired_rollout_fk;
DROP TABLE robot_config;
DROP TYPE config_ack_status;
