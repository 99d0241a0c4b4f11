import { type AuraMemParams, paramsFromData } from './create-aura-mem-params.js';
import type { Backbone } from './create-backbone.js';
import { createWriteSchedule } from './create-write-schedule.js';
import { evaluateAuraMem } from './evaluate-aura-mem.js';
import type { TaskEpisode } from './generate-task-episode.js';

/** The τ grid a dial is judged on (the τ-curve file's grid: 0.05, 0.10, …, 0.95). */
export const DIAL_TAUS: readonly number[] = Array.from(
  { length: 19 },
  (_, i) => Math.round((i + 1) * 5) / 100,
);

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Largest share of the write range moved by one 0.1 step of τ (two grid points), for a write curve on DIAL_TAUS. */
export function maxShareOfRangePer0_1(writes: readonly number[]): number {
  const range = Math.max(...writes) - Math.min(...writes);
  if (!(range > 0)) return 1;
  let worst = 0;
  for (let i = 0; i + 2 < writes.length; i++) {
    worst = Math.max(worst, Math.abs((writes[i] as number) - (writes[i + 2] as number)) / range);
  }
  return worst;
}

/** Copy of `params` whose gate logit is multiplied by `a` (Go and Gc scaled): p' = σ(a·logit). */
export function scaleGateLogit(params: AuraMemParams, a: number): AuraMemParams {
  const out = paramsFromData(params.config, params.data.slice());
  for (let i = 0; i < out.Go.length; i++) out.Go[i] = (out.Go[i] as number) * a;
  out.Gc[0] = (out.Gc[0] as number) * a;
  return out;
}

/** Issue 14's dial targets, as `assessTauDial` checks them on a measured curve. */
export const DIAL_TARGETS = {
  /** no 0.1 step of τ moves writes by more than this share of their whole range */
  maxSharePer0_1: 0.35,
  /** writes per step at τ = 0.2 ÷ at τ = 0.8, at least */
  fallRatio20to80: 3,
} as const;

export interface GateScaleCandidate {
  scale: number;
  /** writes per step on the calibration episodes at each τ of DIAL_TAUS */
  writesPerStep: number[];
  /** writes per step never rise from one τ to the next */
  monotone: boolean;
  /** the largest 0.1 step of τ as a share of the write range */
  maxShare: number;
  /** writes at τ 0.2 ÷ writes at τ 0.8 */
  fallRatio20to80: number;
}

export interface GateTemperatureFit {
  /** chosen logit scale a (1 = unchanged) */
  scale: number;
  /** whether the chosen scale meets every dial target on the calibration episodes */
  meetsDialTargets: boolean;
  candidates: GateScaleCandidate[];
}

const meetsDial = (c: GateScaleCandidate) =>
  c.monotone &&
  c.maxShare <= DIAL_TARGETS.maxSharePer0_1 + 1e-12 &&
  c.fallRatio20to80 >= DIAL_TARGETS.fallRatio20to80;

/**
 * The scale among `candidates` (in the caller's order of preference, nearest 1 first): among those whose
 * curve meets every dial target (monotone, ≥ 3× fall from τ 0.2 to 0.8, no 0.1 step over 35 % of the range)
 * the one with the smallest largest 0.1 step; when none does, the smallest largest 0.1 step overall. Ties go
 * to the earlier candidate.
 */
export function chooseGateScale(candidates: readonly GateScaleCandidate[]): {
  scale: number;
  meetsDialTargets: boolean;
} {
  if (candidates.length === 0) throw new Error('chooseGateScale needs at least one candidate');
  const meeting = candidates.filter(meetsDial);
  const pool = meeting.length > 0 ? meeting : candidates;
  let best = pool[0] as GateScaleCandidate;
  for (const c of pool) if (c.maxShare < best.maxShare - 1e-9) best = c;
  return { scale: best.scale, meetsDialTargets: meeting.length > 0 };
}

/** Write curve of a candidate from its writes per step on DIAL_TAUS. */
export function describeGateScale(scale: number, writesPerStep: number[]): GateScaleCandidate {
  const at = (t: number) => writesPerStep[DIAL_TAUS.indexOf(t)] as number;
  return {
    scale,
    writesPerStep,
    monotone: writesPerStep.every((w, i) => i === 0 || w <= (writesPerStep[i - 1] as number) + 1e-9),
    maxShare: maxShareOfRangePer0_1(writesPerStep),
    fallRatio20to80: at(0.8) > 0 ? at(0.2) / at(0.8) : Number.POSITIVE_INFINITY,
  };
}

/**
 * Post-hoc temperature of the gate (Platt-style scaling of its logit, bias kept at 0 so the decisions at
 * τ = 0.5 are exactly the trained ones). The raw gate of a model trained with a hard threshold puts most
 * steps at p ≈ 0 or ≈ 1, so writes barely move with τ except near the edges; scaling the logit by a < 1
 * spreads the same ordering of steps over the τ range. Measures each of `scales` on the given
 * (training-seed, never held-out) episodes and picks one by {@link chooseGateScale}: the dial targets
 * first, then the smallest largest 0.1 step. Scaling by a is exact: the model at τ with scale a is the raw
 * model at τ' = σ(logit(τ)/a). Run it in the memory regime the model ships in (`carryState`).
 */
export function fitGateTemperature(
  params: AuraMemParams,
  backbone: Backbone,
  episodes: TaskEpisode[],
  scales: readonly number[] = [1, 0.7, 0.5, 0.35, 0.25, 0.18, 0.13, 0.09],
  options: { carryState?: boolean } = {},
): GateTemperatureFit {
  const candidates = scales.map((scale) =>
    describeGateScale(
      scale,
      DIAL_TAUS.map((tau) => {
        const rawTau = sigmoid(logit(tau) / scale);
        return evaluateAuraMem(
          params,
          backbone,
          episodes,
          createWriteSchedule({ kind: 'gate', tau: rawTau }),
          {
            carryState: options.carryState ?? false,
          },
        ).writeFraction;
      }),
    ),
  );
  return { ...chooseGateScale(candidates), candidates };
}
