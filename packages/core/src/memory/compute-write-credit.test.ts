import { describe, expect, it } from 'vitest';
import { TINY_V2_TASK as tinyV2 } from '../../test/tiny-tasks.js';
import { computeWriteCredit } from './compute-write-credit.js';
import { createAuraMemParams, tensorShapes } from './create-aura-mem-params.js';
import { createBackbone } from './create-backbone.js';
import {
  continueTaskEpisode,
  futureEpisodeSeed,
  generateTaskEpisode,
  obsDimsOf,
} from './generate-task-episode.js';
import { type AuraMemStepCache, createStepCache, forwardAuraMemStep } from './step-aura-mem.js';
import {
  computeEpisodeGradient,
  createWorkspace,
  encodeEpisode,
  futureSuffixesOf,
} from './train-aura-mem.js';

const model = { dModel: 16, dKey: 6, dVal: 5, dAction: 8, dGate: 4, dHidden: 6, gateRead: true };

/** hand-made step caches: one-hot keys (query key = write key), values per step; only z, k, v, q, n are read */
function caches(steps: { key: number; value: number[]; query?: number }[]) {
  const params = createAuraMemParams(model, 3, 0);
  return {
    params,
    caches: steps.map((s, t) => {
      const c = createStepCache(params);
      c.k.fill(0);
      c.k[s.key] = 1;
      c.v.set(s.value);
      c.q.fill(0);
      c.q[s.query ?? s.key] = 1;
      c.z.set(Array.from({ length: model.dModel }, (_, i) => Math.sin(i + t)));
      c.n = Math.fround(1 / 2);
      return c;
    }),
  };
}

/** a tiny-v2 episode run forward under a fresh layer: its data, the caches, T and the gate's decisions at τ 0.5 */
function forwardTinyEpisode(episodeSeed: number) {
  const params = createAuraMemParams(model, 4, 0);
  const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
  const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, episodeSeed).steps);
  const ws = createWorkspace(params);
  computeEpisodeGradient(params, data, { gateMode: 'ste', tauTrain: 0.5, sparsity: 0 }, undefined, ws);
  const T = data.z.length;
  const base = ws.caches.slice(0, T).map((c) => (c.gate > 0.5 ? 1 : 0));
  return { params, data, ws, T, base };
}

describe('counterfactual write credit', () => {
  it('gives 0 to a repeated, an overwritten and an unread write and > 0 to the binding a query reads', () => {
    const X = [1, -1, 0.5, 0, 2];
    const Y = [-2, 0.5, 1, 1, -1];
    const Z = [0.3, 0.3, -1, 2, 0];
    const { params, caches: c } = caches([
      { key: 0, value: X }, // 0: A → X, overwritten by step 3
      { key: 0, value: X }, // 1: repeat of A → X (prediction error 0 after step 0)
      { key: 1, value: Z }, // 2: B → Z, never queried; its bias change is undone by step 3's exact write
      { key: 0, value: Y }, // 3: A → Y, read by the query
      { key: 2, value: Z, query: 0 }, // 4: query of A; does not write in the base schedules below
    ]);
    const targets = [-1, -1, -1, -1, 3];
    for (const measure of ['tv', 'loss'] as const) {
      const credit = computeWriteCredit(params, c, targets, [1, 1, 1, 1, 0], measure);
      expect(Math.abs(credit[0] as number)).toBeLessThan(1e-4);
      expect(Math.abs(credit[1] as number)).toBeLessThan(1e-4);
      expect(Math.abs(credit[2] as number)).toBeLessThan(1e-4);
      expect(Math.abs(credit[3] as number)).toBeGreaterThan(1e-3);
    }
    // the repeat is worth nothing only once the binding is stored: with step 0 not written, writing 1 matters
    // from a gate that skipped the binding the query reads, writing it is what gets credit
    const fromGate = computeWriteCredit(params, c, targets, [1, 1, 1, 0, 0]);
    expect(fromGate[3] as number).toBeGreaterThan(1e-3);
    expect(Math.abs(fromGate[1] as number)).toBeLessThan(1e-4);
    // steps after the last scored step get 0
    const late = computeWriteCredit(params, c, [-1, -1, 2, -1, -1], [1, 1, 1, 1, 1]);
    expect(late[3]).toBe(0);
    expect(late[4]).toBe(0);
  });

  it("reproduces the layer's own forward pass for the base schedule (a flip of nothing changes nothing)", () => {
    const { params, data, ws, T, base } = forwardTinyEpisode(2);
    const credit = computeWriteCredit(params, ws.caches, data.targets, base, 'tv');
    // recompute one flip by brute force with the real step function
    const f = base.indexOf(1);
    expect(f).toBeGreaterThanOrEqual(0);
    const run = (flip: number) => {
      let W = new Float32Array(model.dKey * model.dVal);
      let b = new Float32Array(model.dVal);
      const probs: number[][] = [];
      for (let t = 0; t < T; t++) {
        const c = forwardAuraMemStep(
          params,
          W,
          b,
          data.z[t] as Float32Array,
          () => (t === flip ? 1 - (base[t] as number) : (base[t] as number)),
          createStepCache(params),
        );
        W = c.Wnext.slice();
        b = c.bnext.slice();
        if ((data.targets[t] as number) >= 0) {
          const m = Math.max(...c.action);
          const e = Array.from(c.action, (a) => Math.exp(a - m));
          const s = e.reduce((x, y) => x + y, 0);
          probs.push(e.map((x) => x / s));
        }
      }
      return probs;
    };
    const p0 = run(-1);
    const p1 = run(f);
    let tv = 0;
    for (let i = 0; i < p0.length; i++)
      for (let a = 0; a < model.dAction; a++)
        tv += Math.abs((p0[i]?.[a] as number) - (p1[i]?.[a] as number)) / 2;
    expect(credit[f] as number).toBeCloseTo(tv, 4);
    expect(credit.every((x) => x >= 0)).toBe(true);
    // closed loop: the base decisions are the gate's own (equal to the forward pass's), and a flip also
    // re-decides later steps with the real step function
    const closed = computeWriteCredit(params, ws.caches, data.targets, base, 'tv', undefined, undefined, 0.5);
    const runClosed = (flip: number) => {
      let W = new Float32Array(model.dKey * model.dVal);
      let b = new Float32Array(model.dVal);
      const probs: number[][] = [];
      for (let t = 0; t < T; t++) {
        const c = forwardAuraMemStep(
          params,
          W,
          b,
          data.z[t] as Float32Array,
          (p) => (t === flip ? 1 - (base[t] as number) : p > Math.fround(0.5) ? 1 : 0),
          createStepCache(params),
        );
        W = c.Wnext.slice();
        b = c.bnext.slice();
        if ((data.targets[t] as number) >= 0) {
          const m = Math.max(...c.action);
          const e = Array.from(c.action, (a) => Math.exp(a - m));
          const s = e.reduce((x, y) => x + y, 0);
          probs.push(e.map((x) => x / s));
        }
      }
      return probs;
    };
    for (let g = 0; g < T; g++) {
      if ((data.targets.slice(g) as number[]).every((x) => x < 0)) continue;
      const q0 = runClosed(-1);
      const q1 = runClosed(g);
      let d = 0;
      for (let i = 0; i < q0.length; i++)
        for (let a = 0; a < model.dAction; a++)
          d += Math.abs((q0[i]?.[a] as number) - (q1[i]?.[a] as number)) / 2;
      expect(closed[g] as number).toBeCloseTo(d, 4);
    }
  });

  it("computes one step's credit alone with `only`, equal to the full computation, 0 elsewhere", () => {
    const { params, data, ws, base } = forwardTinyEpisode(3);
    for (const closedTau of [undefined, 0.5]) {
      const full = Float64Array.from(
        computeWriteCredit(params, ws.caches, data.targets, base, 'loss', undefined, undefined, closedTau),
      );
      expect(full.some((x) => Math.abs(x) > 1e-6)).toBe(true);
      for (const f of [0, 3, 7]) {
        const one = computeWriteCredit(
          params,
          ws.caches,
          data.targets,
          base,
          'loss',
          undefined,
          undefined,
          closedTau,
          undefined,
          f,
        );
        one.forEach((x, t) => {
          expect(x).toBe(t === f ? full[f] : 0);
        });
      }
    }
  });

  it("flip-label with futures: averages each step's L(write) − L(skip) over its own future and the given ones", () => {
    const params = createAuraMemParams(model, 4, 0);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const ep = generateTaskEpisode(tinyV2, 4);
    const T = ep.steps.length;
    const estimator = { kind: 'flip-label' as const, reference: 'closed' as const, weight: 5, margin: 0.05 };
    const run = (futureSuffixes?: ReturnType<typeof encodeEpisode>[][], futures = 0) => {
      const data = encodeEpisode(backbone, ep.steps);
      if (futureSuffixes) data.futureSuffixes = futureSuffixes;
      const ws = createWorkspace(params);
      computeEpisodeGradient(
        params,
        data,
        { gateMode: 'ste', tauTrain: 0.5, sparsity: 0, gateEstimator: { ...estimator, futures } },
        new Float32Array(params.data.length),
        ws,
      );
      return Float64Array.from(ws.flip.subarray(0, T));
    };
    const own = run();
    // futures that are the window's own suffix change nothing: the mean of equal values
    const same = Array.from({ length: T - 1 }, (_, t) => [encodeEpisode(backbone, ep.steps.slice(t))]);
    run(same, 1).forEach((x, t) => {
      expect(x).toBeCloseTo(own[t] as number, 10);
    });
    // without `futures` the suffixes are ignored
    expect(run(same, 0)).toEqual(own);
    // a redrawn future: step t's value is the mean of its own and that future's, computed alone on the redrawn episode
    const suffixes = futureSuffixesOf(backbone, ep, 1);
    expect(suffixes).toHaveLength(T - 1);
    const averaged = run(suffixes, 1);
    let moved = 0;
    for (const t of [1, 5, 9]) {
      const alt = continueTaskEpisode(ep, t, futureEpisodeSeed(ep.seed, t, 0, 1));
      const ws = createWorkspace(params);
      const altData = encodeEpisode(backbone, alt.steps);
      computeEpisodeGradient(
        params,
        altData,
        { gateMode: 'ste', tauTrain: 0.5, sparsity: 0, gateEstimator: estimator },
        new Float32Array(params.data.length),
        ws,
      );
      expect(suffixes[t]?.[0]?.z[0]).toEqual(altData.z[t]);
      expect(averaged[t] as number).toBeCloseTo(((own[t] as number) + (ws.flip[t] as number)) / 2, 4);
      if (Math.abs((averaged[t] as number) - (own[t] as number)) > 1e-3) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('the credit term pulls the gate toward its labels (loss and Gc gradient) and needs no task flag', () => {
    // without the gate's memory read and surprise input the gate's bias gets only the direct term
    const params = createAuraMemParams({ ...model, gateRead: false }, 4, 0);
    params.Gs.fill(0);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 2).steps);
    const base = { gateMode: 'ste' as const, tauTrain: 0.5, sparsity: 0 };
    const ws = createWorkspace(params);
    const g0 = new Float32Array(params.data.length);
    const g1 = new Float32Array(params.data.length);
    const r0 = computeEpisodeGradient(params, data, base, g0);
    const wc = { weight: 1, threshold: 0.01 };
    const r1 = computeEpisodeGradient(params, data, { ...base, writeCredit: wc }, g1, ws);
    expect(r0.creditLabelRate).toBe(0);
    expect(r1.creditLabelRate).toBeGreaterThan(0);
    expect(r1.creditLabelRate).toBeLessThan(1);
    const T = data.z.length;
    let bce = 0;
    let dGc = 0;
    for (let t = 0; t < T; t++) {
      const p = (ws.caches[t] as AuraMemStepCache).gate;
      const y = ws.creditLabel[t] as number;
      expect(y).toBe((ws.credit[t] as number) > 0.01 ? 1 : 0);
      bce -= y ? Math.log(p) : Math.log(1 - p);
      dGc += (p - y) / T;
    }
    expect(r1.loss - r0.loss).toBeCloseTo(bce / T, 5);
    // Gc is the gate's output bias: its gradient gains exactly Σ (p − label)/T
    const shapes = tensorShapes(params.config);
    const gc = shapes.findIndex(([n]) => n === 'Gc');
    const gcOffset = shapes.slice(0, gc).reduce((n, [, sh]) => n + sh.reduce((a, b) => a * b, 1), 0);
    expect((g1[gcOffset] as number) - (g0[gcOffset] as number)).toBeCloseTo(dGc, 5);
    // a positive-label weight w₊ scales the positive terms only: loss −(w₊·y·log p + (1 − y)·log(1 − p)),
    // Gc's gradient Σ (w₊·y·(p − 1) + (1 − y)·p)/T
    const g2 = new Float32Array(params.data.length);
    const r2 = computeEpisodeGradient(
      params,
      data,
      { ...base, writeCredit: { ...wc, positiveWeight: 3 } },
      g2,
      ws,
    );
    let wbce = 0;
    let wdGc = 0;
    for (let t = 0; t < T; t++) {
      const p = (ws.caches[t] as AuraMemStepCache).gate;
      const y = ws.creditLabel[t] as number;
      wbce -= y ? 3 * Math.log(p) : Math.log(1 - p);
      wdGc += (y ? 3 * (p - 1) : p) / T;
    }
    expect(r2.creditLabelRate).toBe(r1.creditLabelRate);
    expect(r2.loss - r0.loss).toBeCloseTo(wbce / T, 5);
    expect(wbce).not.toBeCloseTo(bce, 2);
    expect((g2[gcOffset] as number) - (g0[gcOffset] as number)).toBeCloseTo(wdGc, 5);
  });

  it('the flip gate estimator gives the gate the loss difference of each hard decision (L(write) − L(skip)), held or closed loop; tensors off the gate keep their straight-through gradients', () => {
    const params = createAuraMemParams(model, 4, 0);
    const backbone = createBackbone(obsDimsOf(tinyV2), model.dModel, 5);
    const data = encodeEpisode(backbone, generateTaskEpisode(tinyV2, 2).steps);
    const T = data.z.length;
    const tau = 0.5;
    const ste = { gateMode: 'ste' as const, tauTrain: tau, sparsity: 0.1 };
    const shapes = tensorShapes(params.config);
    const offset = (name: string) => {
      const i = shapes.findIndex(([n]) => n === name);
      return shapes.slice(0, i).reduce((n, [, sh]) => n + sh.reduce((a, b) => a * b, 1), 0);
    };
    const gc = offset('Gc');
    const ws = createWorkspace(params);
    const g0 = new Float32Array(params.data.length);
    const r0 = computeEpisodeGradient(params, data, ste, g0, ws);
    const gate = ws.caches.slice(0, T).map((c) => c.gate);
    const base = gate.map((p) => (p > tau ? 1 : 0));
    expect(base.some((d) => d === 1) && base.some((d) => d === 0)).toBe(true);
    // summed cross-entropy of the window under a forced schedule (the real forward pass)
    const summedCe = (w: number[]) => {
      const r = computeEpisodeGradient(
        params,
        data,
        { ...ste, forcedWrites: Uint8Array.from(w) },
        undefined,
        createWorkspace(params),
      );
      return r.crossEntropy * r.queries;
    };
    expect(summedCe(base) / r0.queries).toBeCloseTo(r0.crossEntropy, 5);
    const g1 = new Float32Array(params.data.length);
    const r1 = computeEpisodeGradient(
      params,
      data,
      { ...ste, gateEstimator: { kind: 'flip', reference: 'gate' } },
      g1,
      ws,
    );
    expect(r1.loss).toBe(r0.loss);
    let dGc = 0;
    for (let t = 0; t < T; t++) {
      const diff =
        summedCe(base.map((d, i) => (i === t ? 1 : d))) - summedCe(base.map((d, i) => (i === t ? 0 : d)));
      expect(ws.flip[t] as number).toBeCloseTo(diff, 4);
      const p = gate[t] as number;
      dGc += (diff / r0.queries + 0.1 / T) * p * (1 - p);
    }
    expect(g1[gc] as number).toBeCloseTo(dGc, 5);
    expect(g1[gc] as number).not.toBeCloseTo(g0[gc] as number, 3);
    // the action head is not upstream of the gate: same gradient as straight-through
    const h2 = offset('H2');
    for (let i = h2; i < h2 + model.dHidden * model.dAction; i++) expect(g1[i]).toBe(g0[i]);
    // closed loop: the same with the credit re-deciding later steps, signed by the gate's own decisions
    const g2 = new Float32Array(params.data.length);
    computeEpisodeGradient(
      params,
      data,
      { ...ste, gateEstimator: { kind: 'flip', reference: 'closed' } },
      g2,
      ws,
    );
    expect(Array.from(ws.flipDecision.subarray(0, T))).toEqual(base);
    const closed = computeWriteCredit(
      params,
      ws.caches,
      data.targets,
      base,
      'loss',
      undefined,
      undefined,
      tau,
    );
    let dGcClosed = 0;
    for (let t = 0; t < T; t++) {
      const diff = base[t] ? -(closed[t] as number) : (closed[t] as number);
      expect(ws.flip[t] as number).toBeCloseTo(diff, 6);
      const p = gate[t] as number;
      dGcClosed += (diff / r0.queries + 0.1 / T) * p * (1 - p);
    }
    expect(g2[gc] as number).toBeCloseTo(dGcClosed, 5);
    // logit weighting: ΔL_t/queries reaches the logit without the factor p(1 − p)
    const g6 = new Float32Array(params.data.length);
    const logit = { kind: 'flip' as const, reference: 'closed' as const, weighting: 'logit' as const };
    computeEpisodeGradient(params, data, { ...ste, gateEstimator: logit }, g6, ws);
    let dGcLogit = 0;
    for (let t = 0; t < T; t++) {
      const p = gate[t] as number;
      dGcLogit += (ws.flip[t] as number) / r0.queries + (0.1 / T) * p * (1 - p);
    }
    expect(g6[gc] as number).toBeCloseTo(dGcLogit, 5);
    // flip-label: a BCE toward y = [L(write) − L(skip) < −margin] replaces the task-loss gradient on the logit
    const g5 = new Float32Array(params.data.length);
    const label = { kind: 'flip-label' as const, reference: 'closed' as const, weight: 2, margin: 0.05 };
    const r5 = computeEpisodeGradient(params, data, { ...ste, gateEstimator: label }, g5, ws);
    let bce = 0;
    let dGcLabel = 0;
    let positives = 0;
    for (let t = 0; t < T; t++) {
      const y = (ws.flip[t] as number) < -0.05 ? 1 : 0;
      positives += y;
      const p = gate[t] as number;
      bce -= y ? Math.log(p) : Math.log(1 - p);
      dGcLabel += (0.1 / T) * p * (1 - p) + (2 / T) * (p - y);
    }
    expect(positives).toBeGreaterThan(0);
    expect(positives).toBeLessThan(T);
    expect(r5.loss - r0.loss).toBeCloseTo((2 * bce) / T, 5);
    expect(g5[gc] as number).toBeCloseTo(dGcLabel, 5);
    for (let i = h2; i < h2 + model.dHidden * model.dAction; i++) expect(g5[i]).toBe(g0[i]);
    // soft and relaxed phases and forced schedules ignore it
    const g3 = new Float32Array(params.data.length);
    const g4 = new Float32Array(params.data.length);
    const soft = { gateMode: 'soft' as const, tauTrain: tau, sparsity: 0 };
    computeEpisodeGradient(params, data, soft, g3);
    computeEpisodeGradient(params, data, { ...soft, gateEstimator: { kind: 'flip', reference: 'gate' } }, g4);
    expect(Array.from(g4)).toEqual(Array.from(g3));
  });
});
