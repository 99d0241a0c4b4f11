import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type ConfigAck,
  ConfigAckSchema,
  type ConfigEnvelope,
  ConfigEnvelopeSchema,
  type ConfigKey,
  describeIssues,
  verifyConfigEnvelope,
} from '@aura/core';
import { reclaimTempFile, WriteCounter, writeFileAtomic } from '../persistence/durable-file.js';
import { TrustedKeysStore } from './trusted-keys-store.js';

export type ConfigRejectReason =
  | 'invalid'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_robot'
  | 'not_newer'
  | 'bad_key_update';

export type ApplyConfigResult =
  /** `alreadyApplied`: the applied version itself, delivered again (first poll after a restart). */
  | { status: 'applied'; envelope: ConfigEnvelope; alreadyApplied?: boolean }
  | { status: 'rejected'; reason: ConfigRejectReason; message: string };

/**
 * The last good config envelope, kept in `<dir>/config.json` (atomic replace) and loaded at start,
 * so the agent keeps running on it while the API is unreachable. A new envelope is applied only
 * when its schema, key id and signature check out, it names this robot, and its version is newer
 * than the applied one. The applied version delivered again with the same settings (the first poll
 * after a restart carries no ETag) is reported as applied again, not rejected: its acknowledgement may
 * have been lost in a crash between apply and ack, and acknowledging it as rejected would tell the
 * fleet the robot is not running the config it runs. Key-set updates delivered with an envelope
 * (`keyUpdates`) are applied to the trusted keys first ({@link TrustedKeysStore}), so an envelope
 * signed by a rotated-in key verifies.
 */
export class ConfigStore {
  readonly counter = new WriteCounter();
  readonly trustedKeys: TrustedKeysStore;
  private readonly file: string;
  private current: ConfigEnvelope | undefined;

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.trustedKeys = new TrustedKeysStore(dir, this.counter);
    this.file = path.join(dir, 'config.json');
    reclaimTempFile(this.file);
    if (existsSync(this.file)) {
      const parsed = ConfigEnvelopeSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (!parsed.success) {
        throw new Error(
          `stored config ${this.file} is invalid: ${describeIssues(parsed.error)
            .map((i) => `${i.path} ${i.message}`)
            .join('; ')}`,
        );
      }
      this.current = parsed.data;
    }
  }

  /** the applied envelope, if any */
  get applied(): ConfigEnvelope | undefined {
    return this.current;
  }

  /**
   * `initialKeys`: what the robot trusts before any key set (its enrolment keys); `provisionedKeys`:
   * keys from its own configuration file, trusted unless a key set revokes them.
   */
  applyConfig(
    candidate: unknown,
    initialKeys: readonly ConfigKey[],
    options: { robotId?: string; provisionedKeys?: readonly ConfigKey[] } = {},
  ): ApplyConfigResult {
    const parsed = ConfigEnvelopeSchema.safeParse(candidate);
    if (!parsed.success) {
      const message = describeIssues(parsed.error)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ');
      return { status: 'rejected', reason: 'invalid', message };
    }
    const envelope = parsed.data;
    const provisioned = options.provisionedKeys ?? [];
    let trusted = this.trustedKeys.current(initialKeys, provisioned);
    if (envelope.keyUpdates && envelope.keyUpdates.length > 0) {
      const outcome = this.trustedKeys.advance(envelope.keyUpdates, initialKeys, provisioned);
      if (!outcome.ok) return { status: 'rejected', reason: 'bad_key_update', message: outcome.message };
      trusted = this.trustedKeys.current(initialKeys, provisioned);
    }
    const verdict = verifyConfigEnvelope(envelope, trusted.keys);
    if (!verdict.ok) return { status: 'rejected', reason: verdict.reason, message: verdict.message };
    if (options.robotId && envelope.robotId !== options.robotId) {
      return {
        status: 'rejected',
        reason: 'wrong_robot',
        message: `config is for robot ${envelope.robotId}, this robot is ${options.robotId}`,
      };
    }
    if (this.current && envelope.version === this.current.version && sameSettings(envelope, this.current)) {
      return { status: 'applied', envelope: this.current, alreadyApplied: true };
    }
    const appliedVersion = this.current?.version ?? 0;
    if (envelope.version <= appliedVersion) {
      return {
        status: 'rejected',
        reason: 'not_newer',
        message: `version ${envelope.version} is not newer than the applied version ${appliedVersion}`,
      };
    }
    writeFileAtomic(this.file, Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`), this.counter);
    this.current = envelope;
    return { status: 'applied', envelope };
  }
}

/** Same robot, policy version, τ, persistence and rollout (issue time and signature may differ). */
function sameSettings(a: ConfigEnvelope, b: ConfigEnvelope): boolean {
  return (
    a.robotId === b.robotId &&
    a.policyVersionId === b.policyVersionId &&
    a.tau === b.tau &&
    a.persistMode === b.persistMode &&
    a.rolloutId === b.rolloutId
  );
}

/**
 * The acknowledgement (`POST /v1/agent/config/ack`) for an apply result: `applied`, or `rejected`
 * with `<reason>: <message>`. Undefined when the candidate carries no usable version to acknowledge.
 */
export function buildConfigAck(candidate: unknown, result: ApplyConfigResult): ConfigAck | undefined {
  if (result.status === 'applied') return { version: result.envelope.version, status: 'applied' };
  const version = (candidate as { version?: unknown } | null)?.version;
  const ack = { version, status: 'rejected', reason: `${result.reason}: ${result.message}`.slice(0, 1000) };
  const parsed = ConfigAckSchema.safeParse(ack);
  return parsed.success ? parsed.data : undefined;
}
