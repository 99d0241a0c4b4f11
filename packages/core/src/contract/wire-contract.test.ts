import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalizeJson } from './canonicalize-json.js';
import {
  publicConfigKey,
  signConfigEnvelope,
  signingKeyFromBase64,
  verifyConfigEnvelope,
} from './sign-config-envelope.js';
import {
  AgentReportSchema,
  ConfigAckSchema,
  describeIssues,
  TelemetryBatchSchema,
  type TelemetryRecord,
  telemetryPolicyVersionId,
} from './wire-contract.js';

export function telemetryRecord(overrides: Partial<TelemetryRecord> = {}): TelemetryRecord {
  return {
    seq: 1,
    windowStart: '2026-11-24T10:00:00.000Z',
    windowEnd: '2026-11-24T10:00:10.000Z',
    steps: 100,
    writes: 20,
    tau: 0.5,
    policyVersionId: '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c',
    stateBytes: 4224,
    kvEquivalentBytes: 25_600,
    flashBytesWritten: 8192,
    wearFraction: 0.0001,
    episodes: { completed: 2, succeeded: 1 },
    stepLatencyUs: { p50: 80, p99: 250 },
    ...overrides,
  };
}

function newKey(keyId: string) {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromBase64(keyId, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
}

describe('telemetry batch schema', () => {
  it('accepts a well-formed batch', () => {
    expect(TelemetryBatchSchema.safeParse({ records: [telemetryRecord()] }).success).toBe(true);
  });

  it('names each bad field with its record index', () => {
    const result = TelemetryBatchSchema.safeParse({
      records: [
        telemetryRecord(),
        telemetryRecord({ seq: 0, writes: 101 }),
        { ...telemetryRecord(), tau: 1.5, extra: true },
      ],
    });
    expect(result.success).toBe(false);
    const paths = describeIssues(result.error!).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['records[1].seq', 'records[2].tau', 'records[2]']));
    expect(describeIssues(result.error!).find((i) => i.path === 'records[2]')?.message).toContain('extra');
  });

  it('names the policy version by id, and still takes the deprecated free-text field of older agents', () => {
    const id = '4c1d3a52-8a1e-4a6f-9b0c-2d7e5f6a1b3c';
    expect(telemetryPolicyVersionId(telemetryRecord())).toBe(id);
    const legacy = { ...telemetryRecord({ policyVersion: id.toUpperCase() }), policyVersionId: undefined };
    expect(TelemetryBatchSchema.safeParse({ records: [legacy] }).success).toBe(true);
    expect(telemetryPolicyVersionId(legacy)).toBe(id);
    expect(telemetryPolicyVersionId({ policyVersion: 'local-default' })).toBeNull();
    expect(telemetryPolicyVersionId({})).toBeNull();
    const bad = TelemetryBatchSchema.safeParse({
      records: [telemetryRecord({ policyVersionId: 'default@1' })],
    });
    expect(bad.success || describeIssues(bad.error)).toEqual([
      { path: 'records[0].policyVersionId', message: 'must be the id of a policy version (a UUID)' },
    ]);
  });

  it('applies the cross-field rules once the fields are valid', () => {
    const result = TelemetryBatchSchema.safeParse({
      records: [
        telemetryRecord({ writes: 101 }),
        telemetryRecord({ windowEnd: '2026-11-24T09:00:00.000Z' }),
        telemetryRecord({ episodes: { completed: 1, succeeded: 2 } }),
      ],
    });
    const issues = describeIssues(result.error!);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'records[0].writes', message: 'must be ≤ steps' },
        { path: 'records[1].windowEnd', message: 'must not be before windowStart' },
        { path: 'records[2].episodes.succeeded', message: 'must be ≤ episodes.completed' },
      ]),
    );
  });

  it('refuses unsafe integers, empty and oversized batches', () => {
    expect(TelemetryBatchSchema.safeParse({ records: [telemetryRecord({ seq: 2 ** 60 })] }).success).toBe(
      false,
    );
    expect(TelemetryBatchSchema.safeParse({ records: [] }).success).toBe(false);
    const many = Array.from({ length: 501 }, (_, i) => telemetryRecord({ seq: i + 1 }));
    expect(TelemetryBatchSchema.safeParse({ records: many }).success).toBe(false);
  });

  it('requires a reason when a config is rejected', () => {
    expect(ConfigAckSchema.safeParse({ version: 3, status: 'rejected' }).success).toBe(false);
    expect(
      ConfigAckSchema.safeParse({ version: 3, status: 'rejected', reason: 'bad signature' }).success,
    ).toBe(true);
  });

  it('refuses a config version no database row can hold (was a 500 from the API)', () => {
    expect(ConfigAckSchema.safeParse({ version: 2 ** 31 - 1, status: 'applied' }).success).toBe(true);
    const tooBig = ConfigAckSchema.safeParse({ version: 2 ** 31, status: 'applied' });
    expect(tooBig.success).toBe(false);
  });
});

describe('config envelope signatures', () => {
  const fields = {
    robotId: '3f2a4d1e-8c2b-4f7a-9d3e-1a2b3c4d5e6f',
    policyVersionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    version: 7,
    tau: 0.42,
    issuedAt: '2026-11-24T10:00:00.000Z',
  };

  it('verifies with the signing key and after rotation with the old key id', () => {
    const oldKey = newKey('k1');
    const newer = newKey('k2');
    const trusted = [publicConfigKey(oldKey), publicConfigKey(newer)];
    expect(verifyConfigEnvelope(signConfigEnvelope(fields, oldKey), trusted)).toEqual({ ok: true });
    expect(verifyConfigEnvelope(signConfigEnvelope(fields, newer), trusted)).toEqual({ ok: true });
  });

  it('rejects a tampered envelope and an unknown key id', () => {
    const key = newKey('k1');
    const envelope = signConfigEnvelope(fields, key);
    expect(verifyConfigEnvelope({ ...envelope, tau: 0.9 }, [publicConfigKey(key)])).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyConfigEnvelope(envelope, [publicConfigKey(newKey('k9'))])).toMatchObject({
      ok: false,
      reason: 'unknown_key',
    });
  });

  it('canonicalizes independently of key order', () => {
    expect(canonicalizeJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
    expect(canonicalizeJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});

describe('agent report (inventory and outbox counters)', () => {
  const report = {
    inventory: {
      agentVersion: '0.2.0',
      model: { name: 'aura-mem-hard-v1', sha256: 'a'.repeat(64), executionProviders: ['cpu'] },
      onnxruntimeVersion: '1.30.0',
      nodeVersion: '20.20.2',
      os: {
        platform: 'linux',
        release: '6.1.0-27-arm64',
        arch: 'arm64',
        distro: 'Debian GNU/Linux 13 (trixie)',
      },
      flash: {
        device: 'mmcblk0',
        model: 'DG4064',
        kind: 'emmc',
        capacityBytes: 62_537_072_640,
        ratedPeCycles: 3000,
      },
    },
    outbox: { pending: 3, dropped: 0, quarantined: 12 },
  };

  it('accepts a full report and one without a readable flash device', () => {
    expect(AgentReportSchema.parse(report)).toEqual(report);
    const { flash: _, ...inventory } = report.inventory;
    expect(AgentReportSchema.safeParse({ ...report, inventory }).success).toBe(true);
  });

  it('names bad fields, and refuses unknown ones', () => {
    const bad = AgentReportSchema.safeParse({
      ...report,
      inventory: { ...report.inventory, model: { ...report.inventory.model, sha256: 'xyz' }, gpu: 'none' },
      outbox: { pending: -1, dropped: 0, quarantined: 0 },
    });
    expect(bad.success).toBe(false);
    const paths = describeIssues(bad.error!).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['inventory.model.sha256', 'inventory', 'outbox.pending']));
  });
});
