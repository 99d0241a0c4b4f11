// `pnpm bench paper --status`: what of a run is in the unit cache, what is pending, and how long the rest
// should take (per-unit CPU seconds from the cache: on a quiet machine a single-threaded unit's wall time is
// about its CPU time).
import type { CompareResult } from '@aura/core';
import { listUnits, readUnit, trainerSourcesHash, type UnitOptions, unitKey } from './_paper-cache.js';

interface StatusInput {
  cacheDir: string;
  configs: {
    name: string;
    units: (seed: number) => UnitOptions[];
    seeds: number[];
    maxSeeds: number;
    seedResult: (seed: number) => CompareResult | undefined;
  }[];
}

interface UnitStatus {
  seed: number;
  unit: string;
  done: boolean;
  wallSeconds?: number;
  cpuSeconds?: number;
  load?: [number, number];
  finishedAt?: string;
  rows?: { method: string; accuracy: number; writesPerEpisode: number }[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function paperStatus(input: StatusInput) {
  const all = listUnits(input.cacheDir);
  const sources = trainerSourcesHash();
  return {
    bench: 'paper --status',
    cacheDir: input.cacheDir,
    generatedAt: new Date().toISOString(),
    note: 'units of the run in the cache; projections use per-unit CPU seconds (≈ wall time of a unit on a quiet machine); rows of a seed are final only when the seed is complete',
    configs: input.configs.map((c) => {
      const units: UnitStatus[] = [];
      for (let seed = 1; seed <= c.maxSeeds; seed++) {
        for (const u of c.units(seed)) {
          const e = readUnit(input.cacheDir, u);
          // seeds beyond the base run (adaptive extension) are listed only once one of their units ran
          if (!e && !c.seeds.includes(seed)) continue;
          units.push(
            e
              ? {
                  seed,
                  unit: u.unit,
                  done: true,
                  wallSeconds: e.timing.wallSeconds,
                  cpuSeconds: e.timing.cpuSeconds,
                  load: e.timing.load,
                  finishedAt: e.timing.finishedAt,
                  // the aura unit's random/periodic-budget rows (over AURA's layer) stand in only when the
                  // controls are not retrained; with control units they are the *-aura-layer rows
                  rows: [...e.result.runs, ...e.result.supplementary]
                    .filter(
                      (r) =>
                        !(
                          u.unit === 'aura' &&
                          (r.method === 'random-budget' || r.method === 'periodic-budget') &&
                          c.units(seed).some((x) => x.unit === 'random-control')
                        ),
                    )
                    .map((r) => ({
                      method: r.method,
                      accuracy: r.accuracy,
                      writesPerEpisode: r.writesPerEpisode,
                    })),
                }
              : { seed, unit: u.unit, done: false },
          );
        }
      }
      const done = units.filter((u) => u.done);
      // entries of this configuration under other keys: other options, or trainer sources changed since
      const keys = new Set(
        Array.from({ length: c.maxSeeds }, (_, i) => c.units(i + 1)).flatMap((us) =>
          us.map((u) => unitKey(u)),
        ),
      );
      const others = all.filter((e) => e.options?.config === c.name && !keys.has(e.key));
      const kinds = [...new Set(units.map((u) => u.unit))];
      const cpuByKind = Object.fromEntries(
        kinds.map((k) => {
          const xs = done.filter((u) => u.unit === k).map((u) => u.cpuSeconds as number);
          return [k, xs.length ? sum(xs) / xs.length : null];
        }),
      );
      const perSeed = c.units(1).map((u) => cpuByKind[u.unit] ?? null);
      const seedCpu = perSeed.every((x) => x !== null) ? sum(perSeed as number[]) : null;
      const baseUnits = units.filter((u) => c.seeds.includes(u.seed));
      const pendingCpu = baseUnits.filter((u) => !u.done).map((u) => cpuByKind[u.unit] ?? null);
      return {
        name: c.name,
        seeds: c.seeds,
        unitsDone: baseUnits.filter((u) => u.done).length,
        unitsTotal: baseUnits.length,
        completeSeeds: c.seeds.filter((s) => c.seedResult(s) !== undefined),
        cpuSecondsDone: sum(done.map((u) => u.cpuSeconds as number)),
        wallSecondsDone: sum(done.map((u) => u.wallSeconds as number)),
        meanCpuSecondsByUnit: cpuByKind,
        /** CPU seconds of one seed (every unit), from the per-unit means; null while a unit kind never ran */
        projectedCpuSecondsPerSeed: seedCpu,
        /** the base seeds' CPU seconds still to run; null while a pending unit kind never ran */
        projectedCpuSecondsRemaining: pendingCpu.every((x) => x !== null)
          ? sum(pendingCpu as number[])
          : null,
        /** quiet machine, --jobs 1: every base seed's units one after another; with the extension to maxSeeds */
        projectedQuietWallSeconds:
          seedCpu === null ? null : { jobs1: seedCpu * c.seeds.length, jobs1AllSeeds: seedCpu * c.maxSeeds },
        otherEntries: {
          count: others.length,
          fromOtherTrainerSources: others.filter((e) => e.sourcesHash !== sources).length,
        },
        units,
      };
    }),
  };
}

export function printStatus(s: ReturnType<typeof paperStatus>) {
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(1));
  console.log(`cache ${s.cacheDir}`);
  for (const c of s.configs) {
    console.log(
      `\n${c.name}: ${c.unitsDone}/${c.unitsTotal} units of seeds ${c.seeds.join(',')} done; complete seeds: ${c.completeSeeds.join(',') || 'none'}`,
    );
    for (const u of c.units)
      console.log(
        `  seed ${String(u.seed).padStart(2)} ${u.unit.padEnd(24)} ${u.done ? `wall ${f(u.wallSeconds).padStart(7)} s  CPU ${f(u.cpuSeconds).padStart(7)} s  load ${f(u.load?.[0])}–${f(u.load?.[1])}  ${u.finishedAt}` : 'pending'}`,
      );
    if (c.otherEntries.count)
      console.log(
        `  (${c.otherEntries.count} other ${c.name} entries in the cache are not this run's: ${c.otherEntries.fromOtherTrainerSources} of them ran on other trainer sources, the rest with other options)`,
      );
    const q = c.projectedQuietWallSeconds;
    console.log(
      `  CPU done ${f(c.cpuSecondsDone)} s (wall ${f(c.wallSecondsDone)} s); one seed ≈ ${f(c.projectedCpuSecondsPerSeed)} CPU s; remaining ≈ ${f(c.projectedCpuSecondsRemaining)} CPU s` +
        `; quiet machine, --jobs 1: ≈ ${q ? `${(q.jobs1 / 60).toFixed(1)} min (${(q.jobs1AllSeeds / 60).toFixed(1)} min if extended to all seeds)` : '— (a unit kind has not run yet)'}`,
    );
  }
}
