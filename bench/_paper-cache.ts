// The unit cache of `pnpm bench paper` (docs/paper-reproduction.md, "Cache, resuming and --jobs"): one JSON
// file per unit of work (configuration × seed × method/control/ablation) holding its rows, the AURA facts the
// controls need, its timing, the recipe hash and the exact options it ran with. A unit is done when its file
// exists with the same key; the key hashes the options, the recipe and the trainer sources the unit runs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AURA_V2_MODEL,
  AURA_V2_TRAINING,
  type AuraMemConfig,
  type AuraUnitFacts,
  assembleCompareResult,
  type CompareResult,
  type CompareUnit,
  type CompareUnitResult,
  runCompareUnit,
  type TaskConfig,
  type TrainingBudget,
} from '@aura/core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CACHE_DIR = path.join(repoRoot, 'bench/.cache/paper');

/** Everything one unit runs with (the key hashes all of it). */
export interface UnitOptions {
  config: string;
  task: TaskConfig;
  seed: number;
  unit: CompareUnit;
  model: AuraMemConfig;
  backboneSeed: number;
  tau: number;
  training: TrainingBudget;
  evalEpisodes: number;
  calibrationEpisodes: number;
  evalSeedOffset: number;
}

export interface UnitTiming {
  wallSeconds: number;
  /** user + system CPU of the process that ran the unit, during the unit */
  cpuSeconds: number;
  startedAt: string;
  finishedAt: string;
  /** 1-minute load average of the machine at the start and end (cpus: its core count) */
  load: [number, number];
  cpus: number;
}

export interface UnitEntry {
  key: string;
  recipeHash: string;
  sourcesHash: string;
  options: UnitOptions;
  result: CompareUnitResult;
  timing: UnitTiming;
}

/** JSON with object keys sorted at every level (undefined members dropped), so equal options hash equally. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** sha256 of the v2 recipe (packages/core/src/memory/v2-recipe.ts) the bench's budgets are scaled from. */
export const RECIPE_HASH = sha256(stableStringify({ model: AURA_V2_MODEL, training: AURA_V2_TRAINING }));

/**
 * sha256 over the trainer sources a unit runs: compare-memory-methods.ts and every file it imports
 * (relative imports, transitively). A change to them makes every cached unit stale; ONNX export and other
 * files units never load do not.
 */
export function trainerSourcesHash(
  entry = path.join(repoRoot, 'packages/core/src/memory/compare-memory-methods.ts'),
) {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), (m[1] as string).replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  const files = [...seen].sort();
  return sha256(files.map((f) => `${path.relative(repoRoot, f)}\n${readFileSync(f, 'utf8')}`).join('\n'));
}

let cachedSourcesHash: string | undefined;
const sourcesHash = () => {
  cachedSourcesHash ??= trainerSourcesHash();
  return cachedSourcesHash;
};

/** The cache key of a unit: its options, the recipe hash and the trainer sources hash. */
export function unitKey(options: UnitOptions, sources = sourcesHash()): string {
  return sha256(stableStringify({ options, recipeHash: RECIPE_HASH, sourcesHash: sources }));
}

/** `<config>-s<seed>-<unit>-<key prefix>.json`: quick, full and other option sets live side by side. */
export function unitFile(cacheDir: string, options: UnitOptions, key = unitKey(options)): string {
  const safe = options.config.replace(/[^A-Za-z0-9_.-]/g, '_');
  return path.join(cacheDir, `${safe}-s${options.seed}-${options.unit}-${key.slice(0, 16)}.json`);
}

/** The cached entry of a unit, or undefined when it has not run with exactly these options and sources. */
export function readUnit(cacheDir: string, options: UnitOptions): UnitEntry | undefined {
  const key = unitKey(options);
  const file = unitFile(cacheDir, options, key);
  if (!existsSync(file)) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as UnitEntry;
    return entry.key === key && stableStringify(entry.options) === stableStringify(options)
      ? entry
      : undefined;
  } catch {
    return undefined; // unreadable (should not happen: files are renamed into place whole)
  }
}

/** Writes a unit's entry atomically (temporary file, then rename): an interrupted write leaves no entry. */
export function writeUnit(cacheDir: string, entry: UnitEntry): string {
  mkdirSync(cacheDir, { recursive: true });
  const file = unitFile(cacheDir, entry.options, entry.key);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(entry)}\n`);
  renameSync(tmp, file);
  return file;
}

/** Every readable entry in a cache directory (for --status). */
export function listUnits(cacheDir: string): UnitEntry[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(path.join(cacheDir, f), 'utf8')) as UnitEntry];
      } catch {
        return [];
      }
    });
}

/** The `aura` unit of the same configuration, seed and options (the controls depend on it). */
export const auraOf = (options: UnitOptions): UnitOptions => ({ ...options, unit: 'aura' });
export const needsAura = (unit: CompareUnit) => unit === 'random-control' || unit === 'periodic-control';

/** Runs one unit in this process and stores it; `facts` are the aura unit's when the unit needs them. */
export function computeUnit(
  cacheDir: string,
  options: UnitOptions,
  facts: AuraUnitFacts | undefined,
  log: (m: string) => void = () => {},
): UnitEntry {
  const started = new Date();
  const load0 = loadavg()[0] as number;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = runCompareUnit(
    {
      task: options.task,
      model: options.model,
      seed: options.seed,
      backboneSeed: options.backboneSeed,
      tau: options.tau,
      training: options.training,
      evalEpisodes: options.evalEpisodes,
      calibrationEpisodes: options.calibrationEpisodes,
      evalSeedOffset: options.evalSeedOffset,
      onProgress: log,
    },
    options.unit,
    facts,
  );
  const cpu = process.cpuUsage(cpu0);
  const entry: UnitEntry = {
    key: unitKey(options),
    recipeHash: RECIPE_HASH,
    sourcesHash: sourcesHash(),
    options,
    result,
    timing: {
      wallSeconds: (performance.now() - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      load: [load0, loadavg()[0] as number],
      cpus: cpus().length,
    },
  };
  writeUnit(cacheDir, entry);
  return entry;
}

/** One seed's result assembled from its cached units only; undefined while any of them is missing. */
export function assembleFromCache(
  cacheDir: string,
  units: UnitOptions[],
): { result: CompareResult; entries: UnitEntry[] } | undefined {
  const entries = units.map((u) => readUnit(cacheDir, u));
  if (!units.length || entries.some((e) => e === undefined)) return undefined;
  const ok = entries as UnitEntry[];
  return {
    result: assembleCompareResult(
      units[0]?.seed as number,
      ok.map((e) => e.result),
    ),
    entries: ok,
  };
}
