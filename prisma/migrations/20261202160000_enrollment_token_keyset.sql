-- migrate:up
-- The enrolment token list's keyset order (GET /v1/enrollment-tokens: created_at desc, then id).
CREATE INDEX enrollment_token_created_at_id_idx ON enrollment_token (created_at DESC, id);

-- migrate:down
DROP INDEX enrollment_token_created_at_id_idx;
