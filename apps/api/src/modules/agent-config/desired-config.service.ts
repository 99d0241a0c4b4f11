import type { ConfigAck, ConfigEnvelope } from '@aura/core';
import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { AppError } from '../../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { SigningKeyring } from '../signing-keys/signing-keyring.js';
import { AgentConfigRepository, type IssuedConfig } from './agent-config.repository.js';
import { ConfigNotifier } from './config-notifier.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { type CachedConfig, DesiredConfigStore } from './desired-config-store.js';

/**
 * An ack for a version that is neither recorded as delivered nor the robot's desired version any
 * more: the version was superseded after the robot was answered and before its delivery was recorded
 * (a second change within a batch's commit). Its record is waited for this long (retrying the ack at
 * 250 ms, 500 ms, 1 s, 2 s) before the ack is refused; only such an ack — or one for a version the
 * robot was never given — waits.
 */
const ACK_RECORD_GRACE_MS = 3_750;
const ACK_RETRY_FIRST_MS = 250;

/**
 * Desired config per robot (DESIGN.md §5): every change issues a new numbered, immutable
 * robot_config row and moves the robot's desired pointer to it. Robots are served from memory
 * (DesiredConfigStore); delivery and ack bookkeeping is written in batches (DeliveryLedger), a
 * delivery's after the poll was answered.
 */
@Injectable()
export class DesiredConfigService {
  private readonly rejectedPolls: Counter;

  constructor(
    @Inject(AgentConfigRepository) private readonly configs: AgentConfigRepository,
    @Inject(ConfigNotifier) private readonly notifier: ConfigNotifier,
    @Inject(DesiredConfigStore) private readonly store: DesiredConfigStore,
    @Inject(DeliveryLedger) private readonly ledger: DeliveryLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MetricsService) metrics: MetricsService,
    @Inject(SigningKeyring) private readonly keyring: SigningKeyring,
  ) {
    this.rejectedPolls = new Counter({
      name: 'aura_config_longpolls_rejected_total',
      help: 'Config long-polls refused with 503 because this process held CONFIG_LONG_POLL_MAX_PER_PROCESS',
      registers: [metrics.registry],
    });
    metrics.gauge(
      'aura_config_longpolls_max',
      'Config long-polls one process may hold (CONFIG_LONG_POLL_MAX_PER_PROCESS)',
      () => this.config.configLongPollMaxPerProcess,
    );
    metrics.gauge(
      'aura_config_robots_cached',
      'Robots whose desired config this process holds',
      () => this.store.size,
    );
  }

  /**
   * Points each robot's desired config at `policyVersionId` (as a new version), inside the caller's
   * transaction. Call `announce` with the returned configs once the transaction has committed.
   */
  issue(
    robotIds: readonly string[],
    policyVersionId: string,
    rolloutId: string | null = null,
  ): Promise<IssuedConfig[]> {
    if (robotIds.length === 0) return Promise.resolve([]);
    return this.configs.issue(robotIds, policyVersionId, rolloutId);
  }

  /**
   * A rollout step's switch, inside the caller's transaction: as `issue`, and each robot's rollout
   * member records the version that switched it, in the same statement. Announce after commit.
   */
  issueForRollout(
    robotIds: readonly string[],
    policyVersionId: string,
    rolloutId: string,
  ): Promise<IssuedConfig[]> {
    if (robotIds.length === 0) return Promise.resolve([]);
    return this.configs.issueForRollout(robotIds, policyVersionId, rolloutId);
  }

  /** Re-points every robot not held by a rollout at the fleet default, inside the caller's transaction. */
  issueFleetDefault(policyVersionId: string): Promise<number> {
    return this.configs.issueFleetDefault(policyVersionId);
  }

  /** The fleet's default policy version: what a robot without a rollout runs. */
  fleetDefaultVersionId(): Promise<string | null> {
    return this.configs.fleetDefaultVersionId();
  }

  /**
   * After commit: wakes the changed robots' long-polls in every process. Pass the configs `issue` /
   * `issueForRollout` returned so that the message carries them (no process re-reads them); robot ids
   * or 'all' make every process re-read.
   */
  announce(changes: readonly IssuedConfig[] | readonly string[] | 'all'): Promise<void> {
    return this.notifier.publish(changes);
  }

  /**
   * The robot's current signed envelope, recorded as delivered before it is returned. With the
   * key-set version the robot reported, it carries the key sets the robot lacks (`keyUpdates`).
   */
  async envelope(robotId: string, keySetVersion?: number): Promise<ConfigEnvelope> {
    const entry = await this.store.current(robotId);
    if (!entry) throw new AppError('not_found', 'Robot or its desired config not found');
    return this.deliver(robotId, entry, keySetVersion);
  }

  /**
   * Long-poll: returns the envelope as soon as the desired version differs from `knownVersion`,
   * or undefined when `waitMs` passes without a change (→ 304). Served from this process's memory
   * (DesiredConfigStore): a poll whose version is current touches no database. More than
   * `CONFIG_LONG_POLL_MAX_PER_PROCESS` waiting polls → 503 with Retry-After. A robot whose reported
   * key set (`keySetVersion`) is older than the fleet's gets the envelope, with the key sets it lacks,
   * when its wait ends instead of a 304, so revocations reach robots whose config does not change.
   */
  async awaitChange(
    robotId: string,
    knownVersion: number | undefined,
    waitMs: number,
    signal?: AbortSignal,
    keySetVersion?: number,
  ) {
    let entry = await this.current(robotId);
    if (knownVersion !== undefined && knownVersion > entry.version) {
      // The robot knows a newer version than this process holds (a change not yet heard of here).
      await this.store.refresh([robotId]);
      entry = await this.current(robotId);
    }
    if (entry.version !== knownVersion) return this.deliver(robotId, entry, keySetVersion);
    if (waitMs <= 0 || signal?.aborted || this.notifier.closing) return undefined;
    if (this.notifier.waiting >= this.config.configLongPollMaxPerProcess) {
      this.rejectedPolls.inc();
      throw new AppError(
        'service_unavailable',
        'This API process holds as many config long-polls as it may; retry shortly',
        undefined,
        { 'retry-after': String(1 + Math.floor(Math.random() * 5)) },
      );
    }
    const deadline = Date.now() + waitMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const keysBehind =
          keySetVersion !== undefined && (await this.keyring.isBehind(robotId, keySetVersion));
        return keysBehind ? this.deliver(robotId, entry, keySetVersion) : undefined;
      }
      await this.notifier.wait(robotId, remaining, signal);
      if (this.notifier.closing || signal?.aborted) return undefined; // the robot polls again later
      entry = await this.current(robotId);
      if (entry.version !== knownVersion) return this.deliver(robotId, entry, keySetVersion);
    }
  }

  private async current(robotId: string) {
    const entry = await this.store.current(robotId);
    if (!entry) throw new AppError('not_found', 'Robot or its desired config not found');
    return entry;
  }

  private async deliver(
    robotId: string,
    entry: CachedConfig,
    keySetVersion?: number,
  ): Promise<ConfigEnvelope> {
    const keyUpdates =
      keySetVersion === undefined ? [] : await this.keyring.keyUpdatesFor(robotId, keySetVersion);
    const wave = entry.wave;
    entry.wave = undefined;
    const signStart = wave ? performance.now() : 0;
    // key updates depend on the robot's own key set: such an envelope is signed for it alone
    const envelope =
      keyUpdates.length > 0 ? this.keyring.sign({ ...entry.fields, keyUpdates }) : this.store.signed(entry);
    const ledgerStart = wave ? performance.now() : 0;
    if (!entry.delivered) {
      // Recorded after the answer, in a batch (DeliveryLedger): an ack does not need the record.
      entry.delivered = true;
      void this.ledger.delivered(robotId, entry.version).then((recorded) => {
        if (!recorded) entry.delivered = false; // the next delivery of this version tries again
      });
    }
    wave?.deliveredOne(ledgerStart - signStart, performance.now() - ledgerStart);
    return envelope;
  }

  /**
   * Records the robot's answer to a config it was given. The robot's desired version is accepted
   * whether or not its delivery is recorded yet (deliveries are recorded after the answer). Any other
   * version not recorded as delivered, or an answer contradicting an earlier one, is refused with 409
   * — a version superseded between its answer and its record only after waiting up to
   * ACK_RECORD_GRACE_MS for that record (this process's own pending one, or another process's batch).
   */
  async acknowledge(robotId: string, ack: ConfigAck) {
    let row = await this.ledger.acknowledge(robotId, ack);
    for (let waitMs = ACK_RETRY_FIRST_MS, waited = 0; row.found && !row.delivered; waitMs *= 2) {
      const own = this.ledger.recording(robotId, ack.version);
      if (own) await own;
      else if (waited >= ACK_RECORD_GRACE_MS) break;
      else {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        waited += waitMs;
      }
      row = await this.ledger.acknowledge(robotId, ack);
      if (own) break;
    }
    if (!row.found || !row.delivered) {
      throw new AppError('conflict', `Config version ${ack.version} was never delivered to this robot`);
    }
    if (row.ack_status && row.ack_status !== ack.status) {
      throw new AppError(
        'conflict',
        `Config version ${ack.version} was already acknowledged as ${row.ack_status}`,
      );
    }
    return { version: ack.version, status: ack.status };
  }
}
