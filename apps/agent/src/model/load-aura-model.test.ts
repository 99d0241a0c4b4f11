import {
  createAuraMemState,
  createStepCache,
  createWriteSchedule,
  editOnnxModel,
  evaluateAuraMem,
  exportAuraMemOnnx,
  generateTaskEpisode,
  getTaskConfig,
  heldOutEpisodeSeed,
  stepAuraMem,
  type TaskConfig,
  trainAuraMem,
} from '@aura/core';
import { describe, expect, it } from 'vitest';
import { loadAuraModel, ModelContractError } from './load-aura-model.js';

const model = { dModel: 24, dKey: 32, dVal: 32, dAction: 8, dGate: 6, dHidden: 16 };
const tiny: TaskConfig = {
  ...getTaskConfig('hard'),
  name: 'tiny',
  episodeLength: 12,
  nKeys: 3,
  events: 3,
  queries: 3,
  distractors: 3,
};
// a briefly trained model, so the gate is selective and both decisions occur
const trained = trainAuraMem({
  task: tiny,
  model,
  seed: 5,
  backboneSeed: 6,
  iterations: 120,
  batchSize: 8,
  learningRate: 0.01,
  sparsity: 0.05,
  tauTrain: 0.5,
  softIterations: 60,
  clipNorm: 5,
});
const bytes = exportAuraMemOnnx(trained.params, { task: 'tiny', version: 'test' });

describe('loadAuraModel', () => {
  it('runs the exported step graph in onnxruntime-node in parity with the TypeScript reference', async () => {
    const onnxModel = await loadAuraModel(bytes);
    expect(onnxModel.dims).toEqual({ dModel: 24, dKey: 32, dVal: 32, dAction: 8 });
    const cache = createStepCache(trained.params);
    let state = createAuraMemState(model);
    let maxAction = 0;
    let maxState = 0;
    let writes = 0;
    let steps = 0;
    for (let e = 0; e < 25; e++) {
      const ep = generateTaskEpisode(tiny, heldOutEpisodeSeed(1, e));
      for (const s of ep.steps) {
        const z = trained.backbone.encode(s.obs);
        const ref = stepAuraMem(trained.params, state, z, 0.5, cache);
        const out = await onnxModel.step(z, state.W, state.b, 0.5);
        expect(out.wrote).toBe(ref.wrote);
        expect(Math.abs(out.gate - ref.gate)).toBeLessThan(1e-5);
        expect(Math.abs(out.surprise - ref.surprise)).toBeLessThan(1e-4 * (1 + ref.surprise));
        for (let i = 0; i < ref.action.length; i++)
          maxAction = Math.max(maxAction, Math.abs((out.action[i] as number) - (ref.action[i] as number)));
        for (let i = 0; i < ref.state.W.length; i++)
          maxState = Math.max(maxState, Math.abs((out.W[i] as number) - (ref.state.W[i] as number)));
        for (let i = 0; i < ref.state.b.length; i++)
          maxState = Math.max(maxState, Math.abs((out.b[i] as number) - (ref.state.b[i] as number)));
        if (!ref.wrote) {
          // not written: the graph hands back the input state exactly
          expect(out.W).toEqual(state.W);
          expect(out.b).toEqual(state.b);
        }
        if (ref.wrote) writes++;
        steps++;
        state = ref.state;
      }
    }
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(steps);
    expect(maxAction).toBeLessThan(1e-4);
    expect(maxState).toBeLessThan(1e-5);
    // tau is a runtime input: tau = 1 never writes, tau = 0 always writes
    const z = trained.backbone.encode(generateTaskEpisode(tiny, 99).steps[0]!.obs);
    expect((await onnxModel.step(z, state.W, state.b, 1)).wrote).toBe(false);
    expect((await onnxModel.step(z, state.W, state.b, 0)).wrote).toBe(true);
    await onnxModel.release();
    // sanity: the trained model is doing the task through its memory
    const held = Array.from({ length: 100 }, (_, i) => generateTaskEpisode(tiny, heldOutEpisodeSeed(2, i)));
    const r = evaluateAuraMem(
      trained.params,
      trained.backbone,
      held,
      createWriteSchedule({ kind: 'gate', tau: 0.5 }),
    );
    expect(r.accuracy).toBeGreaterThan(0.3);
  }, 60_000); // ≈ 1 s alone; CPU-bound, so seconds on a machine shared by several test runs

  it('refuses a model with a wrong input, naming it', async () => {
    const bad = editOnnxModel(bytes, { rename: { tau: 'threshold' } });
    await expect(loadAuraModel(bad)).rejects.toThrow(ModelContractError);
    await expect(loadAuraModel(bad)).rejects.toThrow(/input "tau" is missing/);
  });

  it('refuses a model with a wrong output, naming it', async () => {
    await expect(loadAuraModel(editOnnxModel(bytes, { rename: { W_next: 'W_out' } }))).rejects.toThrow(
      /output "W_next" is missing.*unexpected output "W_out"/,
    );
  });

  it('refuses a model with wrong metadata or dimensions, naming them', async () => {
    await expect(loadAuraModel(editOnnxModel(bytes, { metadata: { 'aura.version': null } }))).rejects.toThrow(
      /metadata "aura.version" is missing/,
    );
    await expect(loadAuraModel(bytes, { dModel: 4096, dKey: 32, dVal: 32 })).rejects.toThrow(
      /metadata "aura.dModel": expected 4096, got 24/,
    );
    await expect(loadAuraModel(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(ModelContractError);
  });
});
