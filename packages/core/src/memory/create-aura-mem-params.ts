import { createRng } from './create-rng.js';

/** Shape of one AURA-Mem layer (DESIGN.md §3). */
export interface AuraMemConfig {
  /** Width of the backbone features z. */
  dModel: number;
  /** Fast-weight key width (32 in the product). */
  dKey: number;
  /** Fast-weight value width (32 in the product). */
  dVal: number;
  /** Number of discrete actions (logits). */
  dAction: number;
  /** Hidden width of the gate MLP. */
  dGate: number;
  /** Hidden width of the action head MLP. */
  dHidden: number;
  /**
   * v2: the gate also reads the memory, with its own key projection (`m = (z·Wg)·W + b`, added to the
   * gate's hidden layer through `Gm`), so a write decision can depend on what the memory holds (e.g.
   * the episode's cue). Off (v1) keeps the v1 layout and graph exactly.
   */
  gateRead?: boolean;
  /**
   * With `gateRead`: a learned constant added to the gate's read key, `kg = z·Wg + cg` (`cg` [dKey]), so the
   * gate can read one fixed place of the memory whatever the current step is (e.g. where the episode's cue
   * was written). Starts at zero (the layer starts exactly as without it). In the ONNX graph it is the `kg`
   * columns' bias in the fused projection's `Pc`. Off keeps the layout, initialisation and graph exactly.
   */
  gateQueryBias?: boolean;
  /**
   * A learned forgetting factor γ = σ(gf) (`gf` [1], starts at logit 0.95) that decays the state on the steps
   * that write, and only on those: W̃ = γ·W, b̃ = γ·b, e_w = v − (k·W̃ + b̃), W' = W̃ + n·k⊗e_w, b' = b̃ + n·e_w
   * (so k·W' + b' = v still holds); a step that does not write leaves W, b bit-for-bit unchanged. The surprise
   * and the gate still see the undecayed state. Off keeps the layout, initialisation and graph exactly.
   */
  forget?: boolean;
  /**
   * Width H of a nonlinear write key (docs/aura-mem.md "Nonlinear write key"): k = z·Wk + tanh(z·Kh + kc)·Ko
   * (`Kh` [dModel, H], `kc` [H], `Ko` [H, dKey]), a residual MLP beside the linear key so the write key can
   * denoise the observation's key where a linear map of the frozen features cannot. `Ko` starts at zero, so
   * the layer starts as the linear one. Absent or 0 keeps the layout, initialisation and graph exactly.
   */
  keyHidden?: number;
  /**
   * Number R of gate memory heads (docs/aura-mem.md "Gate memory heads"): R learned constant queries `Hq`
   * [R, dKey] read the memory before the write, `M = Hq·W + b` [R, dVal], and the R reads enter the gate's
   * hidden layer averaged over the heads, `vec(M)·Hm / R` (`Hm` [R·dVal, dGate]). With R = dKey the gate can take any linear function of the
   * whole memory (what the query-bias probe found the cue decodable from), not one read along the current
   * step's key. `Hm` starts at zero, so the layer starts as without the heads. Absent or 0 keeps the
   * layout, initialisation and graph exactly; not exportable to ONNX yet (a trial option).
   */
  gateMemoryHeads?: number;
}

/**
 * Every trainable tensor, as a named row-major view into one flat Float32Array (so the optimiser and
 * the gradient share one layout). Matrices are stored `[in, out]`, i.e. `y = x · M`, exactly as the
 * ONNX graph's MatMul initialisers.
 */
export interface AuraMemTensors {
  /** key projection [dModel, dKey] */
  Wk: Float32Array;
  /** value projection [dModel, dVal] */
  Wv: Float32Array;
  /** query projection [dModel, dKey] */
  Wq: Float32Array;
  /** gate MLP: z weights [dModel, dGate] */
  Gz: Float32Array;
  /** gate MLP: weight of log(1 + surprise) [dGate] */
  Gs: Float32Array;
  /** gate MLP: hidden bias [dGate] */
  Gb: Float32Array;
  /** gate MLP: output weights [dGate] */
  Go: Float32Array;
  /** gate MLP: output bias [1] */
  Gc: Float32Array;
  /** action head: hidden weights on [z, read] [dModel + dVal, dHidden] */
  H1: Float32Array;
  /** action head: hidden bias [dHidden] */
  h1: Float32Array;
  /** action head: output weights [dHidden, dAction] */
  H2: Float32Array;
  /** action head: output bias [dAction] */
  h2: Float32Array;
  /** v2 gate read: gate key projection [dModel, dKey] (empty when `gateRead` is off) */
  Wg: Float32Array;
  /** v2 gate read: weights of the read m into the gate's hidden layer [dVal, dGate] (empty when off) */
  Gm: Float32Array;
  /** v2 gate query bias: kg = z·Wg + cg [dKey] (empty unless `gateRead` and `gateQueryBias`) */
  cg: Float32Array;
  /** forgetting factor logit, γ = σ(gf) [1] (empty unless `forget`) */
  gf: Float32Array;
  /** nonlinear write key: hidden weights [dModel, keyHidden], bias [keyHidden], output [keyHidden, dKey] (empty unless `keyHidden`) */
  Kh: Float32Array;
  kc: Float32Array;
  Ko: Float32Array;
  /** gate memory heads: constant queries [R, dKey] and read weights [R·dVal, dGate] (empty unless `gateMemoryHeads`) */
  Hq: Float32Array;
  Hm: Float32Array;
}

export type TensorName = keyof AuraMemTensors;

export interface AuraMemParams extends AuraMemTensors {
  config: AuraMemConfig;
  /** All tensors back to back, in the order of {@link tensorShapes}. */
  data: Float32Array;
}

export function tensorShapes(c: AuraMemConfig): [TensorName, number[]][] {
  return [
    ['Wk', [c.dModel, c.dKey]],
    ['Wv', [c.dModel, c.dVal]],
    ['Wq', [c.dModel, c.dKey]],
    ['Gz', [c.dModel, c.dGate]],
    ['Gs', [c.dGate]],
    ['Gb', [c.dGate]],
    ['Go', [c.dGate]],
    ['Gc', [1]],
    ['H1', [c.dModel + c.dVal, c.dHidden]],
    ['h1', [c.dHidden]],
    ['H2', [c.dHidden, c.dAction]],
    ['h2', [c.dAction]],
    ['Wg', [c.gateRead ? c.dModel : 0, c.dKey]],
    ['Gm', [c.gateRead ? c.dVal : 0, c.dGate]],
    ['cg', [c.gateRead && c.gateQueryBias ? c.dKey : 0]],
    ['gf', [c.forget ? 1 : 0]],
    ['Kh', [c.keyHidden ? c.dModel : 0, c.keyHidden ?? 0]],
    ['kc', [c.keyHidden ?? 0]],
    ['Ko', [c.keyHidden ?? 0, c.dKey]],
    ['Hq', [c.gateMemoryHeads ?? 0, c.dKey]],
    ['Hm', [(c.gateMemoryHeads ?? 0) * c.dVal, c.dGate]],
  ];
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function countParams(c: AuraMemConfig): number {
  return tensorShapes(c).reduce((n, [, s]) => n + size(s), 0);
}

/** Named views over a flat buffer laid out as {@link tensorShapes} (used for params and gradients). */
export function viewTensors(config: AuraMemConfig, data: Float32Array): AuraMemTensors {
  if (data.length !== countParams(config)) {
    throw new RangeError(`expected ${countParams(config)} values, got ${data.length}`);
  }
  const out: Partial<AuraMemTensors> = {};
  let offset = 0;
  for (const [name, shape] of tensorShapes(config)) {
    const n = size(shape);
    out[name] = data.subarray(offset, offset + n);
    offset += n;
  }
  return out as AuraMemTensors;
}

export function paramsFromData(config: AuraMemConfig, data: Float32Array): AuraMemParams {
  return { config, data, ...viewTensors(config, data) };
}

/**
 * Seeded initialisation: projections and hidden layers ~ N(0, 1/fan_in); the gate's output bias
 * starts at `gateBias` (default +1, so an untrained gate writes on most steps and learns to close).
 */
export function createAuraMemParams(config: AuraMemConfig, seed: number, gateBias = 1): AuraMemParams {
  const p = paramsFromData(config, new Float32Array(countParams(config)));
  const rng = createRng(seed);
  const fill = (t: Float32Array, fanIn: number) => {
    const s = 1 / Math.sqrt(fanIn);
    for (let i = 0; i < t.length; i++) t[i] = rng.normal() * s;
  };
  fill(p.Wk, config.dModel);
  fill(p.Wv, config.dModel);
  fill(p.Wq, config.dModel);
  fill(p.Gz, config.dModel);
  fill(p.Gs, 1);
  fill(p.Go, config.dGate);
  fill(p.H1, config.dModel + config.dVal);
  fill(p.H2, config.dHidden);
  // drawn after every v1 tensor, so a v1 configuration initialises bit-for-bit as before
  fill(p.Wg, config.dModel);
  fill(p.Gm, config.dVal);
  // cg starts at 0 (no draw): the gate's read starts as without the bias, and its gradient Σ_t ∂L/∂kg_t
  // does not vanish at 0, so it learns whichever fixed read helps (a random start would read a random
  // mixture of slots and every other tensor would keep its recipe initialisation anyway)
  p.Gc[0] = gateBias;
  // gf starts at logit(0.95) (no draw): a write keeps 95 % of the older bindings
  if (p.gf.length > 0) p.gf[0] = Math.log(0.95 / 0.05);
  // nonlinear write key: Kh drawn last (every other tensor keeps its draws), kc and Ko at zero, so
  // k = z·Wk at the start and Ko's gradient tanh(z·Kh + kc)ᵀ·∂L/∂k does not vanish
  fill(p.Kh, config.dModel);
  // gate memory heads: Hq drawn after every other tensor, Hm at zero, so the gate starts as without the
  // heads and Hm's gradient M·∂L/∂(gate hidden) does not vanish
  fill(p.Hq, config.dKey);
  return p;
}

/** AURA-Mem inference state: fast weights W [dKey, dVal] and bias b [dVal]. */
export interface AuraMemState {
  W: Float32Array;
  b: Float32Array;
}

export function createAuraMemState(config: Pick<AuraMemConfig, 'dKey' | 'dVal'>): AuraMemState {
  return { W: new Float32Array(config.dKey * config.dVal), b: new Float32Array(config.dVal) };
}

/** The forgetting factor γ = σ(gf) in float32, as the ONNX graph's Sigmoid computes it; 1 when the option is off. */
export function forgetFactor(params: Pick<AuraMemTensors, 'gf'>): number {
  if (params.gf.length === 0) return 1;
  return Math.fround(1 / (1 + Math.exp(-(params.gf[0] as number))));
}

export function cloneAuraMemState(s: AuraMemState): AuraMemState {
  return { W: s.W.slice(), b: s.b.slice() };
}
