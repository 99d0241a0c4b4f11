import { createRng } from './create-rng.js';

/**
 * The frozen backbone: a deterministic, seeded feature map observation → z standing in for a VLA's
 * encoder. `z = tanh(obs·P + c)` with P ~ N(0, gain²/dObs) and c ~ N(0, 0.1²); never trained.
 */
export interface Backbone {
  readonly dObs: number;
  readonly dModel: number;
  readonly seed: number;
  encode(obs: Float32Array, out?: Float32Array): Float32Array;
}

export function createBackbone(dObs: number, dModel: number, seed: number, gain = 1.5): Backbone {
  const rng = createRng(seed);
  const P = new Float32Array(dObs * dModel);
  const s = gain / Math.sqrt(dObs);
  for (let i = 0; i < P.length; i++) P[i] = rng.normal() * s;
  const c = Float32Array.from({ length: dModel }, () => rng.normal() * 0.1);
  return {
    dObs,
    dModel,
    seed,
    encode(obs, out = new Float32Array(dModel)) {
      if (obs.length !== dObs) throw new RangeError(`expected ${dObs} observation values, got ${obs.length}`);
      for (let j = 0; j < dModel; j++) {
        let acc = c[j] as number;
        for (let i = 0; i < dObs; i++) acc += (obs[i] as number) * (P[i * dModel + j] as number);
        out[j] = Math.tanh(acc);
      }
      return out;
    },
  };
}
