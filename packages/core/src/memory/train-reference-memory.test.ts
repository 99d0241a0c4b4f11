import { describe, expect, it } from 'vitest';
import { TINY_TASK as tiny } from '../../test/tiny-tasks.js';
import { createAuraMemParams } from './create-aura-mem-params.js';
import { createBackbone } from './create-backbone.js';
import { generateTaskEpisode, heldOutEpisodeSeed, OBS_DIMS } from './generate-task-episode.js';
import { createGruParams } from './step-gru.js';
import { createKvCache, stepKvAttention } from './step-kv-attention.js';
import { encodeEpisode } from './train-aura-mem.js';
import {
  computeGruEpisodeGradient,
  computeKvEpisodeGradient,
  evaluateReferenceMemory,
  trainReferenceMemory,
} from './train-reference-memory.js';

const backbone = createBackbone(OBS_DIMS, 10, 5);
const data = encodeEpisode(backbone, generateTaskEpisode(tiny, 4).steps);

function fdCheck(paramsData: Float32Array, lossAt: () => number, grad: Float32Array): string[] {
  const failures: string[] = [];
  const eps = 2e-3;
  for (let s = 0; s < 60; s++) {
    const i = (s * 7919) % paramsData.length;
    const orig = paramsData[i] as number;
    paramsData[i] = orig + eps;
    const up = lossAt();
    paramsData[i] = orig - eps;
    const down = lossAt();
    paramsData[i] = orig;
    const numeric = (up - down) / (2 * eps);
    const analytic = grad[i] as number;
    if (Math.abs(numeric - analytic) > 2e-3 + 3e-2 * Math.abs(numeric))
      failures.push(`[${i}] ${analytic} vs ${numeric}`);
  }
  return failures;
}

describe('reference memory trainers', () => {
  it('GRU gradients match finite differences', () => {
    const p = createGruParams({ dModel: 10, dHidden: 8, dAction: 8, dHead: 6 }, 2);
    for (let i = 0; i < p.data.length; i++) p.data[i] = (p.data[i] as number) * 1.5;
    const grad = new Float32Array(p.data.length);
    computeGruEpisodeGradient(p, data, grad);
    expect(fdCheck(p.data, () => computeGruEpisodeGradient(p, data, undefined).loss, grad)).toEqual([]);
  });

  it('KV-attention gradients match finite differences, and its forward equals stepKvAttention', () => {
    const p = createAuraMemParams({ dModel: 10, dKey: 6, dVal: 5, dAction: 8, dGate: 3, dHidden: 6 }, 3);
    for (let i = 0; i < p.data.length; i++) p.data[i] = (p.data[i] as number) * 1.5;
    const grad = new Float32Array(p.data.length);
    computeKvEpisodeGradient(p, data, grad);
    expect(fdCheck(p.data, () => computeKvEpisodeGradient(p, data, undefined).loss, grad)).toEqual([]);
    // same semantics as the step function: compare the loss from stepKvAttention's actions
    const cache = createKvCache();
    let loss = 0;
    let n = 0;
    data.z.forEach((z, t) => {
      const a = stepKvAttention(p, cache, z).action;
      const target = data.targets[t] as number;
      if (target < 0) return;
      const max = Math.max(...a);
      const lse = Math.log(a.reduce((s, x) => s + Math.exp(x - max), 0)) + max;
      loss += lse - (a[target] as number);
      n++;
    });
    expect(computeKvEpisodeGradient(p, data, undefined).loss).toBeCloseTo(loss / n, 4);
  });

  it('trains both references deterministically; both change state every step', () => {
    const common = {
      task: tiny,
      seed: 1,
      backboneSeed: 5,
      iterations: 30,
      batchSize: 4,
      learningRate: 0.01,
      clipNorm: 5,
    };
    const gru = trainReferenceMemory({
      ...common,
      kind: 'gru',
      model: { dModel: 10, dHidden: 8, dAction: 8, dHead: 6 },
    });
    const gru2 = trainReferenceMemory({
      ...common,
      kind: 'gru',
      model: { dModel: 10, dHidden: 8, dAction: 8, dHead: 6 },
    });
    expect(gru.params.data).toEqual(gru2.params.data);
    const kv = trainReferenceMemory({
      ...common,
      kind: 'kv',
      model: { dModel: 10, dKey: 6, dVal: 5, dAction: 8, dGate: 3, dHidden: 6 },
    });
    const held = Array.from({ length: 20 }, (_, i) => generateTaskEpisode(tiny, heldOutEpisodeSeed(1, i)));
    const g = evaluateReferenceMemory(gru, held);
    const k = evaluateReferenceMemory(kv, held);
    expect(g.writes).toBe(g.steps);
    expect(g.maxStateBytes).toBe(32);
    expect(k.maxStateBytes).toBe(12 * (6 + 5) * 4);
    expect(k.accuracy).toBeGreaterThanOrEqual(0);
  });
});
