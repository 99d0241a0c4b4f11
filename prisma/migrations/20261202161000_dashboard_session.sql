-- migrate:up
-- Dashboard sessions (docs/dashboard.md, "Sessions"): shared by every dashboard process and
-- kept through their restarts. The browser's cookie holds the session token (aura_ds_<prefix>_<secret>);
-- only its SHA-256 is stored here, found by the public prefix. A session acts with the API key it was
-- opened with: revoking or expiring that key, or disabling its operator, ends the session at once.
CREATE TABLE dashboard_session (
  id             uuid PRIMARY KEY,
  prefix         varchar(32)  NOT NULL UNIQUE,
  secret_hash    varchar(200) NOT NULL,
  operator_id    uuid         NOT NULL REFERENCES operator (id) ON DELETE CASCADE,
  api_key_id     uuid         NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at   timestamptz(3) NOT NULL DEFAULT now(),
  expires_at     timestamptz(3) NOT NULL,
  revoked_at     timestamptz(3),
  revoked_reason varchar(100)
);
CREATE INDEX dashboard_session_operator_id_idx ON dashboard_session (operator_id);
CREATE INDEX dashboard_session_api_key_id_idx ON dashboard_session (api_key_id);

-- migrate:down
DROP TABLE dashboard_session;
