import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AURA_V2_BACKBONE_SEED,
  AURA_V2_MODEL,
  AURA_V2_TRAINING,
  type CompareUnitResult,
  compareMemoryMethods,
  getTaskConfig,
} from '@aura/core';
import { afterEach, describe, expect, it } from 'vitest';
import { aggregateConfig } from './_paper-aggregate.js';
import { paperUnits, QUICK_BUDGET } from './_paper-budget.js';
import {
  assembleFromCache,
  RECIPE_HASH,
  readUnit,
  stableStringify,
  type UnitEntry,
  type UnitOptions,
  unitFile,
  unitKey,
  writeUnit,
} from './_paper-cache.js';
import { runUnits } from './_paper-runner.js';

const run = {
  model: AURA_V2_MODEL,
  backboneSeed: AURA_V2_BACKBONE_SEED,
  tau: AURA_V2_TRAINING.tauTrain,
  evalSeedOffset: 0,
};
const units = (config: string, seed: number) =>
  paperUnits(config, getTaskConfig(config), seed, QUICK_BUDGET, run);

const dirs: string[] = [];
const tempCache = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'aura-paper-cache-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stand-in for computeUnit: stores an entry with a made-up row, records what ran. */
function fakeCompute(ran: string[]) {
  return (cacheDir: string, options: UnitOptions, facts: unknown): UnitEntry => {
    if ((options.unit === 'random-control' || options.unit === 'periodic-control') && !facts)
      throw new Error('control ran without the aura facts');
    ran.push(`${options.seed}/${options.unit}`);
    const result: CompareUnitResult = {
      unit: options.unit,
      runs: [],
      supplementary: [],
      seconds: 0,
      ...(options.unit === 'aura'
        ? {
            facts: {
              calibrationWriteFraction: 0.3,
              heldOut: { writes: 3, steps: 10 },
              oracleWritesPerEpisode: 1,
              surpriseThreshold: 0.5,
              episodes: 2,
            },
          }
        : {}),
    };
    const entry: UnitEntry = {
      key: unitKey(options),
      recipeHash: RECIPE_HASH,
      sourcesHash: 'test',
      options,
      result,
      timing: {
        wallSeconds: 1,
        cpuSeconds: 1,
        startedAt: '',
        finishedAt: '',
        load: [0, 0],
        cpus: 2,
      },
    };
    writeUnit(cacheDir, entry);
    return entry;
  };
}

describe('paper unit cache: keys', () => {
  const [aura, always] = units('hard-v2', 1) as [UnitOptions, UnitOptions];

  it('equal options give equal keys whatever the key order; the recipe hash is part of the entry', () => {
    const reordered = JSON.parse(stableStringify(aura)) as UnitOptions;
    expect(unitKey(reordered)).toBe(unitKey(aura));
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(RECIPE_HASH).toMatch(/^[0-9a-f]{64}$/);
  });

  it('any option that changes what a unit computes changes its key (and its file)', () => {
    const key = unitKey(aura);
    const variants: UnitOptions[] = [
      always,
      { ...aura, seed: 2 },
      { ...aura, backboneSeed: 8 },
      { ...aura, evalSeedOffset: 1 },
      { ...aura, evalEpisodes: aura.evalEpisodes + 1 },
      { ...aura, tau: 0.6 },
      { ...aura, training: { ...aura.training, iterations: aura.training.iterations + 1 } },
      { ...aura, training: { ...aura.training, recipe: { ...aura.training.recipe, actionIb: 0 } } },
      { ...aura, task: { ...aura.task, episodeLength: aura.task.episodeLength + 2 } },
      { ...aura, model: { ...aura.model, dGate: 8 } },
    ];
    const keys = new Set([key, ...variants.map((v) => unitKey(v))]);
    expect(keys.size).toBe(variants.length + 1);
    expect(unitKey(aura, 'other trainer sources')).not.toBe(key);
    expect(unitFile('/c', aura)).not.toBe(unitFile('/c', { ...aura, seed: 2 }));
  });
});

describe('paper unit cache: skipping and resuming', () => {
  it('a re-run skips every cached unit, says so, and runs only what changed', async () => {
    const cacheDir = tempCache();
    const specs = [...units('recall', 1), ...units('recall', 2)];
    const ran: string[] = [];
    const lines: string[] = [];
    const first = await runUnits(specs, {
      cacheDir,
      jobs: 1,
      log: (m) => lines.push(m),
      compute: fakeCompute(ran),
    });
    expect(first).toEqual({ skipped: 0, ran: specs.length });
    expect(ran).toHaveLength(specs.length);

    ran.length = 0;
    lines.length = 0;
    const again = await runUnits(specs, {
      cacheDir,
      jobs: 1,
      log: (m) => lines.push(m),
      compute: fakeCompute(ran),
    });
    expect(again).toEqual({ skipped: specs.length, ran: 0 });
    expect(ran).toEqual([]);
    expect(lines.filter((l) => l.includes('cached, skipped'))).toHaveLength(specs.length);

    // other options (a new held-out offset) are other units: all run, the first set stays cached
    const shifted = specs.map((s) => ({ ...s, evalSeedOffset: 5 }));
    await runUnits(shifted, { cacheDir, jobs: 1, log: () => {}, compute: fakeCompute(ran) });
    expect(ran).toHaveLength(specs.length);
    expect(specs.every((s) => readUnit(cacheDir, s))).toBe(true);
  });

  it('an interrupted run resumes: half-written files and entries of other options are not taken as done', async () => {
    const cacheDir = tempCache();
    const specs = units('recall', 1);
    const ran: string[] = [];
    // "interrupted" after the aura unit and one ablation, with a write cut off mid-way
    await runUnits([specs[0] as UnitOptions, specs[7] as UnitOptions], {
      cacheDir,
      jobs: 1,
      log: () => {},
      compute: fakeCompute(ran),
    });
    const always = specs[1] as UnitOptions;
    writeFileSync(`${unitFile(cacheDir, always)}.123.tmp`, '{"key": "trunc');
    // an entry in the right file whose options differ (e.g. edited by hand) is not trusted
    const gru = specs[2] as UnitOptions;
    const other = fakeCompute([])(tempCache(), { ...gru, evalEpisodes: 1 }, undefined);
    writeFileSync(unitFile(cacheDir, gru), JSON.stringify({ ...other, key: unitKey(gru) }));
    expect(readUnit(cacheDir, gru)).toBeUndefined();

    ran.length = 0;
    const lines: string[] = [];
    const resumed = await runUnits(specs, {
      cacheDir,
      jobs: 1,
      log: (m) => lines.push(m),
      compute: fakeCompute(ran),
    });
    expect(resumed).toEqual({ skipped: 2, ran: specs.length - 2 });
    expect(ran).toEqual(specs.filter((_, i) => i !== 0 && i !== 7).map((s) => `1/${s.unit}`));
    expect(specs.every((s) => readUnit(cacheDir, s) !== undefined)).toBe(true);
  });

  it('a control unit waits for its seed aura unit, and refuses to run without it', async () => {
    const cacheDir = tempCache();
    const specs = units('recall', 1);
    const control = specs.find((s) => s.unit === 'random-control') as UnitOptions;
    await expect(
      runUnits([control], { cacheDir, jobs: 1, log: () => {}, compute: fakeCompute([]) }),
    ).rejects.toThrow(/aura unit/);
    const ran: string[] = [];
    // listed before its aura unit, it still runs after it
    await runUnits([control, specs[0] as UnitOptions], {
      cacheDir,
      jobs: 1,
      log: () => {},
      compute: fakeCompute(ran),
    });
    expect(ran).toEqual(['1/aura', '1/random-control']);
  });
});

describe('paper aggregation from the cache', () => {
  // the --quick budget on the recall configuration, 2 seeds (the real trainer: ~15 s of CPU per pass)
  const strip = (x: unknown): unknown =>
    JSON.parse(JSON.stringify(x, (k, v) => (k === 'trainSeconds' || k === 'seconds' ? undefined : v)));

  it('a run interrupted after some units and resumed aggregates exactly as compareMemoryMethods in one go', async () => {
    const task = getTaskConfig('recall');
    const { evalEpisodes, calibrationEpisodes, ...training } = QUICK_BUDGET;
    const oneGo = [1, 2].map((seed) =>
      compareMemoryMethods({ task, seed, training, evalEpisodes, calibrationEpisodes, ...run }),
    );

    const cacheDir = tempCache();
    const specs = [...units('recall', 1), ...units('recall', 2)];
    // first attempt stops after 11 units (seed 1 whole, seed 2's aura and always)
    await runUnits(specs.slice(0, 11), { cacheDir, jobs: 1, log: () => {} });
    const resumed = await runUnits(specs, { cacheDir, jobs: 1, log: () => {} });
    expect(resumed).toEqual({ skipped: 11, ran: specs.length - 11 });
    const fromCache = [1, 2].map((seed) => assembleFromCache(cacheDir, units('recall', seed))?.result);
    expect(fromCache.every((r) => r !== undefined)).toBe(true);

    expect(strip(fromCache)).toEqual(strip(oneGo));
    const agg = (rs: typeof oneGo) => strip(aggregateConfig('recall', task, QUICK_BUDGET, rs, []));
    expect(agg(fromCache as typeof oneGo)).toEqual(agg(oneGo));
    expect(existsSync(cacheDir)).toBe(true);
  }, 600_000);
});
