import { describe, expect, it } from 'vitest';
import { TINY_TASK as tiny, TINY_V2_TASK as tinyV2 } from '../../test/tiny-tasks.js';
import { compareMemoryMethods, meanCi95, PAPER_METHODS } from './compare-memory-methods.js';

describe('meanCi95', () => {
  it('is the Student-t interval over the values', () => {
    const r = meanCi95([1, 2, 3]);
    expect(r.mean).toBe(2);
    expect(r.sd).toBeCloseTo(1, 12);
    const half = 4.303 / Math.sqrt(3);
    expect(r.ci95[0]).toBeCloseTo(2 - half, 9);
    expect(r.ci95[1]).toBeCloseTo(2 + half, 9);
    expect(meanCi95([0.5]).ci95).toEqual([0.5, 0.5]);
    expect(() => meanCi95([])).toThrow(RangeError);
  });
});

describe('compareMemoryMethods', () => {
  const r = compareMemoryMethods({
    task: tiny,
    model: { dModel: 12, dKey: 6, dVal: 6, dAction: 8, dGate: 4, dHidden: 8 },
    seed: 3,
    backboneSeed: 7,
    tau: 0.5,
    training: {
      iterations: 30,
      softIterations: 10,
      batchSize: 4,
      learningRate: 0.01,
      sparsity: 0.05,
      clipNorm: 5,
      referenceIterations: 20,
    },
    evalEpisodes: 150,
    calibrationEpisodes: 10,
  });
  const by = (m: string) => {
    const run = r.runs.find((x) => x.method === m);
    if (!run) throw new Error(`no ${m}`);
    return run;
  };

  it('runs the eight paper methods in order on held-out episodes', () => {
    expect(r.runs.map((x) => x.method)).toEqual([...PAPER_METHODS]);
    expect(r.episodes).toBe(150);
    for (const x of r.runs) {
      expect(x.queries).toBe(150 * tiny.queries);
      expect(x.accuracy).toBeGreaterThanOrEqual(0);
      expect(x.accuracy).toBeLessThanOrEqual(1);
    }
  });

  it('write counts: always and the references write every step, none never, the oracle on events', () => {
    expect(by('always').writesPerEpisode).toBe(tiny.episodeLength);
    expect(by('always').eventWriteProb).toBe(1);
    expect(by('always').distractorWriteProb).toBe(1);
    expect(by('gru').writesPerEpisode).toBe(tiny.episodeLength);
    expect(by('kv').writesPerEpisode).toBe(tiny.episodeLength);
    expect(by('none').writesPerEpisode).toBe(0);
    expect(r.oracleWritesPerEpisode).toBe(tiny.events);
    const oracle = r.supplementary.find((x) => x.method === 'oracle');
    expect(oracle?.eventWriteProb).toBe(1);
    expect(oracle?.distractorWriteProb).toBe(0);
  });

  it('budget-matched schedules write exactly as often as the learned gate', () => {
    const aura = by('aura').writesPerEpisode;
    expect(aura).toBeGreaterThan(0);
    expect(aura).toBeLessThan(tiny.episodeLength);
    expect(by('random-budget').writesPerEpisode).toBe(aura);
    expect(by('periodic-budget').writesPerEpisode).toBe(aura);
  });

  it('no memory is near chance (8-way answer)', () => {
    expect(by('none').accuracy).toBeLessThan(0.125 + 0.1);
  });

  it('state bytes: fixed for AURA-Mem and the GRU, T·(dKey+dVal)·4 for the KV-cache, 0 without memory', () => {
    expect(by('aura').stateBytes).toBe((6 * 6 + 6) * 4);
    expect(by('gru').stateBytes).toBe(32 * 4);
    expect(by('kv').stateBytes).toBe(tiny.episodeLength * (6 + 6) * 4);
    expect(by('none').stateBytes).toBe(0);
  });
});

describe('compareMemoryMethods, v2 bench options', () => {
  it('retrains random/periodic under their schedule at AURA write count, trains the gate ablations, records learning curves', () => {
    const r = compareMemoryMethods({
      task: tinyV2,
      model: { dModel: 12, dKey: 6, dVal: 6, dAction: 8, dGate: 4, dHidden: 8, gateRead: true },
      seed: 2,
      backboneSeed: 7,
      tau: 0.5,
      training: {
        iterations: 6,
        softIterations: 2,
        batchSize: 2,
        learningRate: 0.01,
        sparsity: 0.05,
        clipNorm: 5,
        referenceIterations: 6,
        recipe: {
          relaxIterations: 2,
          streamEpisodes: 2,
          actionIb: 0.05,
          writeRateTarget: 0.3,
          tauRange: [0.1, 0.9],
        },
        calibrateGate: true,
        calibrationScales: [1, 0.5],
        retrainControls: true,
        ablations: true,
      },
      evalEpisodes: 20,
      calibrationEpisodes: 6,
      evalSeedOffset: 5,
    });
    const aura = r.runs.find((x) => x.method === 'aura');
    for (const k of ['random-budget', 'periodic-budget']) {
      const run = r.runs.find((x) => x.method === k);
      expect(run?.detail).toMatch(/retrained/);
      expect(run?.writesPerEpisode).toBe(aura?.writesPerEpisode);
      expect(run?.learningCurve?.length).toBeGreaterThan(0);
    }
    expect(aura?.learningCurve?.length).toBeGreaterThan(0);
    expect(r.supplementary.map((x) => x.method)).toEqual([
      'ablation-no-surprise',
      'ablation-features-only',
      'ablation-surprise-only',
      'random-aura-layer',
      'periodic-aura-layer',
      'oracle',
      'always-aura-layer',
    ]);
    // v2 relevant steps include the cue; the oracle writes exactly them
    const oracle = r.supplementary.find((x) => x.method === 'oracle');
    expect(oracle?.eventWriteProb).toBe(1);
    expect(oracle?.distractorWriteProb).toBe(0);
    expect(r.oracleWritesPerEpisode).toBe(4);
  }, 120_000);
});
