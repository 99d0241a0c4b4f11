// Runs the units of `pnpm bench paper` into the cache (bench/_paper-cache.ts): units already cached with the
// same key are skipped (and said so), the rest run in this process (--jobs 1) or in N child processes
// (bench/_paper-worker.ts); a control unit waits for the `aura` unit of its seed.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuraUnitFacts } from '@aura/core';
import {
  auraOf,
  computeUnit,
  needsAura,
  readUnit,
  type UnitEntry,
  type UnitOptions,
} from './_paper-cache.js';

export const unitLabel = (o: UnitOptions) => `${o.config} seed ${o.seed} ${o.unit}`;

export interface RunUnitsOptions {
  cacheDir: string;
  /** child processes; 1 runs the units in this process */
  jobs: number;
  log: (message: string) => void;
  /** runs one unit and stores it (default: computeUnit; tests pass a stand-in) — only with jobs = 1 */
  compute?: (cacheDir: string, options: UnitOptions, facts: AuraUnitFacts | undefined) => UnitEntry;
}

export interface RunUnitsSummary {
  skipped: number;
  ran: number;
}

const timing = (e: UnitEntry) =>
  `wall ${e.timing.wallSeconds.toFixed(1)} s, CPU ${e.timing.cpuSeconds.toFixed(1)} s, load ${e.timing.load[0].toFixed(1)}`;

function factsFor(cacheDir: string, o: UnitOptions): AuraUnitFacts | undefined {
  if (!needsAura(o.unit)) return undefined;
  const facts = readUnit(cacheDir, auraOf(o))?.result.facts;
  if (!facts) throw new Error(`${unitLabel(o)}: the aura unit of this seed is not in the cache`);
  return facts;
}

/** Runs every unit of `specs` that is not cached yet; returns how many were skipped and run. */
export async function runUnits(specs: UnitOptions[], o: RunUnitsOptions): Promise<RunUnitsSummary> {
  const todo: UnitOptions[] = [];
  let skipped = 0;
  for (const s of specs) {
    const cached = readUnit(o.cacheDir, s);
    if (cached) {
      skipped++;
      o.log(`${unitLabel(s)}: cached, skipped (ran ${cached.timing.finishedAt}; ${timing(cached)})`);
    } else todo.push(s);
  }
  if (!todo.length) return { skipped, ran: 0 };
  o.log(`${todo.length} of ${specs.length} units to run (${skipped} cached), --jobs ${o.jobs}`);
  const inTodo = (s: UnitOptions) =>
    todo.some((t) => t.config === s.config && t.seed === s.seed && t.unit === s.unit);
  for (const s of todo)
    if (needsAura(s.unit) && !inTodo(auraOf(s)) && !readUnit(o.cacheDir, auraOf(s)))
      throw new Error(
        `${unitLabel(s)}: needs the aura unit of its seed, which is neither cached nor scheduled`,
      );
  let done = 0;
  const ready = (s: UnitOptions) => !needsAura(s.unit) || readUnit(o.cacheDir, auraOf(s)) !== undefined;
  const finished = (s: UnitOptions, e: UnitEntry) => {
    done++;
    o.log(`unit ${done}/${todo.length} ${unitLabel(s)}: done (${timing(e)})`);
  };

  if (o.jobs <= 1) {
    const compute =
      o.compute ?? ((dir, s, facts) => computeUnit(dir, s, facts, (m) => o.log(`${unitLabel(s)}: ${m}`)));
    const queue = [...todo];
    while (queue.length) {
      const i = queue.findIndex(ready);
      if (i < 0) throw new Error('bench paper: no runnable unit (a control without its aura unit)');
      const s = queue.splice(i, 1)[0] as UnitOptions;
      o.log(`${unitLabel(s)}: running`);
      finished(s, compute(o.cacheDir, s, factsFor(o.cacheDir, s)));
    }
    return { skipped, ran: todo.length };
  }

  const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '_paper-worker.ts');
  const queue = [...todo];
  const workers = Array.from({ length: Math.min(o.jobs, queue.length) }, () =>
    fork(workerFile, [], { execArgv: process.execArgv, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const idle = new Set<ChildProcess>(workers);
      let inFlight = 0;
      const run = (w: ChildProcess, s: UnitOptions) => {
        idle.delete(w);
        inFlight++;
        o.log(`${unitLabel(s)}: running in worker ${w.pid}`);
        w.once('message', (msg: { ok: boolean; error?: string }) => {
          inFlight--;
          idle.add(w);
          if (!msg.ok) return reject(new Error(`${unitLabel(s)}: ${msg.error}`));
          const entry = readUnit(o.cacheDir, s);
          if (!entry) return reject(new Error(`${unitLabel(s)}: the worker left no cache entry`));
          finished(s, entry);
          dispatch(); // a finished aura unit may make its seed's controls runnable
        });
        w.send({ cacheDir: o.cacheDir, options: s, facts: factsFor(o.cacheDir, s) });
      };
      const dispatch = () => {
        for (const w of [...idle]) {
          const i = queue.findIndex(ready);
          if (i < 0) break;
          run(w, queue.splice(i, 1)[0] as UnitOptions);
        }
        if (inFlight === 0) {
          if (queue.length)
            reject(new Error('bench paper: no runnable unit (a control without its aura unit)'));
          else resolve();
        }
      };
      for (const w of workers)
        w.on('exit', (code, signal) => {
          if (!idle.has(w))
            reject(new Error(`bench paper: worker ${w.pid} ended (${code ?? signal}) during a unit`));
        });
      dispatch();
    });
  } finally {
    for (const w of workers) w.kill();
  }
  return { skipped, ran: todo.length };
}
