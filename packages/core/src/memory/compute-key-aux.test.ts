import { describe, expect, it } from 'vitest';
import { TINY_V2_TASK as tinyV2 } from '../../test/tiny-tasks.js';
import { computeKeyAux, keySlotLabels } from './compute-key-aux.js';
import { type AuraMemParams, createAuraMemParams, tensorShapes } from './create-aura-mem-params.js';
import { createBackbone } from './create-backbone.js';
import { generateTaskEpisode, obsDimsOf, trainEpisodeSeed } from './generate-task-episode.js';
import { computeEpisodeGradient, encodeEpisode, trainAuraMem } from './train-aura-mem.js';

const model = { dModel: 16, dKey: 6, dVal: 5, dAction: 8, dGate: 4, dHidden: 6, gateRead: true };

function offsetOf(name: string): { offset: number; size: number } {
  let offset = 0;
  for (const [n, shape] of tensorShapes(model)) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (n === name) return { offset, size };
    offset += size;
  }
  throw new Error(name);
}

/** k = z·Wk for every step of an encoded episode. */
function writeKeys(params: AuraMemParams, zs: Float32Array[]): Float32Array[] {
  const { dModel, dKey } = params.config;
  return zs.map((z) => {
    const k = new Float32Array(dKey);
    for (let i = 0; i < dModel; i++)
      for (let j = 0; j < dKey; j++)
        k[j] = (k[j] as number) + (z[i] as number) * (params.Wk[i * dKey + j] as number);
    return k;
  });
}

describe('key-addressing auxiliary loss', () => {
  it('labels exactly the binding steps (relevant, repeat, off-channel) with their key slot', () => {
    const ep = generateTaskEpisode(tinyV2, 5);
    const labels = keySlotLabels(ep.steps);
    ep.steps.forEach((s, t) => {
      const binding = s.kind === 'event' || s.kind === 'repeat' || s.kind === 'distractor';
      expect(labels[t]).toBe(binding ? s.key : -1);
    });
    expect(Array.from(labels).filter((l) => l >= 0).length).toBe(
      tinyV2.events + (tinyV2.repeats ?? 0) + tinyV2.distractors,
    );
  });

  it('is 0 when same-slot write keys coincide and other slots are orthogonal on [k; 1]; positive otherwise', () => {
    // [1, 0, 1]·[−1, 0, 1] = 0: slots 0 and 1 orthogonal
    const keys = [
      Float32Array.of(1, 0),
      Float32Array.of(-1, 0),
      Float32Array.of(1, 0),
      Float32Array.of(0, 0),
    ];
    const slots = Int32Array.of(0, 1, 0, -1);
    const dk = new Float32Array(8);
    const r = computeKeyAux(keys, slots, 2, 2, dk);
    expect(r.loss).toBeCloseTo(0, 12);
    expect(r.sameSlotCosine).toBeCloseTo(1, 12);
    expect(r.otherSlotCosine).toBeCloseTo(0, 12);
    expect(Math.max(...Array.from(dk).map(Math.abs))).toBeLessThan(1e-7);
    // move one key of slot 0: both terms grow, by the weight's factor
    keys[2] = Float32Array.of(0.2, 0.9);
    const r1 = computeKeyAux(keys, slots, 1, 2, undefined);
    const r2 = computeKeyAux(keys, slots, 2, 2, undefined);
    expect(r1.loss).toBeGreaterThan(0.05);
    expect(r2.loss).toBeCloseTo(2 * r1.loss, 12);
  });

  it('∂L/∂k matches central finite differences', () => {
    const dKey = 5;
    const keys = Array.from({ length: 9 }, (_, t) =>
      Float32Array.from({ length: dKey }, (_, i) => Math.sin(3 * t + 1.7 * i + 0.3)),
    );
    const slots = Int32Array.of(0, 1, -1, 0, 2, 1, 0, -1, 2);
    const dk = new Float32Array(keys.length * dKey);
    computeKeyAux(keys, slots, 1.5, dKey, dk, 0.5);
    const eps = 1e-3;
    let checked = 0;
    for (let t = 0; t < keys.length; t++) {
      for (let i = 0; i < dKey; i++) {
        const k = keys[t] as Float32Array;
        const orig = k[i] as number;
        k[i] = orig + eps;
        const up = computeKeyAux(keys, slots, 1.5, dKey, undefined).loss;
        k[i] = orig - eps;
        const down = computeKeyAux(keys, slots, 1.5, dKey, undefined).loss;
        k[i] = orig;
        const numeric = (0.5 * (up - down)) / (2 * eps);
        expect(Math.abs((dk[t * dKey + i] as number) - numeric)).toBeLessThan(
          1e-4 + 1e-2 * Math.abs(numeric),
        );
        if ((slots[t] as number) < 0) expect(dk[t * dKey + i]).toBe(0);
        checked++;
      }
    }
    expect(checked).toBe(45);
    expect(Math.max(...Array.from(dk).map(Math.abs))).toBeGreaterThan(1e-2);
  });

  it('in the trainer it adds its value to the loss and reaches Wk only, as zᵀ·∂L/∂k; the loss matches finite differences on Wk', () => {
    const params = createAuraMemParams(model, 21, 0);
    for (let i = 0; i < params.data.length; i++) params.data[i] = (params.data[i] as number) * 1.5;
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const ep = generateTaskEpisode(tinyV2, 8);
    const data = { ...encodeEpisode(backbone, ep.steps), keySlots: keySlotLabels(ep.steps) };
    const initial = {
      W: Float32Array.from({ length: model.dKey * model.dVal }, (_, i) => Math.sin(i) * 0.3),
      b: Float32Array.from({ length: model.dVal }, (_, i) => Math.cos(i) * 0.3),
    };
    const off = { gateMode: 'soft' as const, tauTrain: 0.5, sparsity: 0.3 };
    const on = { ...off, keyAux: 0.7 };
    const g0 = new Float32Array(params.data.length);
    const g1 = new Float32Array(params.data.length);
    const r0 = computeEpisodeGradient(params, data, off, g0, undefined, 1, initial);
    const r1 = computeEpisodeGradient(params, data, on, g1, undefined, 1, initial);
    const keys = writeKeys(params, data.z);
    const dk = new Float32Array(keys.length * model.dKey);
    const direct = computeKeyAux(keys, data.keySlots, 0.7, model.dKey, dk);
    expect(r0.keyAux).toBeUndefined();
    expect(r1.keyAux?.loss).toBeCloseTo(direct.loss, 5);
    expect(r1.loss - r0.loss).toBeCloseTo(direct.loss, 5);
    expect(direct.loss).toBeGreaterThan(0.01);
    // every tensor but Wk gets bit-for-bit the gradient it gets without the term
    const wk = offsetOf('Wk');
    for (let i = 0; i < g0.length; i++)
      if (i < wk.offset || i >= wk.offset + wk.size) expect(g1[i]).toBe(g0[i]);
    // on Wk the difference is zᵀ·∂L/∂k
    let largest = 0;
    for (let a = 0; a < model.dModel; a++)
      for (let j = 0; j < model.dKey; j++) {
        let expected = 0;
        data.z.forEach((z, t) => {
          expected += (z[a] as number) * (dk[t * model.dKey + j] as number);
        });
        const i = wk.offset + a * model.dKey + j;
        expect((g1[i] as number) - (g0[i] as number)).toBeCloseTo(expected, 5);
        largest = Math.max(largest, Math.abs(expected));
      }
    expect(largest).toBeGreaterThan(1e-3);
    // and the whole loss (task + term) matches central differences on Wk
    const eps = 2e-3;
    for (let s = 0; s < 12; s++) {
      const i = wk.offset + ((s * 7919) % wk.size);
      const orig = params.data[i] as number;
      params.data[i] = orig + eps;
      const up = computeEpisodeGradient(params, data, on, undefined, undefined, 1, initial).loss;
      params.data[i] = orig - eps;
      const down = computeEpisodeGradient(params, data, on, undefined, undefined, 1, initial).loss;
      params.data[i] = orig;
      const numeric = (up - down) / (2 * eps);
      expect(Math.abs((g1[i] as number) - numeric)).toBeLessThan(2e-3 + 3e-2 * Math.abs(numeric));
    }
  });

  it('is off by default (training without it, with weight 0 or from after the last iteration give the same bytes) and, when on, separates the write keys by slot', () => {
    const opts = {
      task: tinyV2,
      model,
      seed: 3,
      backboneSeed: 4,
      iterations: 120,
      batchSize: 8,
      learningRate: 0.01,
      sparsity: 0.05,
      tauTrain: 0.5,
      softIterations: 60,
      relaxIterations: 30,
      streamEpisodes: 2,
      clipNorm: 5,
    };
    const plain = trainAuraMem(opts);
    const zero = trainAuraMem({ ...opts, keyAux: 0 });
    expect(zero.params.data).toEqual(plain.params.data);
    // keyAuxFrom: not yet applied by the last iteration = not applied at all
    const late = trainAuraMem({ ...opts, keyAux: 1, keyAuxFrom: opts.iterations });
    expect(late.params.data).toEqual(plain.params.data);
    const withAux = trainAuraMem({ ...opts, keyAux: 1 });
    expect(withAux.params.data).not.toEqual(plain.params.data);
    // same-slot minus other-slot cosine of [k; 1] on fresh episodes
    const gap = (params: AuraMemParams) => {
      let total = 0;
      for (let e = 0; e < 20; e++) {
        const ep = generateTaskEpisode(tinyV2, trainEpisodeSeed(77, e));
        const r = computeKeyAux(
          writeKeys(params, encodeEpisode(plain.backbone, ep.steps).z),
          keySlotLabels(ep.steps),
          1,
          model.dKey,
          undefined,
        );
        total += (r.sameSlotCosine || 0) - (r.otherSlotCosine || 0);
      }
      return total / 20;
    };
    expect(gap(withAux.params)).toBeGreaterThan(gap(plain.params) + 0.1);
  }, 60_000);
});
