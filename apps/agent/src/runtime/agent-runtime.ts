import { performance } from 'node:perf_hooks';
import type { AuraModel } from '../model/load-aura-model.js';
import type { PersistedState, StateStore } from '../persistence/state-store.js';
import type { Environment, FeatureExtractor } from './environment.js';
import { LatencyWindow } from './latency-window.js';

export interface RuntimeCounters {
  steps: number;
  /** gate writes (a reset at an episode's end is not one, though it is persisted) */
  writes: number;
  episodesCompleted: number;
  episodesSucceeded: number;
}

export interface RuntimeWindow extends RuntimeCounters {
  stepLatencyUs: { p50: number; p99: number };
}

/**
 * What one step gives back to the robot. The object and its `action` array are reused by the next
 * step (the step allocates nothing): copy what must outlive it.
 */
export interface StepResult {
  /** steps since the state was created, this one included */
  step: number;
  /** the action head's output (logits for discrete tasks), from z and the memory read-out qᵀW + b */
  action: Float32Array;
  /** write probability p = σ(gate MLP) */
  gate: number;
  /** p > τ: the memory was written (and persisted) this step */
  wrote: boolean;
  /** τ this step used */
  tau: number;
  /** inner prediction error before the write decision */
  surprise: number;
  /** feature extraction (if any) + the session run + persisting a write, µs */
  latencyUs: number;
}

export interface AgentRuntimeOptions {
  model: AuraModel;
  /** observation → z; needed for {@link AgentRuntime.stepObservation} and {@link AgentRuntime.step} */
  features?: FeatureExtractor;
  /** the built-in synthetic robot, for {@link AgentRuntime.step} */
  env?: Environment;
  store: StateStore;
  tau: number;
  /** clear W and b at an episode's end (persisted like a write; default false) */
  resetOnEpisodeEnd?: boolean;
}

/**
 * The on-robot loop: z (or an observation through the feature extractor) → one `session.run` →
 * action; the constant state (W, b) is carried between steps and persisted after each write (and
 * after a reset at an episode's end, when enabled). τ changes only at a step boundary. Whoever drives
 * the robot calls {@link stepFeatures}/{@link stepObservation} and {@link endEpisode}; the socket
 * server and the synthetic robot ({@link step}) are two such drivers.
 */
export class AgentRuntime {
  readonly model: AuraModel;
  readonly features: FeatureExtractor | undefined;
  private readonly env: Environment | undefined;
  private readonly store: StateStore;
  readonly W: Float32Array;
  readonly b: Float32Array;
  private currentTau: number;
  private pendingTau: number | undefined;
  private inStep = false;
  readonly totals: RuntimeCounters;
  private window: RuntimeCounters = { steps: 0, writes: 0, episodesCompleted: 0, episodesSucceeded: 0 };
  private readonly latency = new LatencyWindow();
  private readonly resetOnEpisodeEnd: boolean;
  /**
   * State updates persisted (gate writes + episode-end resets): the store's sequence number. Telemetry
   * windows count gate writes only; after a restart `totals.writes` starts from this number.
   */
  private persistedUpdates: number;
  private readonly persisted: PersistedState;
  private readonly result: StepResult;
  private readonly synthetic = { wrote: false, gate: 0, reward: 0 };

  constructor(options: AgentRuntimeOptions) {
    const { model, features, env, store } = options;
    if (features && features.dModel !== model.dims.dModel) {
      throw new Error(
        `features from ${features.source} have width ${features.dModel}, the memory model expects z of ${model.dims.dModel}`,
      );
    }
    this.model = model;
    this.features = features;
    this.env = env;
    this.store = store;
    this.W = store.initial.W.slice();
    this.b = store.initial.b.slice();
    checkTau(options.tau);
    this.currentTau = options.tau;
    this.resetOnEpisodeEnd = options.resetOnEpisodeEnd ?? false;
    this.persistedUpdates = store.initial.writes;
    this.totals = {
      steps: store.initial.steps,
      writes: store.initial.writes,
      episodesCompleted: 0,
      episodesSucceeded: 0,
    };
    this.persisted = { W: this.W, b: this.b, steps: 0, writes: 0 };
    this.result = {
      step: 0,
      action: new Float32Array(model.dims.dAction),
      gate: 0,
      wrote: false,
      tau: options.tau,
      surprise: 0,
      latencyUs: 0,
    };
  }

  get tau(): number {
    return this.pendingTau ?? this.currentTau;
  }

  /** τ for the next step; a step already running finishes with the old value. */
  setTau(tau: number): void {
    checkTau(tau);
    this.pendingTau = tau;
  }

  /** τ the last (or running) step used */
  get appliedTau(): number {
    return this.currentTau;
  }

  /** a step is running (steps run one at a time) */
  get busy(): boolean {
    return this.inStep;
  }

  /** One step from backbone features z (float32, dModel values). */
  stepFeatures(z: Float32Array): Promise<StepResult> {
    return this.run(z, undefined);
  }

  /** One step from a raw observation, through the feature extractor (backbone). */
  stepObservation(obs: Float32Array): Promise<StepResult> {
    if (!this.features) {
      return Promise.reject(new Error('no feature extractor: this agent takes backbone features z'));
    }
    return this.run(undefined, obs);
  }

  /** one async frame per step (each await layer allocates): encode, run, account, time */
  private async run(z: Float32Array | undefined, obs: Float32Array | undefined): Promise<StepResult> {
    if (this.inStep) throw new Error('a step is already running (steps run one at a time)');
    this.inStep = true;
    try {
      if (this.pendingTau !== undefined) {
        this.currentTau = this.pendingTau;
        this.pendingTau = undefined;
      }
      const t0 = performance.now();
      let features = z;
      if (!features) {
        const encoded = (this.features as FeatureExtractor).encode(obs as Float32Array);
        features = encoded instanceof Promise ? await encoded : encoded;
      }
      const out = await this.model.step(features, this.W, this.b, this.currentTau);
      this.totals.steps++;
      this.window.steps++;
      if (out.wrote) {
        this.W.set(out.W);
        this.b.set(out.b);
        this.totals.writes++;
        this.window.writes++;
        this.persistedUpdates++;
        this.persist();
      }
      const r = this.result;
      r.step = this.totals.steps;
      r.action.set(out.action);
      r.gate = out.gate;
      r.wrote = out.wrote;
      r.tau = this.currentTau;
      r.surprise = out.surprise;
      r.latencyUs = (performance.now() - t0) * 1000;
      this.latency.add(r.latencyUs);
      return r;
    } finally {
      this.inStep = false;
    }
  }

  private persist(): void {
    this.persisted.steps = this.totals.steps;
    this.persisted.writes = this.persistedUpdates;
    this.store.persist(this.persisted);
  }

  /**
   * The episode ended (the robot says so, between steps): counted, and the memory is cleared when
   * `resetOnEpisodeEnd` is on. The reset is persisted, so a restart resumes with the empty state.
   */
  endEpisode(success?: boolean): { completed: number; succeeded: number; reset: boolean } {
    if (this.inStep) throw new Error('an episode cannot end while a step is running');
    this.totals.episodesCompleted++;
    this.window.episodesCompleted++;
    if (success) {
      this.totals.episodesSucceeded++;
      this.window.episodesSucceeded++;
    }
    if (this.resetOnEpisodeEnd) {
      // The next episode starts from an empty memory, as in training (one flash write per episode).
      this.W.fill(0);
      this.b.fill(0);
      this.persistedUpdates++;
      this.persist();
    }
    return {
      completed: this.totals.episodesCompleted,
      succeeded: this.totals.episodesSucceeded,
      reset: this.resetOnEpisodeEnd,
    };
  }

  /**
   * One step of the built-in synthetic robot, a client of the stepping API like any other:
   * observe → {@link stepObservation} → act → {@link endEpisode} when the episode ends. The
   * returned object is reused by the next call.
   */
  async step(): Promise<{ wrote: boolean; gate: number; reward: number }> {
    const env = this.env;
    if (!env) throw new Error('no environment: drive this runtime with stepFeatures/stepObservation');
    const r = await this.stepObservation(env.observe());
    const outcome = env.act(r.action);
    if (outcome.episodeEnd) this.endEpisode(outcome.success);
    const s = this.synthetic;
    s.wrote = r.wrote;
    s.gate = r.gate;
    s.reward = outcome.reward;
    return s;
  }

  /** steps since the last {@link takeWindow} */
  get windowSteps(): number {
    return this.window.steps;
  }

  /** counters since the last call, with step latency percentiles; starts a new window */
  takeWindow(): RuntimeWindow {
    const w = { ...this.window, stepLatencyUs: this.latency.percentiles() };
    this.window = { steps: 0, writes: 0, episodesCompleted: 0, episodesSucceeded: 0 };
    this.latency.reset();
    return w;
  }
}

function checkTau(tau: number): void {
  if (!(tau >= 0 && tau <= 1)) throw new RangeError(`tau must be in [0, 1], got ${tau}`);
}
