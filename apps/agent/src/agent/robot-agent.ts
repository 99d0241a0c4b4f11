import path from 'node:path';
import {
  type ConfigKey,
  type DeviceProfile,
  estimateFlashWear,
  type PersistMode,
  type TelemetryRecord,
} from '@aura/core';
import type { AgentConfig } from '../config/agent-config.js';
import { type ApplyConfigResult, ConfigStore } from '../config-store/config-store.js';
import { type DeviceWearReading, readDeviceWear } from '../device-wear/read-device-wear.js';
import { type AuraModel, loadAuraModel } from '../model/load-aura-model.js';
import { openStateStore, type StateStore } from '../persistence/state-store.js';
import { AgentRuntime } from '../runtime/agent-runtime.js';
import {
  type Environment,
  type FeatureExtractor,
  featuresFromModelMetadata,
  SyntheticTaskEnvironment,
} from '../runtime/environment.js';
import { loadOnnxBackbone } from '../runtime/onnx-backbone.js';
import { buildTelemetryRecord } from '../telemetry/build-telemetry-record.js';
import { Outbox } from '../telemetry/outbox.js';

export interface AgentStatus {
  steps: number;
  writes: number;
  stepsPerSecond: number;
  /** writes ÷ steps over the last window */
  writeFraction: number;
  tau: number;
  policyVersion: string;
  /** page-rounded host bytes written by the agent: state persistence + outbox + config */
  flashBytes: number;
  stateFlashBytes: number;
  wearFraction: number;
  /** projected end of life at the last window's write rate (null: not writing) */
  endOfLife: Date | null;
  outboxDepth: number;
  outboxDropped: number;
  deviceWear?: DeviceWearReading;
}

export interface RobotAgentOptions {
  config: AgentConfig;
  /** a loaded model to share (the fleet simulator shares one session per file) */
  model?: AuraModel;
  env?: Environment;
  features?: FeatureExtractor;
  now?: () => number;
}

/**
 * One robot: the runtime loop, its persisted state, telemetry windows into the durable outbox, the
 * last good config. Talking to the API (enrolment, upload, config polling) plugs in from outside.
 */
export class RobotAgent {
  readonly runtime: AgentRuntime;
  readonly outbox: Outbox;
  readonly configStore: ConfigStore;
  private readonly store: StateStore;
  private readonly profile: DeviceProfile;
  private readonly now: () => number;
  private windowStart: number;
  private policyVersion: string;
  private lastStatus: AgentStatus;
  private closed = false;
  readonly persistMode: PersistMode;

  private constructor(
    readonly config: AgentConfig,
    readonly model: AuraModel,
    private readonly ownsModel: boolean,
    features: FeatureExtractor,
    env: Environment | undefined,
    now: () => number,
  ) {
    this.now = now;
    this.profile = config.device;
    this.configStore = new ConfigStore(path.join(config.stateDir, 'config'));
    this.outbox = new Outbox({
      dir: path.join(config.stateDir, 'outbox'),
      maxRecords: config.telemetry.outboxMaxRecords,
      pageBytes: config.device.pageBytes,
    });
    // a signed config's persistMode wins over the file; it takes effect at start (migrating files)
    this.persistMode = this.configStore.applied?.persistMode ?? config.persistence.mode;
    this.store = openStateStore({
      mode: this.persistMode,
      dir: config.persistence.dir ?? path.join(config.stateDir, 'state'),
      dims: model.dims,
      checkpointEvery: config.persistence.checkpointEvery,
      pageBytes: config.device.pageBytes,
    });
    const applied = this.configStore.applied;
    const tau = applied?.tau ?? config.tau ?? Number(model.metadata['aura.defaultTau'] ?? 0.5);
    this.policyVersion = applied?.policyVersionId ?? 'local-default';
    const task = config.environment.task ?? model.metadata['aura.task'] ?? 'hard';
    this.runtime = new AgentRuntime({
      model,
      features,
      env: env ?? new SyntheticTaskEnvironment(task, config.environment.seed, this.store.initial.steps),
      store: this.store,
      tau,
      resetOnEpisodeEnd: config.memory.resetOnEpisodeEnd,
    });
    this.windowStart = now();
    this.lastStatus = this.computeStatus(0, 0, 0);
  }

  static async open(options: RobotAgentOptions): Promise<RobotAgent> {
    const { config } = options;
    const model = options.model ?? (await loadAuraModel(config.model.path));
    let features = options.features;
    if (!features && config.model.backbonePath) {
      const obsDims = Number(model.metadata['aura.obsDims']);
      features = await loadOnnxBackbone(config.model.backbonePath, {
        dModel: model.dims.dModel,
        ...(Number.isInteger(obsDims) && obsDims > 0 ? { obsDims } : {}),
      });
    }
    features ??= featuresFromModelMetadata(model.metadata, model.dims.dModel);
    if (!features) {
      throw new Error(
        `model ${config.model.path} names no frozen backbone (aura.obsDims, aura.backboneSeed): set model.backbonePath`,
      );
    }
    return new RobotAgent(config, model, !options.model, features, options.env, options.now ?? Date.now);
  }

  /** host bytes (page-rounded) everything the agent persisted */
  flashBytes(): number {
    return (
      this.store.stats().flashBytes + this.outbox.counter.flashBytes + this.configStore.counter.flashBytes
    );
  }

  async step(): Promise<void> {
    await this.runtime.step();
    if (this.now() - this.windowStart >= this.config.telemetry.windowSeconds * 1000) this.closeWindow();
  }

  /** Ends the current telemetry window: builds the record and appends it to the outbox. */
  closeWindow(): TelemetryRecord | undefined {
    const end = this.now();
    const flashBefore = this.lastStatus.flashBytes;
    const w = this.runtime.takeWindow();
    const seconds = Math.max(1e-3, (end - this.windowStart) / 1000);
    const flash = this.flashBytes();
    const wear = estimateFlashWear({
      hostBytes: flash,
      bytesPerSecond: (flash - flashBefore) / seconds,
      profile: this.profile,
      now: new Date(end),
    });
    const deviceWear = readDeviceWear(this.config.deviceWear, this.profile);
    const record = this.outbox.append(
      buildTelemetryRecord({
        windowStart: new Date(this.windowStart),
        windowEnd: new Date(end),
        window: w,
        totalSteps: this.runtime.totals.steps,
        tau: this.runtime.appliedTau,
        policyVersion: this.policyVersion,
        dims: this.model.dims,
        flashBytesWritten: flash,
        wearFraction: wear.wearFraction,
        ...(deviceWear ? { deviceWear } : {}),
      }),
    );
    this.lastStatus = {
      ...this.computeStatus(w.steps / seconds, w.steps > 0 ? w.writes / w.steps : 0, wear.wearFraction),
      endOfLife: wear.endOfLife,
      ...(deviceWear ? { deviceWear } : {}),
    };
    this.windowStart = end;
    return record;
  }

  /** closes the current window if it holds any steps (shutdown) */
  closeOpenWindow(): TelemetryRecord | undefined {
    return this.runtime.windowSteps > 0 ? this.closeWindow() : undefined;
  }

  private computeStatus(stepsPerSecond: number, writeFraction: number, wearFraction: number): AgentStatus {
    return {
      steps: this.runtime.totals.steps,
      writes: this.runtime.totals.writes,
      stepsPerSecond,
      writeFraction,
      tau: this.runtime.tau,
      policyVersion: this.policyVersion,
      flashBytes: this.flashBytes(),
      stateFlashBytes: this.store.stats().flashBytes,
      wearFraction,
      endOfLife: null,
      outboxDepth: this.outbox.depth,
      outboxDropped: this.outbox.dropped,
    };
  }

  /** status as of the last closed window, with live counters */
  status(): AgentStatus {
    return {
      ...this.lastStatus,
      steps: this.runtime.totals.steps,
      writes: this.runtime.totals.writes,
      tau: this.runtime.tau,
      outboxDepth: this.outbox.depth,
      outboxDropped: this.outbox.dropped,
    };
  }

  /**
   * Verifies and applies a signed config envelope (the control-plane client calls this); τ takes
   * effect at the next step boundary. An envelope's `persistMode` takes effect at the next start.
   * `robotId` (this robot's, once enrolled) refuses an envelope addressed to another robot.
   */
  applyConfig(
    envelope: unknown,
    extraTrustedKeys: readonly ConfigKey[] = [],
    options: { robotId?: string } = {},
  ): ApplyConfigResult {
    const result = this.configStore.applyConfig(
      envelope,
      [...this.config.trustedConfigKeys, ...extraTrustedKeys],
      options,
    );
    if (result.status === 'applied') {
      this.runtime.setTau(result.envelope.tau);
      this.policyVersion = result.envelope.policyVersionId;
    }
    return result;
  }

  /** closes the current (partial) window into the outbox and releases files */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closeOpenWindow();
    this.store.close();
    this.outbox.close();
    if (this.ownsModel) await this.model.release();
  }
}
