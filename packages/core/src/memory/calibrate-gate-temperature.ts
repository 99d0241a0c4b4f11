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

export interface GateTemperatureFit {
  /** chosen logit scale a (1 = unchanged) */
  scale: number;
  /** per candidate: writes per step on the calibration episodes at each τ of DIAL_TAUS, and the worst 0.1 step */
  candidates: { scale: number; writesPerStep: number[]; maxShare: number; fallRatio20to80: number }[];
}

/**
 * Post-hoc temperature of the gate (Platt-style scaling of its logit, bias kept at 0 so the decisions at
 * τ = 0.5 are exactly the trained ones). The raw gate of a model trained with a hard threshold puts most
 * steps at p ≈ 0 or ≈ 1, so writes barely move with τ except near the edges; scaling the logit by a < 1
 * spreads the same ordering of steps over the τ range. Chooses, among `scales`, the one whose write curve
 * on the given (training-seed, never held-out) episodes has the smallest largest 0.1-step move as a
 * share of its range (ties: the scale nearest 1). Scaling a by itself is exact: the model at τ with
 * scale a is the raw model at τ' = σ(logit(τ)/a).
 */
export function fitGateTemperature(
  params: AuraMemParams,
  backbone: Backbone,
  episodes: TaskEpisode[],
  scales: readonly number[] = [1, 0.7, 0.5, 0.35, 0.25, 0.18, 0.13, 0.09],
  options: { carryState?: boolean } = {},
): GateTemperatureFit {
  const candidates = scales.map((scale) => {
    const writesPerStep = DIAL_TAUS.map((tau) => {
      const rawTau = sigmoid(logit(tau) / scale);
      return evaluateAuraMem(params, backbone, episodes, createWriteSchedule({ kind: 'gate', tau: rawTau }), {
        carryState: options.carryState ?? false,
      }).writeFraction;
    });
    const at = (t: number) => writesPerStep[DIAL_TAUS.indexOf(t)] as number;
    return {
      scale,
      writesPerStep,
      maxShare: maxShareOfRangePer0_1(writesPerStep),
      fallRatio20to80: at(0.8) > 0 ? at(0.2) / at(0.8) : Number.POSITIVE_INFINITY,
    };
  });
  let best = candidates[0] as (typeof candidates)[number];
  for (const c of candidates) if (c.maxShare < best.maxShare - 1e-9) best = c;
  return { scale: best.scale, candidates };
}
