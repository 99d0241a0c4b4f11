import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildBackboneGraph } from '@aura/testing/onnx-graphs';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuraModel, type AuraStepOutput, loadAuraModel } from '../model/load-aura-model.js';
import { openStateStore } from '../persistence/state-store.js';
import { AgentRuntime } from './agent-runtime.js';
import { featuresFromModelMetadata, SyntheticTaskEnvironment } from './environment.js';
import { BackboneMismatchError, loadOnnxBackbone } from './onnx-backbone.js';

const modelPath = path.resolve(import.meta.dirname, '../../../../models/aura-mem-hard-v1.onnx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const noneStore = (dims: { dKey: number; dVal: number }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aura-rt-'));
  dirs.push(dir);
  return openStateStore({ mode: 'none', dir, dims });
};

/** a unit-test double of the ONNX model: writes when gate 0.6 > τ; lets the test hold a step open */
function fakeModel(): AuraModel & { taus: number[]; release_: () => void } {
  const dims = { dModel: 48, dKey: 32, dVal: 32, dAction: 8 };
  let hold: Promise<void> = Promise.resolve();
  let release_ = () => {};
  const taus: number[] = [];
  return {
    dims,
    metadata: {},
    sha256: '',
    taus,
    get release_() {
      return release_;
    },
    hold() {
      hold = new Promise((r) => {
        release_ = r;
      });
    },
    async step(_z, W, b, tau): Promise<AuraStepOutput> {
      taus.push(tau);
      await hold;
      const wrote = 0.6 > tau;
      return {
        action: new Float32Array(8),
        gate: 0.6,
        wrote,
        W: wrote ? W.map((x) => x + 1) : W,
        b,
        surprise: 0,
      };
    },
    release: async () => {},
  } as AuraModel & { taus: number[]; release_: () => void; hold: () => void };
}

describe('AgentRuntime', () => {
  it('runs the committed model on the synthetic robot: constant state, writes counted, latency measured', async () => {
    const model = await loadAuraModel(modelPath);
    const features = featuresFromModelMetadata(model.metadata, model.dims.dModel);
    if (!features) throw new Error('no backbone');
    const rt = new AgentRuntime({
      model,
      features,
      env: new SyntheticTaskEnvironment('hard', 1),
      store: noneStore(model.dims),
      tau: 0.5,
    });
    for (let i = 0; i < 36 * 20; i++) await rt.step();
    const w = rt.takeWindow();
    expect(w.steps).toBe(720);
    expect(w.writes).toBeGreaterThan(720 * 0.1);
    expect(w.writes).toBeLessThan(720 * 0.4);
    expect(w.episodesCompleted).toBe(20);
    expect(w.stepLatencyUs.p50).toBeGreaterThan(0);
    expect(w.stepLatencyUs.p99).toBeGreaterThanOrEqual(w.stepLatencyUs.p50);
    expect(rt.W.length * 4 + rt.b.length * 4).toBe(4224);
    expect(rt.takeWindow().steps).toBe(0);
    await model.release();
  });

  it('applies τ at a step boundary, never to a running step', async () => {
    const model = fakeModel() as ReturnType<typeof fakeModel> & { hold: () => void };
    const rt = new AgentRuntime({
      model,
      features: { dModel: 48, source: 'test', encode: () => new Float32Array(48) },
      env: new SyntheticTaskEnvironment('hard', 1),
      store: noneStore(model.dims),
      tau: 0.5,
    });
    model.hold();
    const running = rt.step();
    await new Promise((r) => setTimeout(r, 5));
    rt.setTau(0.9); // arrives mid-step
    expect(rt.tau).toBe(0.9);
    expect(rt.appliedTau).toBe(0.5);
    model.release_();
    expect((await running).wrote).toBe(true); // finished with τ = 0.5
    expect((await rt.step()).wrote).toBe(false); // next step uses τ = 0.9
    expect(model.taus).toEqual([0.5, 0.9]);
    expect(() => rt.setTau(1.5)).toThrow(RangeError);
  });
});

describe('user backbone ONNX', () => {
  it('produces z for the memory model when its width matches', async () => {
    const model = await loadAuraModel(modelPath);
    const features = await loadOnnxBackbone(buildBackboneGraph(28, 48), { dModel: 48, obsDims: 28 });
    const rt = new AgentRuntime({
      model,
      features,
      env: new SyntheticTaskEnvironment('hard', 1),
      store: noneStore(model.dims),
      tau: 0.5,
    });
    for (let i = 0; i < 50; i++) await rt.step();
    expect(rt.totals.steps).toBe(50);
    await features.release?.();
    await model.release();
  });

  it('refuses a backbone whose z width differs from the model dModel, naming both', async () => {
    await expect(loadOnnxBackbone(buildBackboneGraph(28, 64), { dModel: 48 })).rejects.toThrow(
      /width 64, the memory model expects z of 48/,
    );
    await expect(loadOnnxBackbone(buildBackboneGraph(30, 48), { dModel: 48, obsDims: 28 })).rejects.toThrow(
      BackboneMismatchError,
    );
    await expect(loadOnnxBackbone(new Uint8Array([1, 2, 3]), { dModel: 48 })).rejects.toThrow(
      /not a readable/,
    );
  });
});
