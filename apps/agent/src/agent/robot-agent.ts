import path from 'node:path';
import {
  type ConfigKey,
  DEFAULT_TAU,
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
import { AgentRuntime, type StepResult } from '../runtime/agent-runtime.js';
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
  /** the applied config's policy version (null: running on local settings, no config yet) */
  policyVersionId: string | null;
  /** page-rounded host bytes written by the agent: state persistence + outbox + config */
  flashBytes: number;
  stateFlashBytes: number;
  wearFraction: number;
  /** projected end of life at the last window's write rate (null: not writing) */
  endOfLife: Date | null;
  outboxDepth: number;
  /** records lost: outbox bound exceeded, or corrupt log entries */
  outboxDropped: number;
  /** records the API refused for good, kept in the quarantine file */
  outboxQuarantined: number;
  deviceWear?: DeviceWearReading;
}

export interface RobotAgentOptions {
  config: AgentConfig;
  /** a loaded model to share (the fleet simulator shares one session per file) */
  model?: AuraModel;
  /** the built-in synthetic robot driven by {@link RobotAgent.step} (default: core's task) */
  env?: Environment;
  features?: FeatureExtractor;
  now?: () => number;
}

/** Writes and flash bytes since 00:00 UTC of the current day (or since start, if later). */
export interface DayCounters {
  since: string;
  writes: number;
  flashBytes: number;
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
  private policyVersionId: string | undefined;
  private lastStatus: AgentStatus;
  private closed = false;
  private day: { start: number; since: number; writes: number; flashBytes: number };
  /** the window's end time of the last record appended to the outbox */
  lastWindowAt: Date | undefined;
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
    const tau = applied?.tau ?? config.tau ?? Number(model.metadata['aura.defaultTau'] ?? DEFAULT_TAU);
    this.policyVersionId = applied?.policyVersionId;
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
    this.day = { start: 0, since: 0, writes: 0, flashBytes: 0 };
    this.rollDay(now());
  }

  private rollDay(t: number): void {
    const start = Math.floor(t / 86_400_000) * 86_400_000;
    if (start === this.day.start) return;
    this.day = { start, since: t, writes: this.runtime.totals.writes, flashBytes: this.flashBytes() };
  }

  /** writes and flash bytes today (UTC), as of the last closed window */
  today(): DayCounters {
    return {
      since: new Date(this.day.since).toISOString(),
      writes: this.runtime.totals.writes - this.day.writes,
      flashBytes: this.lastStatus.flashBytes - this.day.flashBytes,
    };
  }

  static async open(options: RobotAgentOptions): Promise<RobotAgent> {
    const { config } = options;
    const model =
      options.model ??
      (await loadAuraModel(config.model.path, undefined, {
        executionProviders: config.model.executionProviders,
        ...(config.model.sha256 ? { sha256: config.model.sha256 } : {}),
      }));
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

  /** width of the observations `stepObservation` takes (undefined: no fixed width, or no backbone) */
  get observationDims(): number | undefined {
    return this.runtime.features?.obsDims;
  }

  /** host bytes (page-rounded) everything the agent persisted */
  flashBytes(): number {
    return (
      this.store.stats().flashBytes + this.outbox.counter.flashBytes + this.configStore.counter.flashBytes
    );
  }

  /** One step of the built-in synthetic robot (a client of the stepping API, like the socket). */
  async step(): Promise<void> {
    await this.runtime.step();
    this.tick();
  }

  /** One step from backbone features z (dModel float32 values); the result is reused by the next step. */
  async stepFeatures(z: Float32Array): Promise<StepResult> {
    const r = await this.runtime.stepFeatures(z);
    this.tick();
    return r;
  }

  /** One step from a raw observation through the backbone; the result is reused by the next step. */
  async stepObservation(obs: Float32Array): Promise<StepResult> {
    const r = await this.runtime.stepObservation(obs);
    this.tick();
    return r;
  }

  /** The robot's episode ended (counted; the memory is cleared when `memory.resetOnEpisodeEnd`). */
  endEpisode(success?: boolean): { completed: number; succeeded: number; reset: boolean } {
    return this.runtime.endEpisode(success);
  }

  /** Closes the telemetry window when it is due (steps call it; a timer calls it while nobody steps). */
  tick(): void {
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
        policyVersionId: this.policyVersionId,
        dims: this.model.dims,
        flashBytesWritten: flash,
        wearFraction: wear.wearFraction,
        ...(deviceWear ? { deviceWear } : {}),
        persistMode: this.persistMode,
      }),
    );
    this.lastStatus = {
      ...this.computeStatus(w.steps / seconds, w.steps > 0 ? w.writes / w.steps : 0, wear.wearFraction),
      endOfLife: wear.endOfLife,
      ...(deviceWear ? { deviceWear } : {}),
    };
    this.windowStart = end;
    this.lastWindowAt = new Date(end);
    this.rollDay(end);
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
      policyVersionId: this.policyVersionId ?? null,
      flashBytes: this.flashBytes(),
      stateFlashBytes: this.store.stats().flashBytes,
      wearFraction,
      endOfLife: null,
      outboxDepth: this.outbox.depth,
      outboxDropped: this.outbox.dropped + this.outbox.corrupt,
      outboxQuarantined: this.outbox.quarantined,
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
      outboxDropped: this.outbox.dropped + this.outbox.corrupt,
      outboxQuarantined: this.outbox.quarantined,
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
      { ...options, provisionedKeys: this.config.trustedConfigKeys },
    );
    if (result.status === 'applied') {
      this.runtime.setTau(result.envelope.tau);
      this.policyVersionId = result.envelope.policyVersionId;
    }
    return result;
  }

  /** The version of the config-signing key set this robot trusts (0: its enrolment/provisioned keys). */
  keySetVersion(extraTrustedKeys: readonly ConfigKey[] = []): number {
    return this.configStore.trustedKeys.current([...this.config.trustedConfigKeys, ...extraTrustedKeys])
      .version;
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
