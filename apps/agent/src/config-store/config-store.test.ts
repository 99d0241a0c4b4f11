import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publicConfigKey, type SigningKey, signConfigEnvelope } from '@aura/core';
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
function envelope(version: number, tau = 0.4, signer = k1, policyVersionId: string = randomUUID()) {
  return signConfigEnvelope(
    { robotId, policyVersionId, version, tau, issuedAt: new Date().toISOString() },
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
