-- migrate:up
-- Issue 16: what each robot's agent reports about itself (PUT /v1/agent/report): the inventory
-- (agent, model, onnxruntime, Node.js, OS and architecture, flash device) and the outbox's counters,
-- one row per robot, replaced on every report. The columns the robots list and rollout targets
-- filter on are copied out of the JSON and indexed.
CREATE TABLE robot_agent_report (
  robot_id      uuid PRIMARY KEY REFERENCES robot (id) ON DELETE CASCADE,
  inventory     jsonb NOT NULL,
  outbox        jsonb NOT NULL,
  agent_version varchar(50) NOT NULL,
  arch          varchar(50) NOT NULL,
  flash_kind    varchar(20),
  flash_model   varchar(200),
  reported_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX robot_agent_report_agent_version_idx ON robot_agent_report (agent_version);
CREATE INDEX robot_agent_report_arch_idx ON robot_agent_report (arch);
CREATE INDEX robot_agent_report_flash_kind_idx ON robot_agent_report (flash_kind);

-- migrate:down
DROP TABLE robot_agent_report;
