import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type ConfigKeySet,
  publicConfigKey,
  type SigningKey,
  signConfigEnvelope,
  signConfigKeySet,
} from '@aura/core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildConfigAck, ConfigStore } from './config-store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-config-'));
  dirs.push(d);
  return d;
}
function key(keyId: string): SigningKey {
  return { keyId, privateKey: generateKeyPairSync('ed25519').privateKey };
}

const robotId = randomUUID();
const k1 = key('k1');
const stranger = key('k9');
const trusted = [publicConfigKey(k1)];
function envelope(
  version: number,
  tau = 0.4,
  signer = k1,
  policyVersionId: string = randomUUID(),
  keyUpdates?: ConfigKeySet[],
) {
  return signConfigEnvelope(
    {
      robotId,
      policyVersionId,
      version,
      tau,
      issuedAt: new Date().toISOString(),
      ...(keyUpdates ? { keyUpdates } : {}),
    },
    signer,
  );
}

describe('ConfigStore', () => {
  it('applies a newer signed config and keeps it across restarts', () => {
    const dir = tmp();
    const store = new ConfigStore(dir);
    expect(store.applied).toBeUndefined();
    const e = envelope(1);
    expect(store.applyConfig(e, trusted, { robotId })).toEqual({ status: 'applied', envelope: e });
    expect(new ConfigStore(dir).applied).toEqual(e);
  });

  it('rejects tampered, unknown-key, older, foreign and malformed configs with a reason', () => {
    const store = new ConfigStore(tmp());
    expect(store.applyConfig(envelope(5), trusted).status).toBe('applied');
    const tampered = { ...envelope(6), tau: 0.9 };
    expect(store.applyConfig(tampered, trusted)).toMatchObject({
      status: 'rejected',
      reason: 'bad_signature',
    });
    expect(store.applyConfig(envelope(7, 0.4, stranger), trusted)).toMatchObject({
      status: 'rejected',
      reason: 'unknown_key',
    });
    expect(store.applyConfig(envelope(5, 0.7), trusted)).toMatchObject({
      status: 'rejected',
      reason: 'not_newer',
    });
    expect(store.applyConfig(envelope(4), trusted)).toMatchObject({
      status: 'rejected',
      reason: 'not_newer',
    });
    expect(store.applyConfig(envelope(8), trusted, { robotId: randomUUID() })).toMatchObject({
      status: 'rejected',
      reason: 'wrong_robot',
    });
    const bad = store.applyConfig({ ...envelope(9), tau: 3 }, trusted);
    expect(bad).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect(bad.status === 'rejected' && bad.message).toContain('tau');
    expect(store.applied?.version).toBe(5);
    expect(store.applyConfig(envelope(6), trusted).status).toBe('applied');
  });
});

describe('the applied version delivered again', () => {
  it('is applied again, so a restart after a crash between apply and ack acknowledges it as applied', () => {
    const dir = tmp();
    const store = new ConfigStore(dir);
    const policyVersionId = randomUUID();
    expect(store.applyConfig(envelope(5, 0.4, k1, policyVersionId), trusted)).toMatchObject({
      status: 'applied',
    });
    // after a restart: the same version, signed again at another time
    const again = new ConfigStore(dir);
    const redelivered = { ...envelope(5, 0.4, k1, policyVersionId), issuedAt: new Date(1).toISOString() };
    expect(again.applyConfig(redelivered, trusted)).toMatchObject({ reason: 'bad_signature' });
    const resigned = envelope(5, 0.4, k1, policyVersionId);
    const result = again.applyConfig(resigned, trusted);
    expect(result).toMatchObject({ status: 'applied', alreadyApplied: true });
    expect(buildConfigAck(resigned, result)).toEqual({ version: 5, status: 'applied' });
    expect(again.counter.bytesWritten).toBe(0); // nothing rewritten
    // the same version with other settings is not the applied config
    expect(again.applyConfig(envelope(5, 0.9, k1, policyVersionId), trusted)).toMatchObject({
      status: 'rejected',
      reason: 'not_newer',
    });
  });
});

describe('buildConfigAck', () => {
  it('acks applied, and rejected with the reason', () => {
    const store = new ConfigStore(tmp());
    const e = envelope(3);
    expect(buildConfigAck(e, store.applyConfig(e, trusted))).toEqual({ version: 3, status: 'applied' });
    const old = envelope(2);
    expect(buildConfigAck(old, store.applyConfig(old, trusted))).toEqual({
      version: 2,
      status: 'rejected',
      reason: 'not_newer: version 2 is not newer than the applied version 3',
    });
    const tampered = { ...envelope(4), tau: 0.99 };
    expect(buildConfigAck(tampered, store.applyConfig(tampered, trusted))?.reason).toMatch(/^bad_signature/);
    expect(
      buildConfigAck({ nonsense: true }, store.applyConfig({ nonsense: true }, trusted)),
    ).toBeUndefined();
  });
});

describe('signing-key rotation', () => {
  const k2 = key('k2');
  const k3 = key('k3');
  const keySet = (version: number, keys: SigningKey[], signers: SigningKey[], revoked: string[] = []) =>
    signConfigKeySet(
      { version, keys: keys.map(publicConfigKey), revoked, issuedAt: new Date().toISOString() },
      signers,
    );
  const v1 = keySet(1, [k1, k2], [k1, k2]);
  const v2 = keySet(2, [k1, k2, k3], [k2, k3]);
  const v3 = keySet(3, [k2, k3], [k3], ['k1']);

  it('follows key updates delivered with a config, keeps them across restarts, and drops a revoked key', () => {
    const dir = tmp();
    const store = new ConfigStore(dir);
    expect(store.applyConfig(envelope(1), trusted).status).toBe('applied');
    // signed by a key the robot did not know: refused until the chain comes with it
    expect(store.applyConfig(envelope(2, 0.4, k3), trusted)).toMatchObject({ reason: 'unknown_key' });
    const rotated = envelope(2, 0.4, k3, randomUUID(), [v1, v2, v3]);
    expect(store.applyConfig(rotated, trusted)).toMatchObject({ status: 'applied' });
    const restarted = new ConfigStore(dir);
    expect(restarted.trustedKeys.current(trusted)).toMatchObject({ version: 3, revoked: ['k1'] });
    expect(restarted.applyConfig(envelope(3, 0.4, k2), trusted).status).toBe('applied');
    // the first key is revoked: even though it was the enrolment key, its configs are refused
    expect(restarted.applyConfig(envelope(4, 0.4, k1), trusted)).toMatchObject({ reason: 'unknown_key' });
    // ... also when provisioned in the agent's own configuration file
    expect(restarted.applyConfig(envelope(4, 0.4, k1), trusted, { provisionedKeys: trusted })).toMatchObject({
      reason: 'unknown_key',
    });
  });

  it('refuses a config whose key update no trusted key signed, and keeps trusting what it had', () => {
    const store = new ConfigStore(tmp());
    const forged = keySet(1, [stranger], [stranger]);
    const result = store.applyConfig(envelope(1, 0.4, stranger, randomUUID(), [forged]), trusted);
    expect(result).toMatchObject({ status: 'rejected', reason: 'bad_key_update' });
    expect(store.trustedKeys.current(trusted)).toMatchObject({ version: 0, keys: trusted });
    expect(store.applyConfig(envelope(1), trusted).status).toBe('applied');
  });
});
