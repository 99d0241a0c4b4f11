-- migrate:up
-- Alerting (docs/alerts.md): rules evaluated by the worker, one `alert` row per firing episode of a
-- (rule, subject), its state changes in `alert_event`, silences, and notifications with their
-- per-channel deliveries and every delivery attempt (the delivery log). Alerts, events and
-- notifications keep the rule's name so that history survives a deleted rule.

CREATE TYPE alert_severity AS ENUM ('info', 'warning', 'critical');
CREATE TYPE alert_channel_kind AS ENUM ('webhook', 'slack', 'pagerduty');
CREATE TYPE alert_state AS ENUM ('firing', 'resolved');
CREATE TYPE alert_delivery_status AS ENUM ('pending', 'delivered', 'failed');

CREATE TABLE alert_channel (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          varchar(200) NOT NULL UNIQUE,
  kind          alert_channel_kind NOT NULL,
  url           varchar(2000) NOT NULL,
  routing_key   varchar(100),
  -- HMAC-SHA256 key of the X-Aura-Signature header; shown once when the channel is created.
  secret        varchar(200) NOT NULL,
  created_by_id uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  updated_at    timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE alert_rule (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                    varchar(200) NOT NULL,
  description             varchar(2000),
  kind                    varchar(50) NOT NULL,
  scope                   jsonb NOT NULL,
  params                  jsonb NOT NULL,
  severity                alert_severity NOT NULL,
  repeat_interval_minutes integer NOT NULL CHECK (repeat_interval_minutes > 0),
  enabled                 boolean NOT NULL DEFAULT true,
  last_evaluated_at       timestamptz(3),
  last_evaluation_error   varchar(2000),
  last_notified_at        timestamptz(3),
  created_by_id           uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at              timestamptz(3) NOT NULL DEFAULT now(),
  updated_at              timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE alert_rule_channel (
  rule_id    uuid NOT NULL REFERENCES alert_rule (id) ON DELETE CASCADE ON UPDATE CASCADE,
  channel_id uuid NOT NULL REFERENCES alert_channel (id) ON DELETE RESTRICT ON UPDATE CASCADE,
  PRIMARY KEY (rule_id, channel_id)
);
CREATE INDEX alert_rule_channel_channel_id_idx ON alert_rule_channel (channel_id);

CREATE TABLE alert (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id             uuid REFERENCES alert_rule (id) ON DELETE SET NULL ON UPDATE CASCADE,
  rule_name           varchar(200) NOT NULL,
  severity            alert_severity NOT NULL,
  subject_type        varchar(20) NOT NULL,
  subject_id          varchar(100) NOT NULL,
  subject_name        varchar(200) NOT NULL,
  state               alert_state NOT NULL,
  value               double precision,
  summary             varchar(2000) NOT NULL,
  started_at          timestamptz(3) NOT NULL DEFAULT now(),
  resolved_at         timestamptz(3),
  -- When the firing (and, later, the resolve) of this alert went into a notification.
  notified_at         timestamptz(3),
  resolve_notified_at timestamptz(3)
);
-- At most one open episode per (rule, subject): concurrent evaluations cannot fire twice.
CREATE UNIQUE INDEX alert_open_key ON alert (rule_id, subject_id) WHERE state = 'firing';
CREATE INDEX alert_state_idx ON alert (state, started_at);
CREATE INDEX alert_rule_id_idx ON alert (rule_id, started_at);

CREATE TABLE alert_event (
  id        bigserial PRIMARY KEY,
  alert_id  uuid NOT NULL REFERENCES alert (id) ON DELETE CASCADE ON UPDATE CASCADE,
  rule_id   uuid REFERENCES alert_rule (id) ON DELETE SET NULL ON UPDATE CASCADE,
  at        timestamptz(3) NOT NULL DEFAULT now(),
  state     alert_state NOT NULL,
  value     double precision,
  message   varchar(2000) NOT NULL
);
CREATE INDEX alert_event_at_idx ON alert_event (at);
CREATE INDEX alert_event_rule_id_idx ON alert_event (rule_id, id);

CREATE TABLE alert_silence (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id       uuid REFERENCES alert_rule (id) ON DELETE CASCADE ON UPDATE CASCADE,
  subject_id    varchar(100),
  reason        varchar(2000) NOT NULL,
  starts_at     timestamptz(3) NOT NULL DEFAULT now(),
  ends_at       timestamptz(3) NOT NULL,
  expired_at    timestamptz(3),
  created_by_id uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at    timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX alert_silence_ends_at_idx ON alert_silence (ends_at);

CREATE TABLE alert_notification (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id    uuid REFERENCES alert_rule (id) ON DELETE SET NULL ON UPDATE CASCADE,
  rule_name  varchar(200) NOT NULL,
  type       varchar(20) NOT NULL CHECK (type IN ('firing', 'resolved', 'repeat', 'test')),
  -- The generic JSON body; Slack and PagerDuty bodies are rendered from it at delivery.
  payload    jsonb NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX alert_notification_rule_id_idx ON alert_notification (rule_id, created_at);
CREATE INDEX alert_notification_created_at_idx ON alert_notification (created_at);

CREATE TABLE alert_delivery (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notification_id  uuid NOT NULL REFERENCES alert_notification (id) ON DELETE CASCADE ON UPDATE CASCADE,
  channel_id       uuid REFERENCES alert_channel (id) ON DELETE SET NULL ON UPDATE CASCADE,
  channel_name     varchar(200) NOT NULL,
  status           alert_delivery_status NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error       varchar(2000),
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL DEFAULT now(),
  delivered_at     timestamptz(3)
);
CREATE INDEX alert_delivery_notification_id_idx ON alert_delivery (notification_id);
CREATE INDEX alert_delivery_pending_idx ON alert_delivery (created_at) WHERE status = 'pending';

CREATE TABLE alert_delivery_attempt (
  id          bigserial PRIMARY KEY,
  delivery_id uuid NOT NULL REFERENCES alert_delivery (id) ON DELETE CASCADE ON UPDATE CASCADE,
  attempt     integer NOT NULL,
  at          timestamptz(3) NOT NULL DEFAULT now(),
  status_code integer,
  error       varchar(2000),
  duration_ms integer NOT NULL
);
CREATE INDEX alert_delivery_attempt_delivery_id_idx ON alert_delivery_attempt (delivery_id, attempt);

-- migrate:down
DROP TABLE alert_delivery_attempt;
DROP TABLE alert_delivery;
DROP TABLE alert_notification;
DROP TABLE alert_silence;
DROP TABLE alert_event;
DROP TABLE alert;
DROP TABLE alert_rule_channel;
DROP TABLE alert_rule;
DROP TABLE alert_channel;
DROP TYPE alert_delivery_status;
DROP TYPE alert_state;
DROP TYPE alert_channel_kind;
DROP TYPE alert_severity;
