import { z } from 'zod';
import { TauSchema } from '../contract/tau.js';
import { meanCi95 } from '../memory/mean-ci95.js';
import { estimateBytesPerWrite, type PersistModeName } from './estimate-flash-wear.js';

/**
 * The τ curve (DESIGN.md §6a): what a committed model does at each gate threshold τ, measured on
 * held-out episodes and shipped beside the model as `models/<name>.tau-curve.json`. The rollout
 * preview, the wear-aware health gates and the flash-life autopilot read predictions from it
 * (old τ vs new τ) with {@link predictAtTau} / {@link compareTau}. Pure: no file system, no model.
 *
 * Units: writes per step are the fraction of steps on which the memory is written (0..1); accuracy is
 * the fraction of scored steps answered right; success rate the fraction of episodes whose accuracy
 * reached the task's success threshold; flash bytes per hour are host bytes rounded up to flash pages
 * (what the agent reports as `flashBytesWritten`), at the curve's stated step rate, before the
 * controller's write amplification. Every measured quantity carries a 95 % interval over the
 * held-out evaluation seeds.
 */

export const TAU_CURVE_FORMAT = 'aura.tau-curve/1';

/** The grid every committed curve is measured on: τ = 0.05, 0.10, …, 0.95. */
export const TAU_CURVE_GRID: readonly number[] = Array.from({ length: 19 }, (_, i) =>
  Number((0.05 * (i + 1)).toFixed(2)),
);

export const TAU_CURVE_PERSIST_MODES = [
  'none',
  'snapshot',
  'delta-log',
] as const satisfies readonly PersistModeName[];

const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const nonNegative = finite.refine((x) => x >= 0, 'must be ≥ 0');
const positiveInt = z.number().int('must be a whole number').positive('must be > 0');

/** A measured quantity: mean over evaluation seeds and its 95 % interval. */
export const TauCurveIntervalSchema = z
  .object({ mean: finite, lo: finite, hi: finite })
  .strict()
  .refine((v) => v.lo <= v.mean + 1e-12 && v.mean <= v.hi + 1e-12, {
    message: 'must satisfy lo ≤ mean ≤ hi',
  });
export type TauCurveInterval = z.infer<typeof TauCurveIntervalSchema>;

const fraction = TauCurveIntervalSchema.refine((v) => v.lo >= 0 && v.hi <= 1, {
  message: 'must lie in [0, 1]',
});
const bytes = TauCurveIntervalSchema.refine((v) => v.lo >= 0, { message: 'must be ≥ 0' });

export const TauCurvePointSchema = z
  .object({
    tau: TauSchema,
    writesPerStep: fraction,
    accuracy: fraction,
    successRate: fraction,
    flashBytesPerHour: z.object({ none: bytes, snapshot: bytes, 'delta-log': bytes }).strict(),
  })
  .strict();
export type TauCurvePoint = z.infer<typeof TauCurvePointSchema>;

export const TauCurveSchema = z
  .object({
    format: z.literal(TAU_CURVE_FORMAT),
    model: z
      .object({
        /** file name stem, e.g. `aura-mem-v2` */
        name: z.string().min(1),
        /** the model's `aura.version` metadata */
        version: z.string().min(1),
        /** sha256 of the ONNX file the curve was measured on (hex) */
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
        /** the τ the model card recommends */
        defaultTau: TauSchema,
      })
      .strict(),
    task: z
      .object({
        /** the model's `aura.task` metadata (docs/tasks.md) */
        name: z.string().min(1),
        description: z.string(),
        episodeLength: positiveInt,
        /** per-episode accuracy that counts as a success (the agent's rule) */
        successThreshold: TauSchema,
        /** the task configuration, as the generator takes it */
        config: z.record(z.string(), z.unknown()),
      })
      .strict(),
    evaluation: z
      .object({
        /** held-out evaluation seeds (never trained on); intervals are over these */
        seeds: z.array(z.number().int()).min(2, 'needs at least two seeds for an interval'),
        episodesPerSeed: positiveInt,
        /** how episode seeds derive from an evaluation seed */
        episodeSeeds: z.string(),
        /**
         * `reset-per-episode`: the memory starts empty at every episode (the agent with
         * `memory.resetOnEpisodeEnd`); `carried`: one stream per seed, never reset.
         */
        memory: z.enum(['reset-per-episode', 'carried']),
        interval: z.literal('student-t-95-over-seeds'),
      })
      .strict(),
    assumptions: z
      .object({
        /** control steps per second the flash figures are computed at (scale linearly for others) */
        stepsPerSecond: finite.refine((x) => x > 0, 'must be > 0'),
        stateBytes: positiveInt,
        pageBytes: positiveInt,
        /** host flash bytes per memory write in each persistence mode (DESIGN.md §4) */
        bytesPerWrite: z
          .object({ none: nonNegative, snapshot: nonNegative, 'delta-log': nonNegative })
          .strict(),
        snapshotOverheadBytes: z.number().int().min(0),
        deltaLog: z
          .object({
            recordBytes: positiveInt,
            logHeaderBytes: z.number().int().min(0),
            checkpointEvery: positiveInt,
          })
          .strict(),
        note: z.string(),
      })
      .strict(),
    points: z
      .array(TauCurvePointSchema)
      .min(2, 'needs at least two points')
      .refine((ps) => ps.every((p, i) => i === 0 || p.tau > (ps[i - 1] as TauCurvePoint).tau), {
        message: 'τ must increase strictly from point to point',
      }),
    generatedBy: z.object({ command: z.string(), at: z.iso.datetime(), seconds: nonNegative }).strict(),
  })
  .strict();
export type TauCurve = z.infer<typeof TauCurveSchema>;
export type TauCurveInput = z.input<typeof TauCurveSchema>;

/** Thrown by {@link parseTauCurve}: the message names every bad field. */
export class TauCurveError extends Error {
  readonly code = 'TAU_CURVE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TauCurveError';
  }
}

/** Validates a curve (a parsed object or the file's text); throws {@link TauCurveError} naming each bad field. */
export function parseTauCurve(input: unknown): TauCurve {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new TauCurveError(`τ curve is not JSON: ${(error as Error).message}`);
    }
  }
  const parsed = TauCurveSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TauCurveError(`invalid τ curve: ${issues.join('; ')}`);
  }
  return parsed.data;
}

export interface TauPrediction {
  tau: number;
  writesPerStep: TauCurveInterval;
  accuracy: TauCurveInterval;
  successRate: TauCurveInterval;
  /** at the curve's step rate, or at `stepsPerSecond` when given to {@link predictAtTau} */
  flashBytesPerHour: Record<(typeof TAU_CURVE_PERSIST_MODES)[number], TauCurveInterval>;
  /** τ lies outside the measured range: the nearest end point is returned, not an extrapolation */
  clamped: boolean;
}

const lerp = (a: number, b: number, w: number) => a + (b - a) * w;
const lerpInterval = (a: TauCurveInterval, b: TauCurveInterval, w: number, scale = 1): TauCurveInterval => ({
  mean: lerp(a.mean, b.mean, w) * scale,
  lo: lerp(a.lo, b.lo, w) * scale,
  hi: lerp(a.hi, b.hi, w) * scale,
});

/**
 * The curve's prediction at any τ: linear interpolation between the two neighbouring grid points
 * (means and interval ends alike). Outside the measured range the nearest end point is returned and
 * `clamped` is set. `stepsPerSecond` rescales the flash bytes per hour to another control rate.
 */
export function predictAtTau(
  curve: TauCurve,
  tau: number,
  options: { stepsPerSecond?: number } = {},
): TauPrediction {
  if (!Number.isFinite(tau) || tau < 0 || tau > 1)
    throw new RangeError(`τ must be between 0 and 1, got ${tau}`);
  const { points } = curve;
  const first = points[0] as TauCurvePoint;
  const last = points[points.length - 1] as TauCurvePoint;
  let a = first;
  let b = first;
  let w = 0;
  let clamped = false;
  if (tau <= first.tau) {
    clamped = tau < first.tau;
  } else if (tau >= last.tau) {
    a = last;
    b = last;
    clamped = tau > last.tau;
  } else {
    let i = 1;
    while ((points[i] as TauCurvePoint).tau < tau) i++;
    a = points[i - 1] as TauCurvePoint;
    b = points[i] as TauCurvePoint;
    w = (tau - a.tau) / (b.tau - a.tau);
  }
  const rate = options.stepsPerSecond;
  if (rate !== undefined && !(Number.isFinite(rate) && rate >= 0)) {
    throw new RangeError(`stepsPerSecond must be ≥ 0, got ${rate}`);
  }
  const scale = rate === undefined ? 1 : rate / curve.assumptions.stepsPerSecond;
  return {
    tau,
    writesPerStep: lerpInterval(a.writesPerStep, b.writesPerStep, w),
    accuracy: lerpInterval(a.accuracy, b.accuracy, w),
    successRate: lerpInterval(a.successRate, b.successRate, w),
    flashBytesPerHour: {
      none: lerpInterval(a.flashBytesPerHour.none, b.flashBytesPerHour.none, w, scale),
      snapshot: lerpInterval(a.flashBytesPerHour.snapshot, b.flashBytesPerHour.snapshot, w, scale),
      'delta-log': lerpInterval(a.flashBytesPerHour['delta-log'], b.flashBytesPerHour['delta-log'], w, scale),
    },
    clamped,
  };
}

export interface TauComparison {
  from: TauPrediction;
  to: TauPrediction;
  /** predicted writes per step at the new τ ÷ at the old τ (null when the old τ writes nothing) */
  writesRatio: number | null;
  /** predicted change of the write rate as a fraction (0.2 = +20 %; null when the old τ writes nothing) */
  writeRateChange: number | null;
  /** predicted success rate at the new τ minus at the old τ (negative = a drop) */
  successRateChange: number;
  accuracyChange: number;
}

/** Old τ vs new τ, as the rollout preview and the autopilot need it (means of the predictions). */
export function compareTau(curve: TauCurve, fromTau: number, toTau: number): TauComparison {
  const from = predictAtTau(curve, fromTau);
  const to = predictAtTau(curve, toTau);
  const writesRatio = from.writesPerStep.mean > 0 ? to.writesPerStep.mean / from.writesPerStep.mean : null;
  return {
    from,
    to,
    writesRatio,
    writeRateChange: writesRatio === null ? null : writesRatio - 1,
    successRateChange: to.successRate.mean - from.successRate.mean,
    accuracyChange: to.accuracy.mean - from.accuracy.mean,
  };
}

/**
 * The smallest τ whose predicted mean writes per step are at most `maxWritesPerStep` (interpolated
 * between grid points; the search walks up the curve, so a non-monotone curve gives its first
 * crossing). Null when no measured τ writes that little.
 */
export function tauForWritesPerStep(curve: TauCurve, maxWritesPerStep: number): number | null {
  const ps = curve.points;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as TauCurvePoint;
    if (p.writesPerStep.mean <= maxWritesPerStep) {
      if (i === 0) return p.tau;
      const q = ps[i - 1] as TauCurvePoint;
      const w = (q.writesPerStep.mean - maxWritesPerStep) / (q.writesPerStep.mean - p.writesPerStep.mean);
      return q.tau + (p.tau - q.tau) * w;
    }
  }
  return null;
}

export interface TauDialAssessment {
  /** writes per step never rise from one grid point to the next (tolerance 1e-9) */
  monotone: boolean;
  /** mean writes per step at τ = 0.2 ÷ at τ = 0.8 (Infinity when 0.8 writes nothing) */
  fallRatio20to80: number;
  /** the largest change of writes between τ and τ + 0.1, as a share of the curve's whole range */
  maxShareOfRangePer0_1: number;
  /** the τ where that largest change starts */
  steepestTau: number;
  /**
   * Knee of accuracy along τ: the grid point farthest below the straight line from the first to the
   * last point (both axes normalised), i.e. where accuracy starts to fall fast; null for a flat curve.
   */
  accuracyKneeTau: number | null;
  /** largest accuracy drop between τ and τ + 0.1 */
  maxAccuracyDropPer0_1: number;
  /** the issue's dial targets: monotone, ≥ 3× fall from 0.2 to 0.8, no 0.1 step > 35 % of the range */
  meetsDialTargets: boolean;
}

/** How well a curve works as a dial (issue 14's targets), from the means at the grid points. */
export function assessTauDial(curve: TauCurve): TauDialAssessment {
  const taus = curve.points.map((p) => p.tau);
  const writes = curve.points.map((p) => p.writesPerStep.mean);
  const acc = curve.points.map((p) => p.accuracy.mean);
  const at = (t: number) => predictAtTau(curve, t).writesPerStep.mean;
  const monotone = writes.every((w, i) => i === 0 || w <= (writes[i - 1] as number) + 1e-9);
  const w20 = at(0.2);
  const w80 = at(0.8);
  const fallRatio20to80 = w80 > 0 ? w20 / w80 : w20 > 0 ? Number.POSITIVE_INFINITY : 1;
  const range = Math.max(...writes) - Math.min(...writes);
  let maxShare = 0;
  let steepestTau = taus[0] as number;
  let maxAccDrop = 0;
  const lo = taus[0] as number;
  const hi = taus[taus.length - 1] as number;
  for (let t = lo; t + 0.1 <= hi + 1e-9; t += 0.01) {
    const t0 = Number(t.toFixed(4));
    const t1 = Math.min(hi, Number((t + 0.1).toFixed(4)));
    const share = range > 0 ? Math.abs(at(t0) - at(t1)) / range : 0;
    if (share > maxShare + 1e-12) {
      maxShare = share;
      steepestTau = t0;
    }
    maxAccDrop = Math.max(
      maxAccDrop,
      predictAtTau(curve, t0).accuracy.mean - predictAtTau(curve, t1).accuracy.mean,
    );
  }
  // knee: farthest below the chord, axes normalised to [0, 1]
  const a0 = acc[0] as number;
  const a1 = acc[acc.length - 1] as number;
  const aMin = Math.min(...acc);
  const aMax = Math.max(...acc);
  let knee: number | null = null;
  if (aMax - aMin > 1e-6) {
    let best = 1e-9;
    for (let i = 1; i < acc.length - 1; i++) {
      const x = ((taus[i] as number) - lo) / (hi - lo);
      const chord = (a0 + (a1 - a0) * x - aMin) / (aMax - aMin);
      const y = ((acc[i] as number) - aMin) / (aMax - aMin);
      const d = y - chord;
      // a concave drop (flat, then falling) lies above the chord; the knee is where it is farthest above
      if (d > best) {
        best = d;
        knee = taus[i] as number;
      }
    }
  }
  return {
    monotone,
    fallRatio20to80,
    maxShareOfRangePer0_1: maxShare,
    steepestTau,
    accuracyKneeTau: knee,
    maxAccuracyDropPer0_1: maxAccDrop,
    meetsDialTargets: monotone && fallRatio20to80 >= 3 && maxShare <= 0.35,
  };
}

/** Per-seed measurements at one τ (the input of {@link buildTauCurve}). */
export interface TauMeasurement {
  tau: number;
  perSeed: { writesPerStep: number; accuracy: number; successRate: number }[];
}

export interface BuildTauCurveInput {
  model: TauCurve['model'];
  task: TauCurve['task'];
  evaluation: TauCurve['evaluation'];
  measurements: TauMeasurement[];
  /** defaults: 10 steps/s (the simulated fleet's rate), 4 KiB pages, the agent's file formats */
  persistence?: {
    stepsPerSecond?: number;
    stateBytes?: number;
    pageBytes?: number;
    snapshotOverheadBytes?: number;
    recordBytes?: number;
    logHeaderBytes?: number;
    checkpointEvery?: number;
  };
  generatedBy: TauCurve['generatedBy'];
}

/**
 * The agent's on-flash formats (apps/agent/src/persistence/state-format.ts) at dKey = dVal = 32:
 * a snapshot adds a 48-byte header and a 4-byte checksum to the 4,224-byte state; a rank-1 delta-log
 * record is 416 bytes (8 frame + 24 header + 96 floats); a log starts with a 32-byte header; the agent
 * checkpoints every 64 writes by default.
 */
export const AGENT_PERSISTENCE_DEFAULTS = {
  stepsPerSecond: 10,
  stateBytes: 4224,
  pageBytes: 4096,
  snapshotOverheadBytes: 52,
  recordBytes: 416,
  logHeaderBytes: 32,
  checkpointEvery: 64,
} as const;

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Assembles (and validates) a curve from per-seed measurements: means and 95 % Student-t intervals
 * over seeds (clipped to the quantity's range), and flash bytes per hour for each persistence mode
 * from writes per step × step rate × 3600 × bytes per write.
 */
export function buildTauCurve(input: BuildTauCurveInput): TauCurve {
  const p = { ...AGENT_PERSISTENCE_DEFAULTS, ...input.persistence };
  const bytesPerWrite = {
    none: 0,
    snapshot: estimateBytesPerWrite({
      mode: 'snapshot',
      stateBytes: p.stateBytes,
      snapshotOverheadBytes: p.snapshotOverheadBytes,
      pageBytes: p.pageBytes,
    }),
    'delta-log': estimateBytesPerWrite({
      mode: 'delta-log',
      stateBytes: p.stateBytes,
      snapshotOverheadBytes: p.snapshotOverheadBytes,
      recordBytes: p.recordBytes,
      logHeaderBytes: p.logHeaderBytes,
      checkpointEvery: p.checkpointEvery,
      pageBytes: p.pageBytes,
    }),
  };
  const interval = (values: number[], lo = 0, hi = 1): TauCurveInterval => {
    const r = meanCi95(values);
    return { mean: r.mean, lo: clip(r.ci95[0], lo, hi), hi: clip(r.ci95[1], lo, hi) };
  };
  const perHour = p.stepsPerSecond * 3600;
  const points = [...input.measurements]
    .sort((a, b) => a.tau - b.tau)
    .map((m) => {
      const writes = m.perSeed.map((s) => s.writesPerStep);
      const flash = (mode: keyof typeof bytesPerWrite) =>
        interval(
          writes.map((w) => w * perHour * bytesPerWrite[mode]),
          0,
          Number.POSITIVE_INFINITY,
        );
      return {
        tau: m.tau,
        writesPerStep: interval(writes),
        accuracy: interval(m.perSeed.map((s) => s.accuracy)),
        successRate: interval(m.perSeed.map((s) => s.successRate)),
        flashBytesPerHour: {
          none: flash('none'),
          snapshot: flash('snapshot'),
          'delta-log': flash('delta-log'),
        },
      };
    });
  return parseTauCurve({
    format: TAU_CURVE_FORMAT,
    model: input.model,
    task: input.task,
    evaluation: input.evaluation,
    assumptions: {
      stepsPerSecond: p.stepsPerSecond,
      stateBytes: p.stateBytes,
      pageBytes: p.pageBytes,
      bytesPerWrite,
      snapshotOverheadBytes: p.snapshotOverheadBytes,
      deltaLog: {
        recordBytes: p.recordBytes,
        logHeaderBytes: p.logHeaderBytes,
        checkpointEvery: p.checkpointEvery,
      },
      note:
        'flash bytes are host bytes rounded up to flash pages (the agent’s flashBytesWritten), before the controller’s ' +
        'write amplification; they scale linearly with the step rate',
    },
    points,
    generatedBy: input.generatedBy,
  });
}
