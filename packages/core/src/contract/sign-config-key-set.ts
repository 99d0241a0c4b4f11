import { createPublicKey, sign, verify } from 'node:crypto';
import { canonicalizeJson } from './canonicalize-json.js';
import { publicConfigKey, type SigningKey } from './sign-config-envelope.js';
import type { ConfigKey, ConfigKeySet, UnsignedConfigKeySet } from './wire-contract.js';

/** Signs a key set with every key of `signers` (each signature over the same canonical JSON). */
export function signConfigKeySet(fields: UnsignedConfigKeySet, signers: readonly SigningKey[]): ConfigKeySet {
  if (signers.length === 0) throw new Error('a key set needs at least one signer');
  const payload = Buffer.from(canonicalizeJson(fields));
  return {
    ...fields,
    signatures: signers.map((key) => ({
      keyId: key.keyId,
      signature: sign(null, payload, key.privateKey).toString('base64'),
    })),
  };
}

/** Does `key` (public) sign `set` among its signatures? */
export function keySetSignedBy(set: ConfigKeySet, key: ConfigKey): boolean {
  const signature = set.signatures.find((s) => s.keyId === key.keyId);
  if (!signature) return false;
  const { signatures: _, ...unsigned } = set;
  try {
    return verify(
      null,
      Buffer.from(canonicalizeJson(unsigned)),
      createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' }),
      Buffer.from(signature.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** What a robot trusts: the newest key set it accepted (version 0: the keys it was enrolled with). */
export interface TrustedKeys {
  version: number;
  keys: ConfigKey[];
  /** Key ids never to trust again. */
  revoked: string[];
}

export type KeyUpdateOutcome =
  | { ok: true; trusted: TrustedKeys; applied: number[] }
  | { ok: false; trusted: TrustedKeys; applied: number[]; version: number; message: string };

/**
 * Moves a robot's trusted keys along a rotation chain. Each update newer than what it trusts is
 * accepted only when signed by a key it trusts at that point which the update does not revoke, and
 * when it brings back no revoked key and changes no known key id's public key; versions it already has
 * are skipped. Stops at the first update refused (the versions before it stay applied).
 */
export function advanceTrustedKeys(current: TrustedKeys, updates: readonly ConfigKeySet[]): KeyUpdateOutcome {
  let trusted = current;
  const applied: number[] = [];
  for (const update of [...updates].sort((a, b) => a.version - b.version)) {
    if (update.version <= trusted.version) continue;
    const revoked = new Set([...trusted.revoked, ...update.revoked]);
    const refuse = (message: string): KeyUpdateOutcome => ({
      ok: false,
      trusted,
      applied,
      version: update.version,
      message: `key set v${update.version}: ${message}`,
    });
    const signer = trusted.keys.find((key) => !revoked.has(key.keyId) && keySetSignedBy(update, key));
    if (!signer) {
      return refuse(
        `not signed by a trusted key (trusted: ${trusted.keys.map((k) => k.keyId).join(', ') || 'none'})`,
      );
    }
    const returning = update.keys.find((key) => revoked.has(key.keyId));
    if (returning) return refuse(`lists revoked key "${returning.keyId}"`);
    const changed = update.keys.find((key) =>
      trusted.keys.some((known) => known.keyId === key.keyId && known.publicKey !== key.publicKey),
    );
    if (changed) return refuse(`gives key "${changed.keyId}" a different public key`);
    trusted = { version: update.version, keys: update.keys, revoked: [...revoked] };
    applied.push(update.version);
  }
  return { ok: true, trusted, applied };
}

/** The public half of each signing key, as robots list them. */
export const publicConfigKeys = (keys: readonly SigningKey[]): ConfigKey[] => keys.map(publicConfigKey);
