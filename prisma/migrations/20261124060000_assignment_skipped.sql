-- migrate:up
-- A cohort member whose step was never switched because the rollout ended first (abort or rollback):
-- `skipped`, not `pending` (which means "config issued").
ALTER TYPE assignment_state ADD VALUE IF NOT EXISTS 'skipped';

-- migrate:down
-- PostgreSQL cannot drop an enum value: rows are moved back to 'pending' and the type is rebuilt.
UPDATE rollout_assignment SET state = 'pending' WHERE state = 'skipped';
ALTER TYPE assignment_state RENAME TO assignment_state_old;
CREATE TYPE assignment_state AS ENUM (
  'pending', 'delivered', 'applied', 'verified', 'rejected', 'timed_out', 'unreachable', 'reverted'
);
ALTER TABLE rollout_assignment ALTER COLUMN state DROP DEFAULT;
ALTER TABLE rollout_assignment
  ALTER COLUMN state TYPE assignment_state USING state::text::assignment_state;
ALTER TABLE rollout_assignment ALTER COLUMN state SET DEFAULT 'pending';
DROP TYPE assignment_state_old;
