-- migrate:up
-- Issue 19: an admin plans when a config-signing key should leave the key set
-- (PUT /v1/config-signing-keys/{id}/planned-retirement); alert rules of kind
-- `signing_key_retirement` fire while a trusted key's planned retirement is within their lead time.
-- NULL: no retirement planned. Nothing retires the key by itself at that time.
ALTER TABLE config_signing_key ADD COLUMN planned_retirement_at timestamptz(3);

-- migrate:down
ALTER TABLE config_signing_key DROP COLUMN planned_retirement_at;
