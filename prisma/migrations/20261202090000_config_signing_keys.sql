-- migrate:up
-- Config-signing keys managed by operators (docs/api.md, "Signing keys"): every key robots may
-- trust, its state, and the signed key-set chain robots follow from the keys they were enrolled with.
-- Every API process signs with the one active key recorded here (never a key of its own).

CREATE TYPE config_signing_key_status AS ENUM ('standby', 'active', 'retired', 'revoked');

CREATE TABLE config_signing_key (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the id robots see in envelopes and key sets
  key_id                varchar(100) NOT NULL UNIQUE,
  -- base64 SPKI DER of the Ed25519 public key
  public_key            text NOT NULL,
  -- AES-256-GCM under CONFIG_KEY_ENCRYPTION_KEY (the development key-encryption key when
  -- `development`); NULL: the private half exists only in the processes' CONFIG_SIGNING_KEYS
  encrypted_private_key text,
  development           boolean NOT NULL DEFAULT false,
  status                config_signing_key_status NOT NULL DEFAULT 'standby',
  created_by_id         uuid REFERENCES operator (id) ON DELETE SET NULL ON UPDATE CASCADE,
  created_at            timestamptz(3) NOT NULL DEFAULT now(),
  activated_at          timestamptz(3),
  retired_at            timestamptz(3),
  revoked_at            timestamptz(3)
);
-- exactly one key signs at a time
CREATE UNIQUE INDEX config_signing_key_one_active ON config_signing_key ((true)) WHERE status = 'active';

-- ConfigKeySet (@aura/core/contract) versions as signed and delivered; never changed once written
CREATE TABLE config_key_set (
  version    integer PRIMARY KEY CHECK (version >= 1),
  body       jsonb NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

-- The key-set version whose keys a robot was handed at enrolment (its own "version 0"); NULL for
-- robots enrolled before key sets existed (they get the chain from version 1).
ALTER TABLE robot ADD COLUMN enrolled_key_set_version integer;

-- migrate:down
ALTER TABLE robot DROP COLUMN enrolled_key_set_version;
DROP TABLE config_key_set;
DROP TABLE config_signing_key;
DROP TYPE config_signing_key_status;
