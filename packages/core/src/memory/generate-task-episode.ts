import { createRng } from './create-rng.js';
import type { WriteSchedule } from './create-write-schedule.js';

/**
 * Synthetic closed-loop tasks (specified in docs/tasks.md). The agent acts on every step; steps of kind
 * `query` are scored against an 8-way target that depends on earlier relevant steps only.
 *
 * The step kind is ground truth for evaluation and the oracle. v1 tasks (`recall`, `event-stream`) also
 * show it to the model as a one-hot; the v2 task (`cued-stream`) does not: there, relevant and
 * irrelevant bindings come from identical distributions and relevance follows from content and memory.
 */
export type StepKind = 'background' | 'event' | 'distractor' | 'query' | 'cue' | 'repeat';
/** Every step kind (v2 adds `cue` and `repeat`). */
export const STEP_KINDS: readonly StepKind[] = [
  'background',
  'event',
  'distractor',
  'query',
  'cue',
  'repeat',
];
/** The kinds v1 observations show as a one-hot, in this order. */
export const V1_OBS_KINDS: readonly StepKind[] = ['background', 'event', 'distractor', 'query'];

export const KEY_SLOTS = 8;
export const N_VALUES = 8;
export const NOISE_DIMS = 8;
/** v1 observation width: kind one-hot (4) + key slots (8) + value one-hot (8) + noise/pattern (8). */
export const OBS_DIMS = V1_OBS_KINDS.length + KEY_SLOTS + N_VALUES + NOISE_DIMS;
/** Channels a v2 binding can be tagged with; the episode's cue selects one. */
export const CHANNELS = 2;
/** v2 observation width: key slots (8) + value one-hot (8) + channel tag (2) + pattern (8); no kind flag. */
export const OBS_DIMS_V2 = KEY_SLOTS + N_VALUES + CHANNELS + NOISE_DIMS;
const KEY_OFF = V1_OBS_KINDS.length;
const VAL_OFF = KEY_OFF + KEY_SLOTS;
const NOISE_OFF = VAL_OFF + N_VALUES;
/** Background observations draw from this many fixed ("familiar") patterns. */
export const BACKGROUND_PATTERNS = 4;
const BACKGROUND_SEED = 0xb6;

export interface TaskConfig {
  name: string;
  task: 'recall' | 'event-stream' | 'cued-stream';
  description: string;
  episodeLength: number;
  /** distinct keys (≤ 8) */
  nKeys: number;
  /** real events (bindings) per episode */
  events: number;
  /** scored query steps per episode */
  queries: number;
  /** distractor steps per episode */
  distractors: number;
  /** std of Gaussian noise added to the key one-hot on event and query steps */
  keyNoise: number;
  /** std of the novel Gaussian features carried by distractors (v1 only) */
  distractorScale: number;
  /** v2 (`cued-stream`): rebindings on the cued channel that repeat the value already stored */
  repeats?: number;
}

export const TASK_CONFIGS = {
  easy: {
    name: 'easy',
    task: 'event-stream',
    description: 'event-sparse stream, 4 keys, 7 events in 64 steps, 8 distractors, clean keys',
    episodeLength: 64,
    nKeys: 4,
    events: 7,
    queries: 8,
    distractors: 8,
    keyNoise: 0,
    distractorScale: 1.5,
  },
  hard: {
    name: 'hard',
    task: 'event-stream',
    description: 'event-sparse stream, 8 keys, 8 events in 36 steps, 10 distractors, noisy keys',
    episodeLength: 36,
    nKeys: 8,
    events: 8,
    queries: 8,
    distractors: 10,
    keyNoise: 0.35,
    distractorScale: 2,
  },
  'hard-v2': {
    name: 'hard-v2',
    task: 'cued-stream',
    description:
      'cued stream, no step-kind flag: a cue picks 1 of 2 channels; 8 keys, 5 relevant bindings, 5 repeats, 8 off-channel bindings, 8 queries in 48 steps, noisy keys',
    episodeLength: 48,
    nKeys: 8,
    events: 5,
    queries: 8,
    distractors: 8,
    repeats: 5,
    keyNoise: 0.35,
    distractorScale: 0,
  },
  'easy-v2': {
    name: 'easy-v2',
    task: 'cued-stream',
    description:
      'cued stream, no step-kind flag, near-saturated: 4 keys, 5 relevant bindings, 6 repeats, 8 off-channel bindings, 8 queries in 64 steps, clean keys',
    episodeLength: 64,
    nKeys: 4,
    events: 5,
    queries: 8,
    distractors: 8,
    repeats: 6,
    keyNoise: 0,
    distractorScale: 0,
  },
  recall: {
    name: 'recall',
    task: 'recall',
    description:
      'multi-binding associative recall: 8 distinct keys bound in the first half, 8 queries in the second',
    episodeLength: 40,
    nKeys: 8,
    events: 8,
    queries: 8,
    distractors: 0,
    keyNoise: 0,
    distractorScale: 0,
  },
} as const satisfies Record<string, TaskConfig>;

export type TaskConfigName = keyof typeof TASK_CONFIGS;

export function getTaskConfig(name: string): TaskConfig {
  const c = (TASK_CONFIGS as Record<string, TaskConfig>)[name];
  if (!c) throw new Error(`unknown task config "${name}"; known: ${Object.keys(TASK_CONFIGS).join(', ')}`);
  return c;
}

export interface TaskStep {
  kind: StepKind;
  /** key slot for event / distractor / query steps, else −1 */
  key: number;
  /** value carried by event / distractor steps, else −1 */
  value: number;
  /** correct action on query steps, else −1 (not scored) */
  target: number;
  obs: Float32Array;
}

export interface TaskEpisode {
  config: TaskConfig;
  seed: number;
  steps: TaskStep[];
}

let backgroundCache: Float32Array[] | undefined;
function backgroundPatterns(): Float32Array[] {
  if (!backgroundCache) {
    const rng = createRng(BACKGROUND_SEED);
    backgroundCache = Array.from({ length: BACKGROUND_PATTERNS }, () =>
      Float32Array.from({ length: NOISE_DIMS }, () => rng.normal()),
    );
  }
  return backgroundCache;
}

function validate(c: TaskConfig): void {
  const used = c.events + c.queries + c.distractors + (c.repeats ?? 0) + (c.task === 'cued-stream' ? 1 : 0);
  if (c.nKeys < 1 || c.nKeys > KEY_SLOTS) throw new RangeError(`nKeys must be 1..${KEY_SLOTS}`);
  if (used > c.episodeLength)
    throw new RangeError(`${c.name}: events+queries+distractors exceed the episode`);
  if (c.events < 1 || c.queries < 1)
    throw new RangeError(`${c.name}: needs at least one event and one query`);
  if (c.task === 'recall' && c.events !== c.nKeys)
    throw new RangeError('recall binds every key exactly once');
  if (c.task === 'recall' && c.events + c.distractors > Math.floor(c.episodeLength / 2)) {
    throw new RangeError('recall: bindings and distractors must fit in the first half');
  }
}

function kindSequence(c: TaskConfig, rng: ReturnType<typeof createRng>): StepKind[] {
  const T = c.episodeLength;
  if (c.task === 'recall') {
    const half = Math.floor(T / 2);
    const first: StepKind[] = [];
    for (let i = 0; i < c.events; i++) first.push('event');
    for (let i = 0; i < c.distractors; i++) first.push('distractor');
    while (first.length < half) first.push('background');
    const second: StepKind[] = [];
    for (let i = 0; i < c.queries; i++) second.push('query');
    while (second.length < T - half) second.push('background');
    return [...rng.shuffle(first), ...rng.shuffle(second)];
  }
  const kinds: StepKind[] = [];
  for (let i = 0; i < c.events; i++) kinds.push('event');
  for (let i = 0; i < c.queries; i++) kinds.push('query');
  for (let i = 0; i < c.distractors; i++) kinds.push('distractor');
  while (kinds.length < T) kinds.push('background');
  rng.shuffle(kinds);
  // every query needs an earlier event: move the first event in front of the first query
  const firstEvent = kinds.indexOf('event');
  const firstQuery = kinds.indexOf('query');
  if (firstQuery < firstEvent) {
    kinds[firstQuery] = 'event';
    kinds[firstEvent] = 'query';
  }
  return kinds;
}

const V2_VAL_OFF = KEY_SLOTS;
const V2_CH_OFF = KEY_SLOTS + N_VALUES;
const V2_PAT_OFF = V2_CH_OFF + CHANNELS;

/**
 * v2 (`cued-stream`): step 0 is a cue naming one of {@link CHANNELS} channels; then, in a random order,
 * `events` relevant bindings (cued channel; first binding of a key in the episode or a changed value),
 * `repeats` rebindings on the cued channel that repeat the value already bound (nothing to write),
 * `distractors` bindings on the other channel (never asked about), `queries` and background. Every
 * binding shows key (+ noise), value, channel tag and a familiar pattern: relevant and irrelevant
 * bindings are drawn from the same distribution, and which is which follows only from the cue and
 * what the memory already holds.
 */
function generateCuedEpisode(config: TaskConfig, seed: number): TaskEpisode {
  const rng = createRng(seed);
  const T = config.episodeLength;
  const kinds: StepKind[] = [];
  for (let i = 0; i < config.events; i++) kinds.push('event');
  for (let i = 0; i < (config.repeats ?? 0); i++) kinds.push('repeat');
  for (let i = 0; i < config.queries; i++) kinds.push('query');
  for (let i = 0; i < config.distractors; i++) kinds.push('distractor');
  while (kinds.length < T - 1) kinds.push('background');
  rng.shuffle(kinds);
  placeFirstEvent(kinds);
  kinds.unshift('cue');
  const channel = rng.int(CHANNELS);
  const current = new Array<number>(config.nKeys).fill(-1);
  const steps = kinds.map((kind) => drawCuedStep(config, kind, channel, current, rng));
  return { config, seed, steps };
}

/** The first step that needs a bound key (repeat, query) must come after a relevant binding: swap them. */
function placeFirstEvent(kinds: StepKind[]): void {
  const firstEvent = kinds.indexOf('event');
  const firstNeed = kinds.findIndex((k) => k === 'repeat' || k === 'query');
  if (firstNeed >= 0 && firstNeed < firstEvent) {
    kinds[firstEvent] = kinds[firstNeed] as StepKind;
    kinds[firstNeed] = 'event';
  }
}

/** One v2 step of `kind` on the cued `channel`; `current` (value per key on that channel, −1 unbound) is updated. */
function drawCuedStep(
  config: TaskConfig,
  kind: StepKind,
  channel: number,
  current: number[],
  rng: ReturnType<typeof createRng>,
): TaskStep {
  const obs = new Float32Array(OBS_DIMS_V2);
  obs.set(backgroundPatterns()[rng.int(BACKGROUND_PATTERNS)] as Float32Array, V2_PAT_OFF);
  let key = -1;
  let value = -1;
  let target = -1;
  let tag = -1;
  const bound = () => {
    const b: number[] = [];
    for (let i = 0; i < config.nKeys; i++) if ((current[i] as number) >= 0) b.push(i);
    return b;
  };
  if (kind === 'cue') {
    obs[V2_CH_OFF + channel] = 1;
  } else if (kind === 'event') {
    key = rng.int(config.nKeys);
    const prev = current[key] as number;
    value = prev < 0 ? rng.int(N_VALUES) : (prev + 1 + rng.int(N_VALUES - 1)) % N_VALUES;
    current[key] = value;
    tag = channel;
  } else if (kind === 'repeat') {
    const b = bound();
    key = b[rng.int(b.length)] as number;
    value = current[key] as number;
    tag = channel;
  } else if (kind === 'distractor') {
    key = rng.int(config.nKeys);
    value = rng.int(N_VALUES);
    tag = (channel + 1 + rng.int(CHANNELS - 1)) % CHANNELS;
  } else if (kind === 'query') {
    const b = bound();
    key = b[rng.int(b.length)] as number;
    target = current[key] as number;
  }
  if (key >= 0) {
    obs[key] = 1;
    if (config.keyNoise > 0) {
      for (let i = 0; i < KEY_SLOTS; i++) obs[i] = (obs[i] as number) + rng.normal() * config.keyNoise;
    }
  }
  if (value >= 0) obs[V2_VAL_OFF + value] = 1;
  if (tag >= 0) obs[V2_CH_OFF + tag] = 1;
  return { kind, key, value, target, obs };
}

/** The seed of future k of K redrawn after step t of the episode with seed `episodeSeed` (a safe integer for K ≤ 64). */
export function futureEpisodeSeed(episodeSeed: number, t: number, k: number, K: number): number {
  return episodeSeed * 64 * K + t * K + k + 1;
}

/**
 * Another future for a v2 episode (diagnostics only): steps 0..`from` are the episode's own (the same objects);
 * steps `from + 1`… are drawn afresh from `seed` — the kinds the prefix has not used, in a uniform random order
 * (the generator's first-binding rule applied while the prefix holds no relevant binding), keys, values, noise and
 * patterns new, queries answered from the prefix's bindings and the new ones. This is the task's distribution of
 * the rest of the episode given its beginning up to one detail: when the generator's swap moved a relevant binding
 * into the prefix, the kind it displaced sits at a uniform place here instead of at the binding's old place.
 */
export function continueTaskEpisode(episode: TaskEpisode, from: number, seed: number): TaskEpisode {
  const { config } = episode;
  if (config.task !== 'cued-stream') throw new Error('continueTaskEpisode: only v2 (cued-stream) episodes');
  const T = episode.steps.length;
  if (!Number.isInteger(from) || from < 0 || from >= T)
    throw new Error(`continueTaskEpisode: from must be a step index in 0..${T - 1}, got ${from}`);
  const prefix = episode.steps.slice(0, from + 1);
  const cue = prefix[0] as TaskStep;
  let channel = -1;
  for (let c = 0; c < CHANNELS; c++) if (cue.obs[V2_CH_OFF + c] === 1) channel = c;
  const current = new Array<number>(config.nKeys).fill(-1);
  const left = new Map<StepKind, number>([
    ['event', config.events],
    ['repeat', config.repeats ?? 0],
    ['query', config.queries],
    ['distractor', config.distractors],
    ['background', T - 1 - config.events - (config.repeats ?? 0) - config.queries - config.distractors],
  ]);
  for (const st of prefix.slice(1)) {
    left.set(st.kind, (left.get(st.kind) ?? 0) - 1);
    if (st.kind === 'event') current[st.key] = st.value;
  }
  const rng = createRng(seed);
  const kinds: StepKind[] = [];
  for (const [kind, n] of left) for (let i = 0; i < n; i++) kinds.push(kind);
  rng.shuffle(kinds);
  if (!prefix.some((st) => st.kind === 'event')) placeFirstEvent(kinds);
  const steps = [...prefix, ...kinds.map((kind) => drawCuedStep(config, kind, channel, current, rng))];
  return { config, seed: episode.seed, steps };
}

/** Observation width of a task's episodes. */
export function obsDimsOf(config: TaskConfig): number {
  return config.task === 'cued-stream' ? OBS_DIMS_V2 : OBS_DIMS;
}

/** Steps the oracle writes: real events and (v2) the episode's cue. */
export function isRelevantStep(kind: StepKind): boolean {
  return kind === 'event' || kind === 'cue';
}

/** One seeded episode; the same (config, seed) always gives the same episode. */
export function generateTaskEpisode(config: TaskConfig, seed: number): TaskEpisode {
  validate(config);
  if (config.task === 'cued-stream') return generateCuedEpisode(config, seed);
  const rng = createRng(seed);
  const kinds = kindSequence(config, rng);
  const patterns = backgroundPatterns();
  const current = new Array<number>(config.nKeys).fill(-1);
  const unboundKeys = rng.shuffle(Array.from({ length: config.nKeys }, (_, i) => i));
  const steps: TaskStep[] = kinds.map((kind) => {
    const obs = new Float32Array(OBS_DIMS);
    obs[V1_OBS_KINDS.indexOf(kind)] = 1;
    let key = -1;
    let value = -1;
    let target = -1;
    if (kind === 'background') {
      obs.set(patterns[rng.int(BACKGROUND_PATTERNS)] as Float32Array, NOISE_OFF);
    } else if (kind === 'event') {
      key = config.task === 'recall' ? (unboundKeys.pop() as number) : rng.int(config.nKeys);
      const prev = current[key] as number;
      // a real event always changes the correct later action for its key
      value = prev < 0 ? rng.int(N_VALUES) : (prev + 1 + rng.int(N_VALUES - 1)) % N_VALUES;
      current[key] = value;
    } else if (kind === 'distractor') {
      key = rng.int(config.nKeys);
      value = rng.int(N_VALUES);
      for (let i = 0; i < NOISE_DIMS; i++) obs[NOISE_OFF + i] = rng.normal() * config.distractorScale;
    } else {
      const bound: number[] = [];
      for (let i = 0; i < config.nKeys; i++) if ((current[i] as number) >= 0) bound.push(i);
      key = bound[rng.int(bound.length)] as number;
      target = current[key] as number;
    }
    if (key >= 0) {
      obs[KEY_OFF + key] = 1;
      if (config.keyNoise > 0 && kind !== 'distractor') {
        for (let i = 0; i < KEY_SLOTS; i++)
          obs[KEY_OFF + i] = (obs[KEY_OFF + i] as number) + rng.normal() * config.keyNoise;
      }
    }
    if (value >= 0) obs[VAL_OFF + value] = 1;
    return { kind, key, value, target, obs };
  });
  return { config, seed, steps };
}

/**
 * Episode seeds: training uses even seeds, held-out evaluation odd seeds, so the two sets can never
 * overlap whatever the run seeds are.
 */
export function trainEpisodeSeed(runSeed: number, index: number): number {
  return 2 * (runSeed * 100_000_000 + index);
}
export function heldOutEpisodeSeed(runSeed: number, index: number): number {
  return 2 * (runSeed * 100_000_000 + index) + 1;
}

/** The oracle writes exactly on real events (and, in v2, on the cue). */
export function oracleWrites(episode: TaskEpisode): number {
  return episode.steps.filter((s) => isRelevantStep(s.kind)).length;
}

/**
 * The oracle schedule over a run of episodes (back to back, as the evaluator counts steps): writes
 * exactly on real events (and v2 cues).
 */
export function createOracleSchedule(episodes: TaskEpisode[]): WriteSchedule {
  const isEvent = episodes.flatMap((ep) => ep.steps.map((s) => isRelevantStep(s.kind)));
  return { name: 'oracle', shouldWrite: (t) => isEvent[t] === true };
}
