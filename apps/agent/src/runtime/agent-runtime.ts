import type { AuraModel } from '../model/load-aura-model.js';
import type { StateStore } from '../persistence/state-store.js';
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

export interface AgentRuntimeOptions {
  model: AuraModel;
  features: FeatureExtractor;
  env: Environment;
  store: StateStore;
  tau: number;
  /** clear W and b when the environment ends an episode (persisted like a write; default false) */
  resetOnEpisodeEnd?: boolean;
}

/**
 * The on-robot loop: observe → z → one `session.run` → act; the constant state (W, b) is carried
 * between steps and persisted after each write (and after a reset at an episode's end, when enabled).
 * τ changes only at a step boundary.
 */
export class AgentRuntime {
  readonly model: AuraModel;
  private readonly features: FeatureExtractor;
  private readonly env: Environment;
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

  constructor(options: AgentRuntimeOptions) {
    const { model, features, env, store } = options;
    if (features.dModel !== model.dims.dModel) {
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

  async step(): Promise<{ wrote: boolean; gate: number; reward: number }> {
    if (this.inStep) throw new Error('step() called while a step is running');
    this.inStep = true;
    try {
      if (this.pendingTau !== undefined) {
        this.currentTau = this.pendingTau;
        this.pendingTau = undefined;
      }
      const t0 = process.hrtime.bigint();
      const obs = this.env.observe();
      const z = await this.features.encode(obs);
      const out = await this.model.step(z, this.W, this.b, this.currentTau);
      this.totals.steps++;
      this.window.steps++;
      if (out.wrote) {
        this.W.set(out.W);
        this.b.set(out.b);
        this.totals.writes++;
        this.window.writes++;
        this.persistedUpdates++;
        this.store.persist({ W: this.W, b: this.b, steps: this.totals.steps, writes: this.persistedUpdates });
      }
      const outcome = this.env.act(out.action);
      if (outcome.episodeEnd) {
        this.totals.episodesCompleted++;
        this.window.episodesCompleted++;
        if (outcome.success) {
          this.totals.episodesSucceeded++;
          this.window.episodesSucceeded++;
        }
        if (this.resetOnEpisodeEnd) {
          // The next episode starts from an empty memory, as in training. Persisted, so a restart
          // resumes at the next episode's first step with the empty state (one flash write per episode).
          this.W.fill(0);
          this.b.fill(0);
          this.persistedUpdates++;
          this.store.persist({
            W: this.W,
            b: this.b,
            steps: this.totals.steps,
            writes: this.persistedUpdates,
          });
        }
      }
      this.latency.add(Number(process.hrtime.bigint() - t0) / 1000);
      return { wrote: out.wrote, gate: out.gate, reward: outcome.reward };
    } finally {
      this.inStep = false;
    }
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
