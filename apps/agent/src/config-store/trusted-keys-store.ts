import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  advanceTrustedKeys,
  type ConfigKey,
  ConfigKeySchema,
  type ConfigKeySet,
  type KeyUpdateOutcome,
  type TrustedKeys,
} from '@aura/core';
import { z } from 'zod';
import { reclaimTempFile, type WriteCounter, writeFileAtomic } from '../persistence/durable-file.js';

const TrustedKeysFileSchema = z
  .object({ version: z.number().int().min(0), keys: z.array(ConfigKeySchema), revoked: z.array(z.string()) })
  .strict();

/**
 * The config-signing keys this robot trusts, in `<dir>/trusted-keys.json` (atomic replace): version 0
 * is the keys it was provisioned or enrolled with, later versions the key sets the API delivered with
 * a config, each accepted only when signed by a key trusted before it (a rotation chain; see
 * advanceTrustedKeys and docs/api.md "Signing-key rotation"). Keys provisioned in the agent's own
 * configuration file stay trusted unless a key set revokes them.
 */
export class TrustedKeysStore {
  private readonly file: string;
  private stored: TrustedKeys | undefined;

  constructor(
    dir: string,
    private readonly counter: WriteCounter,
  ) {
    this.file = path.join(dir, 'trusted-keys.json');
    reclaimTempFile(this.file);
    if (existsSync(this.file)) {
      const parsed = TrustedKeysFileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (!parsed.success)
        throw new Error(`trusted keys file ${this.file} is invalid; remove it to start over`);
      this.stored = parsed.data;
    }
  }

  /** What the robot trusts now: the stored key set, or version 0 from `initial`, plus provisioned keys. */
  current(initial: readonly ConfigKey[], provisioned: readonly ConfigKey[] = []): TrustedKeys {
    const base = this.stored ?? { version: 0, keys: [...initial], revoked: [] };
    const revoked = new Set(base.revoked);
    const keys = [...base.keys];
    for (const key of provisioned) {
      if (!revoked.has(key.keyId) && !keys.some((k) => k.keyId === key.keyId)) keys.push(key);
    }
    return { version: base.version, keys: keys.filter((k) => !revoked.has(k.keyId)), revoked: base.revoked };
  }

  /** Applies delivered key sets (persisting what was accepted); the outcome says what and why not. */
  advance(
    updates: readonly ConfigKeySet[],
    initial: readonly ConfigKey[],
    provisioned: readonly ConfigKey[],
  ) {
    const outcome: KeyUpdateOutcome = advanceTrustedKeys(this.current(initial, provisioned), updates);
    if (outcome.applied.length > 0) {
      const { version, keys, revoked } = outcome.trusted;
      this.stored = { version, keys, revoked };
      writeFileAtomic(this.file, Buffer.from(`${JSON.stringify(this.stored, null, 2)}\n`), this.counter);
    }
    return outcome;
  }
}
