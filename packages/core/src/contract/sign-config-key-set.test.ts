import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  publicConfigKey,
  type SigningKey,
  signConfigEnvelope,
  signingKeyFromBase64,
  signingKeyFromSeed,
  verifyConfigEnvelope,
} from './sign-config-envelope.js';
import { advanceTrustedKeys, signConfigKeySet, type TrustedKeys } from './sign-config-key-set.js';
import { ConfigEnvelopeSchema, ConfigKeySetSchema } from './wire-contract.js';

const key = (keyId: string): SigningKey => {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromBase64(keyId, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
};
const issuedAt = '2026-12-01T00:00:00.000Z';
const set = (version: number, keys: SigningKey[], signers: SigningKey[], revoked: string[] = []) =>
  signConfigKeySet({ version, keys: keys.map(publicConfigKey), revoked, issuedAt }, signers);

describe('config key-set rotation chain', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const k3 = key('k3');
  const enrolled: TrustedKeys = { version: 0, keys: [publicConfigKey(k1)], revoked: [] };
  // rotate twice, then revoke the first key
  const v1 = set(1, [k1, k2], [k1, k2]);
  const v2 = set(2, [k1, k2, k3], [k2, k3]);
  const v3 = set(3, [k2, k3], [k3], ['k1']);

  it('carries a robot that knows only the first key through two rotations and a revocation', () => {
    const outcome = advanceTrustedKeys(enrolled, [v3, v1, v2]);
    expect(outcome).toMatchObject({ ok: true, applied: [1, 2, 3] });
    expect(outcome.trusted.keys.map((k) => k.keyId)).toEqual(['k2', 'k3']);
    expect(outcome.trusted.revoked).toEqual(['k1']);
    expect(ConfigKeySetSchema.parse(v3)).toEqual(v3);
    // afterwards configs signed by the new key verify, the revoked key's do not
    const fields = {
      robotId: '4f0c2b9e-1d3a-4c5b-8e7f-9a0b1c2d3e4f',
      policyVersionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      version: 7,
      tau: 0.5,
      issuedAt,
    };
    expect(verifyConfigEnvelope(signConfigEnvelope(fields, k3), outcome.trusted.keys).ok).toBe(true);
    expect(verifyConfigEnvelope(signConfigEnvelope(fields, k1), outcome.trusted.keys)).toMatchObject({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('skips versions already held and applies nothing twice', () => {
    const first = advanceTrustedKeys(enrolled, [v1]);
    const again = advanceTrustedKeys(first.trusted, [v1, v2]);
    expect(again).toMatchObject({ ok: true, applied: [2] });
  });

  it('refuses a set no trusted key signed, and stops there', () => {
    const outsider = key('evil');
    const forged = set(2, [k1, outsider], [outsider]);
    const outcome = advanceTrustedKeys(enrolled, [v1, forged, v3]);
    expect(outcome).toMatchObject({ ok: false, applied: [1], version: 2 });
    expect(outcome.ok === false && outcome.message).toMatch(/not signed by a trusted key/);
    expect(outcome.trusted.version).toBe(1);
  });

  it('refuses a tampered set, a revoked key coming back and a key id with a new public key', () => {
    const tampered = { ...v1, keys: [publicConfigKey(k1), publicConfigKey(key('k2'))] };
    expect(advanceTrustedKeys(enrolled, [tampered]).ok).toBe(false);
    const afterRevoke = advanceTrustedKeys(enrolled, [v1, v2, v3]).trusted;
    const comeback = set(4, [k1, k2, k3], [k2]);
    expect(advanceTrustedKeys(afterRevoke, [comeback])).toMatchObject({ ok: false, version: 4 });
    const impostor = set(2, [key('k1'), k2], [k2]);
    const v1Trusted = advanceTrustedKeys(enrolled, [v1]).trusted;
    expect(advanceTrustedKeys(v1Trusted, [impostor]).ok).toBe(false);
  });

  it('does not accept a set signed only by the key it revokes (a leaked key cannot revoke the others)', () => {
    const v1Trusted = advanceTrustedKeys(enrolled, [v1]).trusted;
    const selfRevoking = set(2, [k2], [k1], ['k1']);
    expect(advanceTrustedKeys(v1Trusted, [selfRevoking]).ok).toBe(false);
  });

  it('signs envelopes that carry key updates, covered by the signature', () => {
    const envelope = signConfigEnvelope(
      {
        robotId: '4f0c2b9e-1d3a-4c5b-8e7f-9a0b1c2d3e4f',
        policyVersionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
        version: 3,
        tau: 0.4,
        issuedAt,
        keyUpdates: [v1, v2, v3],
      },
      k3,
    );
    expect(ConfigEnvelopeSchema.parse(envelope)).toEqual(envelope);
    const trusted = advanceTrustedKeys(enrolled, envelope.keyUpdates ?? []).trusted;
    expect(verifyConfigEnvelope(envelope, trusted.keys).ok).toBe(true);
    expect(verifyConfigEnvelope({ ...envelope, keyUpdates: [v1] }, trusted.keys).ok).toBe(false);
  });

  it('derives the same key from the same seed', () => {
    const seed = new Uint8Array(32).fill(7);
    expect(publicConfigKey(signingKeyFromSeed('dev', seed))).toEqual(
      publicConfigKey(signingKeyFromSeed('dev', seed)),
    );
    expect(() => signingKeyFromSeed('dev', new Uint8Array(31))).toThrow(/32 bytes/);
  });
});
