import {
  type Backbone,
  createBackbone,
  generateTaskEpisode,
  getTaskConfig,
  type TaskConfig,
  type TaskEpisode,
} from '@aura/core';

/** What one action earned. */
export interface StepOutcome {
  reward: number;
  /** the episode ended with this step */
  episodeEnd: boolean;
  /** set on the last step of an episode: did the episode succeed? */
  success?: boolean;
}

/**
 * The robot as the agent sees it. A real integration implements this over its sensors and
 * actuators; the default is the synthetic task from core.
 */
export interface Environment {
  /** width of the observation vector */
  readonly obsDims: number;
  observe(): Float32Array;
  /** the returned object may be reused by the next call */
  act(action: Float32Array): StepOutcome;
}

/** Observation → z (float32 [dModel]). The default is core's frozen backbone; a user ONNX backbone also fits. */
export interface FeatureExtractor {
  readonly dModel: number;
  /** width of the observations it takes, when fixed */
  readonly obsDims?: number;
  readonly source: string;
  encode(obs: Float32Array): Float32Array | Promise<Float32Array>;
  release?(): Promise<void>;
}

export function frozenBackboneFeatures(dObs: number, dModel: number, seed: number): FeatureExtractor {
  const backbone: Backbone = createBackbone(dObs, dModel, seed);
  const out = new Float32Array(dModel);
  return {
    dModel,
    obsDims: dObs,
    source: `core frozen backbone (seed ${seed})`,
    encode: (obs) => backbone.encode(obs, out),
  };
}

function argmax(x: Float32Array): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if ((x[i] as number) > (x[best] as number)) best = i;
  return best;
}

/** Fraction of an episode's queries that must be answered right for the episode to count as a success. */
export const EPISODE_SUCCESS_ACCURACY = 0.75;

/**
 * Core's synthetic event-stream task as an endless sequence of seeded episodes. The position is a
 * pure function of the step index, so an agent resumed at step S sees what an uninterrupted one
 * would have seen.
 */
export class SyntheticTaskEnvironment implements Environment {
  readonly obsDims: number;
  readonly config: TaskConfig;
  private episode!: TaskEpisode;
  private episodeIndex = -1;
  private position = 0;
  private correct = 0;
  private queries = 0;
  /** reused by every act() */
  private readonly outcome: StepOutcome = { reward: 0, episodeEnd: false };

  constructor(
    configName = 'hard',
    private readonly seed = 1,
    startStep = 0,
  ) {
    this.config = getTaskConfig(configName);
    const first = generateTaskEpisode(this.config, this.episodeSeed(0));
    this.obsDims = first.steps[0]?.obs.length ?? 0;
    this.seek(startStep);
  }

  private episodeSeed(index: number): number {
    return (this.seed * 1_000_003 + index * 2 + 1) % 2_147_483_647;
  }

  private seek(step: number): void {
    const L = this.config.episodeLength;
    this.load(Math.floor(step / L));
    this.position = step % L;
  }

  private load(index: number): void {
    this.episodeIndex = index;
    this.episode = generateTaskEpisode(this.config, this.episodeSeed(index));
    this.position = 0;
    this.correct = 0;
    this.queries = 0;
  }

  observe(): Float32Array {
    return (this.episode.steps[this.position] as { obs: Float32Array }).obs;
  }

  act(action: Float32Array): StepOutcome {
    const step = this.episode.steps[this.position];
    let reward = 0;
    if (step && step.target >= 0) {
      this.queries++;
      if (argmax(action) === step.target) {
        this.correct++;
        reward = 1;
      }
    }
    this.position++;
    const o = this.outcome;
    o.reward = reward;
    if (this.position < this.episode.steps.length) {
      o.episodeEnd = false;
      o.success = undefined;
      return o;
    }
    o.episodeEnd = true;
    o.success = this.queries > 0 && this.correct / this.queries >= EPISODE_SUCCESS_ACCURACY;
    this.load(this.episodeIndex + 1);
    return o;
  }
}

/**
 * The frozen backbone a model was trained with, from its metadata (`aura.obsDims`,
 * `aura.backboneSeed`); undefined when the model does not name one.
 */
export function featuresFromModelMetadata(
  metadata: Record<string, string>,
  dModel: number,
): FeatureExtractor | undefined {
  const obsDims = Number(metadata['aura.obsDims']);
  const seed = Number(metadata['aura.backboneSeed']);
  if (!Number.isInteger(obsDims) || obsDims <= 0 || !Number.isInteger(seed)) return undefined;
  return frozenBackboneFeatures(obsDims, dModel, seed);
}
