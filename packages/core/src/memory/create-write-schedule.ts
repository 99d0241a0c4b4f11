import { createRng } from './create-rng.js';

/**
 * A write schedule decides, at each step of the AURA-Mem layer, whether the candidate state is
 * committed. All baselines run over the same layer; only the decision differs.
 * `step` counts from 0 across a whole run (episodes back to back).
 */
export interface WriteSchedule {
  readonly name: string;
  shouldWrite(step: number, gate: number, surprise: number): boolean;
}

export type WriteScheduleSpec =
  | { kind: 'always' }
  | { kind: 'never' }
  /** write on steps offset, offset + period, offset + 2·period, … */
  | { kind: 'periodic'; period: number; offset?: number }
  /** write each step independently with probability p */
  | { kind: 'random'; p: number; seed: number }
  /** exactly `writes` writes spread evenly over `steps` steps */
  | { kind: 'budget-periodic'; writes: number; steps: number }
  /** exactly `writes` writes on uniformly random distinct steps among `steps` */
  | { kind: 'budget-random'; writes: number; steps: number; seed: number }
  /** reconstruction-surprise gate: write iff surprise > threshold */
  | { kind: 'surprise'; threshold: number }
  /** the learned action gate (AURA): write iff gate > tau */
  | { kind: 'gate'; tau: number };

function checkBudget(writes: number, steps: number): void {
  if (!Number.isInteger(writes) || !Number.isInteger(steps) || writes < 0 || steps < 0 || writes > steps) {
    throw new RangeError(`budget needs integers 0 ≤ writes ≤ steps, got ${writes}/${steps}`);
  }
}

export function createWriteSchedule(spec: WriteScheduleSpec): WriteSchedule {
  switch (spec.kind) {
    case 'always':
      return { name: 'always', shouldWrite: () => true };
    case 'never':
      return { name: 'never', shouldWrite: () => false };
    case 'periodic': {
      const { period, offset = 0 } = spec;
      if (!Number.isInteger(period) || period < 1) throw new RangeError('period must be a positive integer');
      return { name: `periodic(${period})`, shouldWrite: (t) => t >= offset && (t - offset) % period === 0 };
    }
    case 'random': {
      const rng = createRng(spec.seed);
      return { name: `random(${spec.p})`, shouldWrite: () => rng.next() < spec.p };
    }
    case 'budget-periodic': {
      const { writes, steps } = spec;
      checkBudget(writes, steps);
      // write where floor((t+1)·n/T) steps up: exactly n writes, evenly spaced, over T steps
      return {
        name: `budget-periodic(${writes}/${steps})`,
        shouldWrite: (t) =>
          t < steps && Math.floor(((t + 1) * writes) / steps) > Math.floor((t * writes) / steps),
      };
    }
    case 'budget-random': {
      const { writes, steps } = spec;
      checkBudget(writes, steps);
      const rng = createRng(spec.seed);
      const idx = Array.from({ length: steps }, (_, i) => i);
      for (let i = 0; i < writes; i++) {
        const j = i + rng.int(steps - i);
        const tmp = idx[i] as number;
        idx[i] = idx[j] as number;
        idx[j] = tmp;
      }
      const chosen = new Set(idx.slice(0, writes));
      return { name: `budget-random(${writes}/${steps})`, shouldWrite: (t) => chosen.has(t) };
    }
    case 'surprise':
      return { name: `surprise>${spec.threshold}`, shouldWrite: (_t, _g, s) => s > spec.threshold };
    case 'gate': {
      const tau = Math.fround(spec.tau);
      return { name: `gate>${spec.tau}`, shouldWrite: (_t, g) => g > tau };
    }
  }
}

/** Budget-matched periodic and random schedules with the same write count as a reference run. */
export function matchWriteBudget(
  reference: { writes: number; steps: number },
  seed: number,
): { periodic: WriteSchedule; random: WriteSchedule } {
  return {
    periodic: createWriteSchedule({
      kind: 'budget-periodic',
      writes: reference.writes,
      steps: reference.steps,
    }),
    random: createWriteSchedule({
      kind: 'budget-random',
      writes: reference.writes,
      steps: reference.steps,
      seed,
    }),
  };
}
