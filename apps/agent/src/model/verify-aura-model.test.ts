import {
  createAuraMemParams,
  exportAuraMemOnnx,
  getTaskConfig,
  OBS_DIMS,
  OBS_DIMS_V2,
  paramsFromData,
  type TaskConfig,
  trainAuraMem,
} from '@aura/core';
import { describe, expect, it } from 'vitest';
import { verifyAuraModel } from './verify-aura-model.js';

const model = { dModel: 20, dKey: 32, dVal: 32, dAction: 8, dGate: 6, dHidden: 12 };
const tiny: TaskConfig = {
  ...getTaskConfig('hard'),
  episodeLength: 12,
  nKeys: 3,
  events: 3,
  queries: 3,
  distractors: 3,
};
const trained = trainAuraMem({
  task: tiny,
  model,
  seed: 2,
  backboneSeed: 9,
  iterations: 80,
  batchSize: 8,
  learningRate: 0.01,
  sparsity: 0.05,
  tauTrain: 0.5,
  softIterations: 40,
  clipNorm: 5,
});
// verify reads task, backbone seed and observation width from metadata; use the real 'hard' task
const bytes = exportAuraMemOnnx(trained.params, {
  task: 'hard',
  version: 'verify-test',
  extra: { 'aura.backboneSeed': '9', 'aura.obsDims': String(OBS_DIMS), 'aura.defaultTau': '0.5' },
});

describe('verifyAuraModel', () => {
  it('passes a faithful export and reports the JSON fields', async () => {
    const r = await verifyAuraModel(bytes, { steps: 400, seed: 1 });
    expect(r.steps).toBe(400);
    expect(r.pass).toBe(true);
    expect(r.maxAbsActionDiff).toBeLessThanOrEqual(1e-4);
    expect(r.maxAbsStateDiff).toBeLessThanOrEqual(1e-5);
    expect(r.decisionMismatches).toBe(0);
    expect(r.writes).toBeGreaterThan(0);
    expect(r.writes).toBeLessThan(400);
  });

  it('fails when the reference and the graph disagree on the action head', async () => {
    const data = trained.params.data.slice();
    const ref = paramsFromData(model, data);
    ref.h2[0] = (ref.h2[0] as number) + 1e-3;
    const r = await verifyAuraModel(bytes, { steps: 50, seed: 1, referenceParams: ref });
    expect(r.maxAbsActionDiff).toBeGreaterThan(1e-4);
    expect(r.pass).toBe(false);
  });

  it('counts decision mismatches when the gate differs', async () => {
    const ref = paramsFromData(model, trained.params.data.slice());
    ref.Gc[0] = (ref.Gc[0] as number) + 3; // the reference now writes far more often
    const r = await verifyAuraModel(bytes, { steps: 200, seed: 1, referenceParams: ref });
    expect(r.decisionMismatches).toBeGreaterThan(0);
    expect(r.pass).toBe(false);
    // an untrained model of the same shape also runs (and passes against its own weights)
    const fresh = exportAuraMemOnnx(createAuraMemParams(model, 4), {
      task: 'hard',
      version: 'fresh',
      extra: { 'aura.backboneSeed': '9', 'aura.obsDims': String(OBS_DIMS) },
    });
    expect((await verifyAuraModel(fresh, { steps: 50, seed: 2 })).pass).toBe(true);
  });

  it('passes a v2 layer whose gate reads the memory, on the v2 task', async () => {
    const v2 = { ...model, gateRead: true };
    const params = createAuraMemParams(v2, 5);
    // a state that is not zero matters for the gate's read: let it write often
    params.Gc[0] = 2;
    const v2bytes = exportAuraMemOnnx(params, {
      task: 'hard-v2',
      version: 'verify-v2',
      extra: { 'aura.backboneSeed': '9', 'aura.obsDims': String(OBS_DIMS_V2), 'aura.defaultTau': '0.5' },
    });
    const r = await verifyAuraModel(v2bytes, { steps: 300, seed: 3 });
    expect(r.pass).toBe(true);
    expect(r.writes).toBeGreaterThan(0);
    const ref = paramsFromData(v2, params.data.slice());
    ref.Gm[0] = (ref.Gm[0] as number) + 5; // the graph must use Gm: a different Gm changes the gate
    expect(
      (await verifyAuraModel(v2bytes, { steps: 300, seed: 3, referenceParams: ref })).maxAbsGateDiff,
    ).toBeGreaterThan(1e-4);
  });

  it('passes a v2 layer with the gate query bias (kg = z·Wg + cg, cg as the bias in Pc), and the graph uses cg', async () => {
    const v2 = { ...model, gateRead: true, gateQueryBias: true };
    const params = createAuraMemParams(v2, 6);
    params.Gc[0] = 2;
    for (let i = 0; i < params.cg.length; i++) params.cg[i] = Math.sin(i + 1);
    const v2bytes = exportAuraMemOnnx(params, {
      task: 'hard-v2',
      version: 'verify-v2-cg',
      extra: { 'aura.backboneSeed': '9', 'aura.obsDims': String(OBS_DIMS_V2), 'aura.defaultTau': '0.5' },
    });
    const r = await verifyAuraModel(v2bytes, { steps: 300, seed: 3 });
    expect(r.pass).toBe(true);
    expect(r.writes).toBeGreaterThan(0);
    const ref = paramsFromData(v2, params.data.slice());
    ref.cg.fill(0); // a reference without the bias must differ from the graph's gate
    expect(
      (await verifyAuraModel(v2bytes, { steps: 300, seed: 3, referenceParams: ref })).maxAbsGateDiff,
    ).toBeGreaterThan(1e-4);
  });
  it('passes a v2 layer with the forgetting factor (decay on writes only), and the graph uses gf', async () => {
    const v2 = { ...model, gateRead: true, forget: true };
    const params = createAuraMemParams(v2, 7);
    params.Gc[0] = 0.5; // writes on some steps and not on others
    params.gf[0] = 0.4; // γ ≈ 0.6: the decay matters
    const v2bytes = exportAuraMemOnnx(params, {
      task: 'hard-v2',
      version: 'verify-v2-forget',
      extra: { 'aura.backboneSeed': '9', 'aura.obsDims': String(OBS_DIMS_V2), 'aura.defaultTau': '0.5' },
    });
    const r = await verifyAuraModel(v2bytes, { steps: 300, seed: 3 });
    expect(r.pass).toBe(true);
    expect(r.writes).toBeGreaterThan(0);
    expect(r.writes).toBeLessThan(300);
    const ref = paramsFromData(v2, params.data.slice());
    ref.gf[0] = 3; // a reference with another γ must hold another state
    expect(
      (await verifyAuraModel(v2bytes, { steps: 300, seed: 3, referenceParams: ref })).maxAbsStateDiff,
    ).toBeGreaterThan(1e-4);
  });
});
