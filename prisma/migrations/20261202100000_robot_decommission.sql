-- migrate:up
-- Robot decommission and secret rotation (docs/api.md, "Robot credentials"): a decommissioned robot's
-- secret is refused at once by every API process; a rotated secret replaces secret_prefix/secret_hash.
ALTER TABLE robot
  ADD COLUMN decommissioned_at   timestamptz(3),
  ADD COLUMN decommission_reason varchar(2000),
  ADD COLUMN secret_rotated_at   timestamptz(3);

-- migrate:down
ALTER TABLE robot DROP COLUMN secret_rotated_at, DROP COLUMN decommission_reason, DROP COLUMN decommissioned_at;
