import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalizeJson } from './canonicalize-json.js';
import type { ConfigEnvelope, ConfigKey, UnsignedConfigEnvelope } from './wire-contract.js';

/**
 * Ed25519 signatures over the canonical JSON of every envelope field but `signature`
 * (DESIGN.md §5). Keys travel as base64 DER: PKCS#8 for private keys, SPKI for public keys.
 */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

export function signingKeyFromBase64(keyId: string, pkcs8Base64: string): SigningKey {
  const privateKey = createPrivateKey({
    key: Buffer.from(pkcs8Base64, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`key ${keyId} is not an Ed25519 key`);
  return { keyId, privateKey };
}

/** PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by its 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** An Ed25519 signing key from a 32-byte seed (the same seed always gives the same key). */
export function signingKeyFromSeed(keyId: string, seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  return signingKeyFromBase64(keyId, Buffer.concat([ED25519_PKCS8_PREFIX, seed]).toString('base64'));
}

export function publicConfigKey(key: SigningKey): ConfigKey {
  const der = createPublicKey(key.privateKey).export({ format: 'der', type: 'spki' });
  return { keyId: key.keyId, publicKey: der.toString('base64') };
}

export function signConfigEnvelope(
  fields: Omit<UnsignedConfigEnvelope, 'keyId'>,
  key: SigningKey,
): ConfigEnvelope {
  const unsigned: UnsignedConfigEnvelope = { ...fields, keyId: key.keyId };
  const signature = sign(null, Buffer.from(canonicalizeJson(unsigned)), key.privateKey).toString('base64');
  return { ...unsigned, signature };
}

export type EnvelopeVerdict =
  | { ok: true }
  | { ok: false; reason: 'unknown_key' | 'bad_signature'; message: string };

/** Checks the signature against the trusted keys (any rotation generation still listed verifies). */
export function verifyConfigEnvelope(
  envelope: ConfigEnvelope,
  trusted: readonly ConfigKey[],
): EnvelopeVerdict {
  const key = trusted.find((candidate) => candidate.keyId === envelope.keyId);
  if (!key)
    return { ok: false, reason: 'unknown_key', message: `signing key "${envelope.keyId}" is not trusted` };
  const { signature, ...unsigned } = envelope;
  let valid = false;
  try {
    const publicKey = createPublicKey({
      key: Buffer.from(key.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    valid = verify(
      null,
      Buffer.from(canonicalizeJson(unsigned)),
      publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'bad_signature', message: 'signature does not verify' };
}
