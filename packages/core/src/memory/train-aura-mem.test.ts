import { describe, expect, it } from 'vitest';
import { TINY_TASK as tiny, TINY_V2_TASK as tinyV2 } from '../../test/tiny-tasks.js';
import { keySlotLabels } from './compute-key-aux.js';
import { createAuraMemParams, paramsFromData, tensorShapes } from './create-aura-mem-params.js';
import { createBackbone } from './create-backbone.js';
import { createWriteSchedule } from './create-write-schedule.js';
import { evaluateAuraMem } from './evaluate-aura-mem.js';
import {
  generateTaskEpisode,
  heldOutEpisodeSeed,
  isRelevantStep,
  obsDimsOf,
  trainEpisodeSeed,
} from './generate-task-episode.js';
import { createStepCache, forwardAuraMemStep, stepAuraMem } from './step-aura-mem.js';
import {
  computeEpisodeGradient,
  encodeEpisode,
  type GateMode,
  gateRelevanceLabels,
  trainAuraMem,
} from './train-aura-mem.js';

const model = { dModel: 16, dKey: 6, dVal: 5, dAction: 8, dGate: 4, dHidden: 6 };

/** Options of a short v2 training run on the tiny task; each test adds what it is about. */
function tinyV2Training<T extends object>(overrides: T) {
  return {
    task: tinyV2,
    model: { ...model, gateRead: true },
    seed: 4,
    backboneSeed: 5,
    batchSize: 4,
    learningRate: 0.01,
    sparsity: 0.05,
    tauTrain: 0.5,
    clipNorm: 5,
    ...overrides,
  };
}

function gradientCheck(
  gateMode: GateMode,
  skip: Set<string>,
  v2 = false,
  relaxTemp?: number,
  queryBias = false,
  forget = false,
  keyHidden = 0,
  keyAux = 0,
  memoryHeads = 0,
  gateLabelAux = 0,
) {
  const m = {
    ...(v2 ? { ...model, gateRead: true, ...(queryBias ? { gateQueryBias: true } : {}) } : model),
    ...(forget ? { forget: true } : {}),
    ...(keyHidden ? { keyHidden } : {}),
    ...(memoryHeads ? { gateMemoryHeads: memoryHeads } : {}),
  };
  const params = createAuraMemParams(m, 21, 0);
  // larger weights than the default init so every path carries signal
  for (let i = 0; i < params.data.length; i++) params.data[i] = (params.data[i] as number) * 1.5;
  // the gate query bias starts at 0: move it off 0 so its own value matters too
  for (let i = 0; i < params.cg.length; i++) params.cg[i] = 0.8 * Math.sin(3 * i + 1);
  // forget: γ = σ(0.6) ≈ 0.65, far from 1 so the decay's own terms are large
  if (params.gf.length > 0) params.gf[0] = 0.6;
  // nonlinear write key: Ko and kc start at 0; move them off 0 so every path of the key MLP carries signal
  for (let i = 0; i < params.Ko.length; i++) params.Ko[i] = 0.6 * Math.sin(5 * i + 2);
  for (let i = 0; i < params.kc.length; i++) params.kc[i] = 0.3 * Math.cos(2 * i);
  // gate memory heads: Hm starts at 0; move it off 0 so the heads' reads reach the gate
  for (let i = 0; i < params.Hm.length; i++) params.Hm[i] = 0.5 * Math.sin(7 * i + 3);
  const task = v2 ? tinyV2 : tiny;
  const backbone = createBackbone(obsDimsOf(task), model.dModel, 5);
  const episode = generateTaskEpisode(task, 8);
  const data = {
    ...encodeEpisode(backbone, episode.steps),
    ...(keyAux ? { keySlots: keySlotLabels(episode.steps) } : {}),
    ...(gateLabelAux ? { gateLabels: gateRelevanceLabels(episode.steps) } : {}),
  };
  const opts = {
    gateMode,
    tauTrain: relaxTemp ? 0.4 : 0.5,
    sparsity: 0.3,
    ...(relaxTemp ? { relaxTemp } : {}),
    ...(keyAux ? { keyAux } : {}),
    ...(gateLabelAux ? { gateLabelAux } : {}),
  };
  // v2: a window of a stream starts from a carried, non-zero state
  const initial = v2
    ? {
        W: Float32Array.from({ length: model.dKey * model.dVal }, (_, i) => Math.sin(i) * 0.3),
        b: Float32Array.from({ length: model.dVal }, (_, i) => Math.cos(i) * 0.3),
      }
    : undefined;
  const grad = new Float32Array(params.data.length);
  computeEpisodeGradient(params, data, opts, grad, undefined, 1, initial);
  const lossAt = () => computeEpisodeGradient(params, data, opts, undefined, undefined, 1, initial).loss;
  const eps = 2e-3;
  let offset = 0;
  let checked = 0;
  const failures: string[] = [];
  for (const [name, shape] of tensorShapes(m)) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (!skip.has(name)) {
      for (let s = 0; s < Math.min(size, 6); s++) {
        const i = offset + ((s * 7919) % size);
        const orig = params.data[i] as number;
        params.data[i] = orig + eps;
        const up = lossAt();
        params.data[i] = orig - eps;
        const down = lossAt();
        params.data[i] = orig;
        const numeric = (up - down) / (2 * eps);
        const analytic = grad[i] as number;
        checked++;
        if (Math.abs(numeric - analytic) > 2e-3 + 3e-2 * Math.abs(numeric)) {
          failures.push(`${name}[${i - offset}]: analytic ${analytic} numeric ${numeric}`);
        }
      }
    }
    offset += size;
  }
  return { checked, failures, grad };
}

describe('trainer', () => {
  it('matches finite differences for every tensor with the relaxed gate', () => {
    const { checked, failures, grad } = gradientCheck('soft', new Set());
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
    // the check is not vacuous: gate and memory parameters do get gradient
    expect(Math.max(...Array.from(grad).map(Math.abs))).toBeGreaterThan(1e-2);
  });

  it('v2 (gate reads the memory, window starting from a carried state) matches finite differences for every tensor', () => {
    const { checked, failures, grad } = gradientCheck('soft', new Set(), true);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    // the gate's own read gets gradient
    const shapes = tensorShapes({ ...model, gateRead: true });
    const before = shapes
      .slice(
        0,
        shapes.findIndex(([n]) => n === 'Wg'),
      )
      .reduce((n, [, sh]) => n + sh.reduce((a, b) => a * b, 1), 0);
    expect(Math.max(...Array.from(grad.subarray(before)).map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('v2 with the gate query bias (kg = z·Wg + cg) matches finite differences for every tensor, cg included', () => {
    for (const mode of ['soft', 'relaxed'] as const) {
      const { checked, failures, grad } = gradientCheck(
        mode,
        new Set(),
        true,
        mode === 'relaxed' ? 0.5 : undefined,
        true,
      );
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(56);
      // cg is the last tensor and gets gradient
      const cg = grad.subarray(grad.length - model.dKey);
      expect(Math.max(...Array.from(cg).map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it('with the forgetting factor (decay on writes only) matches finite differences for every tensor, gf included: soft, relaxed and straight-through gate, carried start state', () => {
    for (const mode of ['soft', 'relaxed', 'ste'] as const) {
      // straight-through: the loss is piecewise constant in whatever moves a gate, so (as in the v1
      // straight-through check) only the tensors downstream of the hard decisions are compared; gf moves
      // later gates through the state they read, so it is checked in the soft and relaxed modes
      const ste = new Set(['Wk', 'Wv', 'Gz', 'Gs', 'Gb', 'Go', 'Gc', 'Wg', 'Gm', 'gf']);
      const { checked, failures, grad } = gradientCheck(
        mode,
        mode === 'ste' ? ste : new Set(),
        true,
        mode === 'relaxed' ? 0.5 : undefined,
        false,
        true,
      );
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(mode === 'ste' ? 20 : 50);
      // gf is the last tensor and gets gradient
      expect(Math.abs(grad[grad.length - 1] as number)).toBeGreaterThan(1e-3);
    }
  });

  it('with the nonlinear write key (k = z·Wk + tanh(z·Kh + kc)·Ko) matches finite differences for every tensor, Kh, kc and Ko included: soft and relaxed gate, with the forgetting factor and the key-addressing term, carried start state', () => {
    for (const [mode, forget, keyAux] of [
      ['soft', false, 0],
      ['relaxed', false, 0],
      ['soft', true, 0],
      ['soft', false, 0.7],
    ] as const) {
      const { checked, failures, grad } = gradientCheck(
        mode,
        new Set(),
        true,
        mode === 'relaxed' ? 0.5 : undefined,
        false,
        forget,
        5,
        keyAux,
      );
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(60);
      // Kh, kc, Ko are the last tensors (16·5 + 5 + 5·6 values) and get gradient
      const mlp = grad.subarray(grad.length - (model.dModel * 5 + 5 + 5 * model.dKey));
      expect(Math.max(...Array.from(mlp).map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it('the nonlinear write key is off by default: layout, initialisation, loss, gradients and a training run unchanged without it; with Ko = 0 the layer is the linear one', () => {
    const v2 = { ...model, gateRead: true };
    for (const name of ['Kh', 'kc', 'Ko'] as const)
      expect(
        tensorShapes(v2)
          .find(([n]) => n === name)?.[1]
          .reduce((a, b) => a * b, 1),
      ).toBe(0);
    // keyHidden 0 is off
    expect(createAuraMemParams({ ...v2, keyHidden: 0 }, 9).data).toEqual(createAuraMemParams(v2, 9).data);
    const p0 = createAuraMemParams(v2, 9);
    const p1 = createAuraMemParams({ ...v2, keyHidden: 7 }, 9);
    // every other tensor initialises as without the option; kc and Ko start at zero
    expect(p1.data.subarray(0, p0.data.length)).toEqual(p0.data);
    expect(p1.data.length).toBe(p0.data.length + model.dModel * 7 + 7 + 7 * model.dKey);
    expect(Array.from(p1.Ko).every((x) => x === 0)).toBe(true);
    expect(Array.from(p1.kc).every((x) => x === 0)).toBe(true);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 3).steps);
    const opts = { gateMode: 'soft' as const, tauTrain: 0.5, sparsity: 0.1 };
    const g0 = new Float32Array(p0.data.length);
    const g1 = new Float32Array(p1.data.length);
    const r0 = computeEpisodeGradient(p0, data, opts, g0);
    const r1 = computeEpisodeGradient(p1, data, opts, g1);
    // at Ko = 0 the forward pass is bit-for-bit the linear key's, and so is every other tensor's gradient
    expect(r1.loss).toBe(r0.loss);
    expect(g1.subarray(0, g0.length)).toEqual(g0);
    // Ko gets gradient at 0 (so the key MLP can start learning); Kh and kc do not yet
    const ko = g1.subarray(g1.length - 7 * model.dKey);
    expect(Math.max(...Array.from(ko).map(Math.abs))).toBeGreaterThan(1e-4);
    // a non-zero Ko changes the key (the forward pass uses it)
    p1.Ko.fill(0.5);
    expect(computeEpisodeGradient(p1, data, opts, undefined).loss).not.toBe(r0.loss);
    // training without the option, and with keyHidden 0, gives the same bytes
    const train = (keyHidden?: number) =>
      trainAuraMem(
        tinyV2Training({
          model: { ...v2, ...(keyHidden !== undefined ? { keyHidden } : {}) },
          iterations: 6,
          batchSize: 2,
          softIterations: 3,
        }),
      ).params.data;
    expect(Buffer.from(train(0).buffer).equals(Buffer.from(train().buffer))).toBe(true);
  });

  it('forget is off by default: layout and initialisation unchanged; a step that does not write leaves the state bit-for-bit; a write keeps k·W′ + b′ = v', () => {
    const v2 = { ...model, gateRead: true };
    expect(tensorShapes(v2).find(([n]) => n === 'gf')?.[1]).toEqual([0]);
    const p0 = createAuraMemParams(v2, 9);
    const p1 = createAuraMemParams({ ...v2, forget: true }, 9);
    expect(p1.data.subarray(0, p0.data.length)).toEqual(p0.data);
    expect(p1.data.length).toBe(p0.data.length + 1);
    expect(1 / (1 + Math.exp(-(p1.gf[0] as number)))).toBeCloseTo(0.95, 6);
    const state = {
      W: Float32Array.from({ length: model.dKey * model.dVal }, (_, i) => Math.sin(i) * 0.3),
      b: Float32Array.from({ length: model.dVal }, (_, i) => Math.cos(i) * 0.3),
    };
    const z = Float32Array.from({ length: model.dModel }, (_, i) => Math.cos(2 * i));
    const keep = stepAuraMem(p1, state, z, 1.01);
    expect(keep.wrote).toBe(false);
    expect(keep.state.W).toEqual(state.W);
    expect(keep.state.b).toEqual(state.b);
    const write = stepAuraMem(p1, state, z, -1);
    expect(write.wrote).toBe(true);
    const c = createStepCache(p1);
    forwardAuraMemStep(p1, write.state.W, write.state.b, z, () => 0, c);
    // the prediction for k after the write is v (delta rule on the decayed state)
    for (let j = 0; j < model.dVal; j++) expect(c.e[j] as number).toBeCloseTo(0, 4);
    // and the decay did act: the write is not the one without forgetting
    const noForget = stepAuraMem(paramsFromData(v2, p1.data.slice(0, p0.data.length)), state, z, -1);
    expect(
      Math.max(...noForget.state.W.map((x, i) => Math.abs(x - (write.state.W[i] as number)))),
    ).toBeGreaterThan(1e-3);
  });

  it('gate memory heads (v2, carried start state) match finite differences for every tensor, with the soft and the relaxed gate', () => {
    for (const [mode, temp] of [
      ['soft', undefined],
      ['relaxed', 0.7],
    ] as const) {
      const { checked, failures, grad } = gradientCheck(mode, new Set(), true, temp, false, false, 0, 0, 3);
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(60);
      // the heads' tensors get gradient (both Hq and Hm: the check above covers their values)
      const shapes = tensorShapes({ ...model, gateRead: true, gateMemoryHeads: 3 });
      const start = shapes
        .slice(
          0,
          shapes.findIndex(([n]) => n === 'Hq'),
        )
        .reduce((n, [, sh]) => n + sh.reduce((a, b) => a * b, 1), 0);
      expect(Math.max(...Array.from(grad.subarray(start)).map(Math.abs))).toBeGreaterThan(1e-3);
    }
  });

  it('gate memory heads are off by default; with them every other tensor starts as without, Hm at zero, so the first loss is the same', () => {
    const v2 = { ...model, gateRead: true };
    expect(tensorShapes(v2).find(([n]) => n === 'Hq')?.[1]).toEqual([0, model.dKey]);
    const p0 = createAuraMemParams(v2, 9);
    const p1 = createAuraMemParams({ ...v2, gateMemoryHeads: 4 }, 9);
    expect(p1.data.subarray(0, p0.data.length)).toEqual(p0.data);
    expect(Array.from(p1.Hm).every((x) => x === 0)).toBe(true);
    expect(Array.from(p1.Hq).some((x) => x !== 0)).toBe(true);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 3).steps);
    const opts = { gateMode: 'soft' as const, tauTrain: 0.5, sparsity: 0.1 };
    const r0 = computeEpisodeGradient(p0, data, opts, new Float32Array(p0.data.length));
    const g1 = new Float32Array(p1.data.length);
    const r1 = computeEpisodeGradient(p1, data, opts, g1);
    expect(r1.loss).toBe(r0.loss);
    // Hm's gradient does not vanish at zero, so training moves it
    const hmStart = p1.data.length - p1.Hm.length;
    expect(Math.max(...Array.from(g1.subarray(hmStart)).map(Math.abs))).toBeGreaterThan(0);
    // a non-zero Hm changes the gate
    p1.Hm.fill(0.3);
    expect(computeEpisodeGradient(p1, data, opts, undefined).loss).not.toBe(r0.loss);
  });

  it('the gate query bias is off by default: without it the layout and a training run are unchanged; at cg = 0 the layer is the v2 layer', () => {
    const v2 = { ...model, gateRead: true };
    const withBias = { ...v2, gateQueryBias: true };
    expect(tensorShapes(v2).find(([n]) => n === 'cg')?.[1]).toEqual([0]);
    // gateQueryBias without gateRead has no effect
    expect(createAuraMemParams({ ...model, gateQueryBias: true }, 2).data).toEqual(
      createAuraMemParams(model, 2).data,
    );
    const p0 = createAuraMemParams(v2, 9);
    const p1 = createAuraMemParams(withBias, 9);
    // every other tensor initialises exactly as without the option, cg at zero
    expect(p1.data.subarray(0, p0.data.length)).toEqual(p0.data);
    expect(Array.from(p1.cg)).toEqual(new Array(model.dKey).fill(0));
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 3).steps);
    const opts = { gateMode: 'soft' as const, tauTrain: 0.5, sparsity: 0.1 };
    const g0 = new Float32Array(p0.data.length);
    const g1 = new Float32Array(p1.data.length);
    const r0 = computeEpisodeGradient(p0, data, opts, g0);
    const r1 = computeEpisodeGradient(p1, data, opts, g1);
    expect(r1.loss).toBe(r0.loss);
    expect(g1.subarray(0, g0.length)).toEqual(g0);
    // a non-zero cg changes the gate (the forward pass uses it)
    p1.cg.fill(0.5);
    expect(computeEpisodeGradient(p1, data, opts, undefined).loss).not.toBe(r0.loss);
  });

  it('steLearningRate sets the step only in the straight-through phase; onIteration sees every iteration after its update', () => {
    const opts = tinyV2Training({
      seed: 2,
      iterations: 12,
      tauRange: [0.1, 0.9] as [number, number],
      softIterations: 4,
      relaxIterations: 4,
      streamEpisodes: 2,
      actionIb: 0.05,
      writeRateTarget: 0.3,
      lagrangeLr: 0.005,
    });
    const snapshots = new Map<number, Float32Array>();
    const seen: number[] = [];
    const base = trainAuraMem({
      ...opts,
      onIteration: (it, p) => {
        seen.push(it);
        snapshots.set(it, p.data.slice());
      },
    });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(snapshots.get(12)).toEqual(base.params.data);
    // the option at the learning rate itself trains bit-for-bit as without it
    expect(trainAuraMem({ ...opts, steLearningRate: 0.01 }).params.data).toEqual(base.params.data);
    // at 0 the straight-through phase (iterations 9-12) leaves the layer where the relaxed phase left it
    const frozen = trainAuraMem({ ...opts, steLearningRate: 0 });
    expect(frozen.params.data).toEqual(snapshots.get(8));
    expect(frozen.params.data).not.toEqual(base.params.data);
    // a smaller step moves less than the full one, in the same phase only
    const small = trainAuraMem({ ...opts, steLearningRate: 0.001 });
    const distance = (a: Float32Array, b: Float32Array) =>
      Math.hypot(...Array.from(a, (x, i) => x - (b[i] as number)));
    const end8 = snapshots.get(8) as Float32Array;
    expect(distance(small.params.data, end8)).toBeGreaterThan(0);
    expect(distance(small.params.data, end8)).toBeLessThan(distance(base.params.data, end8));
  });

  it('writeSchedule oracle trains the layer writing exactly on the relevant steps (cue and relevant bindings)', () => {
    const opts = tinyV2Training({
      iterations: 3,
      softIterations: 1,
      relaxIterations: 1,
      logEvery: 1,
      writeSchedule: { kind: 'oracle' as const },
    });
    const r = trainAuraMem(opts);
    r.history.forEach((p, it) => {
      const eps = Array.from({ length: 4 }, (_, e) =>
        generateTaskEpisode(tinyV2, trainEpisodeSeed(4, it * 4 + e)),
      );
      const steps = eps.flatMap((ep) => ep.steps);
      expect(p.writeFraction).toBeCloseTo(
        steps.filter((s) => isRelevantStep(s.kind)).length / steps.length,
        12,
      );
    });
    expect(trainAuraMem({ ...opts, writeSchedule: undefined }).params.data).not.toEqual(r.params.data);
  });

  it('the gate relevance-label term matches finite differences for every tensor (soft and relaxed gate, carried start state) and reaches the gate and its upstream tensors', () => {
    const shapes = tensorShapes({ ...model, gateRead: true });
    const offsets = new Map<string, [number, number]>();
    let o = 0;
    for (const [name, shape] of shapes) {
      const size = shape.reduce((a, b) => a * b, 1);
      offsets.set(name, [o, size]);
      o += size;
    }
    for (const mode of ['soft', 'relaxed'] as const) {
      const relax = mode === 'relaxed' ? 0.5 : undefined;
      const { checked, failures, grad } = gradientCheck(
        mode,
        new Set(),
        true,
        relax,
        false,
        false,
        0,
        0,
        0,
        0.8,
      );
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(50);
      // the term's own share of the gradient: with minus without
      const base = gradientCheck(mode, new Set(), true, relax).grad;
      const diff = (name: string) => {
        const [at, size] = offsets.get(name) as [number, number];
        let m = 0;
        for (let i = at; i < at + size; i++)
          m = Math.max(m, Math.abs((grad[i] as number) - (base[i] as number)));
        return m;
      };
      for (const name of ['Gz', 'Gs', 'Gb', 'Go', 'Gc', 'Gm', 'Wg', 'Wk', 'Wv'])
        expect(diff(name)).toBeGreaterThan(1e-4);
    }
  });

  it('the gate relevance labels are the oracle steps; the term is off by default and off after gateLabelAuxUntil, and pulls p apart on relevant and irrelevant steps', () => {
    const ep = generateTaskEpisode(tinyV2, 5);
    expect(Array.from(gateRelevanceLabels(ep.steps))).toEqual(
      ep.steps.map((st) => (isRelevantStep(st.kind) ? 1 : 0)),
    );
    expect(ep.steps.some((st) => isRelevantStep(st.kind))).toBe(true);
    expect(ep.steps.some((st) => !isRelevantStep(st.kind))).toBe(true);
    const opts = tinyV2Training({
      iterations: 8,
      tauRange: [0.1, 0.9] as [number, number],
      softIterations: 3,
      relaxIterations: 3,
      streamEpisodes: 2,
      actionIb: 0.05,
      writeRateTarget: 0.3,
      lagrangeLr: 0.005,
      lambdaMax: 1,
      logEvery: 4,
    });
    const base = trainAuraMem(opts);
    expect(base.history.every((p) => p.gateLabelAux === undefined)).toBe(true);
    // weight 0, and the term dropped before the first iteration, train the same bytes
    expect(trainAuraMem({ ...opts, gateLabelAux: 0 }).params.data).toEqual(base.params.data);
    expect(trainAuraMem({ ...opts, gateLabelAux: 1, gateLabelAuxUntil: 0 }).params.data).toEqual(
      base.params.data,
    );
    // until 4: the first report period has it, the second not
    const until = trainAuraMem({ ...opts, gateLabelAux: 1, gateLabelAuxUntil: 4 });
    expect(until.history[0]?.gateLabelAux).toBeDefined();
    expect(until.history[1]?.gateLabelAux).toBeUndefined();
    expect(until.params.data).not.toEqual(base.params.data);
    // a strong term separates p on the training steps (soft gate throughout; iterations 251-300), far more than
    // the same training with a negligible weight (which only reports the means)
    const margin = (gateLabelAux: number) => {
      const r = trainAuraMem({ ...opts, iterations: 300, softIterations: 300, logEvery: 50, gateLabelAux });
      const last = r.history.at(-1)?.gateLabelAux;
      return (last?.meanGateRelevant as number) - (last?.meanGateIrrelevant as number);
    };
    const weak = margin(1e-9);
    const strong = margin(5);
    expect(strong).toBeGreaterThan(weak + 0.1);
    expect(strong).toBeGreaterThan(0.1);
  }, 60_000);

  it('writeTargetStart runs the write-rate control from writeTargetFrom in every phase, the target tightening linearly to writeRateTarget at the end of the relaxed phase; off by default', () => {
    const opts = tinyV2Training({
      iterations: 12,
      tauRange: [0.1, 0.9] as [number, number],
      softIterations: 4,
      relaxIterations: 4,
      streamEpisodes: 2,
      writeRateTarget: 0.3,
      lagrangeLr: 0.5,
      lambdaMax: 1,
      logEvery: 1,
    });
    const base = trainAuraMem(opts);
    expect(base.history.every((p) => p.writeTarget === undefined)).toBe(true);
    // the soft phase has no sparsity in the recipe
    expect(base.history.slice(0, 4).map((p) => p.lambda)).toEqual([0, 0, 0, 0]);
    const budget = trainAuraMem({ ...opts, writeTargetStart: 0.1 });
    // target 0.1 at iteration 1, 0.3 at the last relaxed iteration (8) and after, linear between
    const targets = budget.history.map((p) => p.writeTarget as number);
    expect(targets[0]).toBeCloseTo(0.1, 12);
    expect(targets[7]).toBeCloseTo(0.3, 12);
    expect(targets[11]).toBeCloseTo(0.3, 12);
    for (let i = 1; i < 7; i++)
      expect((targets[i] as number) - (targets[i - 1] as number)).toBeCloseTo(0.2 / 7, 12);
    // the penalty acts in the soft phase: λ starts at `sparsity` and moves by η·(mean p − target)
    expect(budget.history[0]?.lambda).toBe(0.05);
    const mp = budget.history[0]?.meanGate as number;
    expect(budget.history[1]?.lambda).toBeCloseTo(Math.min(1, Math.max(0, 0.05 + 0.5 * (mp - 0.1))), 6);
    expect(budget.params.data).not.toEqual(base.params.data);
    // from 6: the soft phase as the recipe, the control from iteration 7 with its target starting there
    const late = trainAuraMem({ ...opts, writeTargetStart: 0.1, writeTargetFrom: 6 });
    expect(late.history.slice(0, 4).map((p) => p.lambda)).toEqual([0, 0, 0, 0]);
    expect(late.history[6]?.writeTarget).toBeCloseTo(0.1, 12);
    expect(late.history[7]?.writeTarget).toBeCloseTo(0.3, 12);
    expect(() => trainAuraMem({ ...opts, writeRateTarget: undefined, writeTargetStart: 0.9 })).toThrow(
      /writeRateTarget/,
    );
  });

  it('v2 relaxed gate (annealed temperature, off-centre τ) matches finite differences for every tensor', () => {
    const { checked, failures } = gradientCheck('relaxed', new Set(), true, 0.5);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('the action information-bottleneck term pushes the gate open where a write changes the action', () => {
    const params = createAuraMemParams({ ...model, gateRead: true }, 4, 0);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 2).steps);
    const base = { gateMode: 'ste' as const, tauTrain: 0.5, sparsity: 0 };
    const g0 = new Float32Array(params.data.length);
    const g1 = new Float32Array(params.data.length);
    const r0 = computeEpisodeGradient(params, data, base, g0);
    const r1 = computeEpisodeGradient(params, data, { ...base, actionIb: 1 }, g1);
    expect(r0.meanActionChange).toBe(0);
    expect(r1.meanActionChange).toBeGreaterThan(0);
    expect(r1.loss).toBeLessThan(r0.loss);
    // Gc is the gate's output bias: the IB term lowers its gradient (more writing lowers the loss)
    const gc = tensorShapes({ ...model, gateRead: true }).findIndex(([n]) => n === 'Gc');
    const off = tensorShapes({ ...model, gateRead: true })
      .slice(0, gc)
      .reduce((n, [, sh]) => n + sh.reduce((a, b) => a * b, 1), 0);
    expect(g1[off] as number).toBeLessThan(g0[off] as number);
  });

  it('matches finite differences under the straight-through gate for tensors not upstream of the gate', () => {
    // Wk, Wv and the gate feed p, so under STE they also receive the surrogate gradient by design
    const { failures } = gradientCheck('ste', new Set(['Wk', 'Wv', 'Gz', 'Gs', 'Gb', 'Go', 'Gc']));
    expect(failures).toEqual([]);
  });

  it('is deterministic for a seed and learns the tiny task above chance with a minority of writes', () => {
    const opts = {
      task: tiny,
      model,
      seed: 3,
      backboneSeed: 4,
      iterations: 300,
      batchSize: 8,
      learningRate: 0.01,
      sparsity: 0.05,
      tauTrain: 0.5,
      softIterations: 150,
      clipNorm: 5,
      logEvery: 50,
    };
    const seen: number[] = [];
    const a = trainAuraMem({ ...opts, onProgress: (p) => seen.push(p.iteration) });
    expect(seen).toEqual([50, 100, 150, 200, 250, 300]);
    const b = trainAuraMem({ ...opts, iterations: 20 });
    const c = trainAuraMem({ ...opts, iterations: 20 });
    expect(b.params.data).toEqual(c.params.data);
    const held = Array.from({ length: 200 }, (_, i) => generateTaskEpisode(tiny, heldOutEpisodeSeed(3, i)));
    const r = evaluateAuraMem(a.params, a.backbone, held, createWriteSchedule({ kind: 'gate', tau: 0.5 }));
    expect(r.accuracy).toBeGreaterThan(0.5);
    expect(r.writeFraction).toBeLessThan(0.5);
    // the memory is what helps: without writes the same model is near chance
    const never = evaluateAuraMem(a.params, a.backbone, held, createWriteSchedule({ kind: 'never' }));
    expect(never.accuracy).toBeLessThan(0.25);
  }, 60_000);
});
