// `pnpm model:curve --model models/NAME.onnx [--seeds 1001,1002,...] [--episodes N] [--memory reset|carried]
//                   [--hz 10] [--out FILE] [--svg FILE]`
// Measures a committed model's τ curve on held-out episodes (odd episode seeds of the evaluation seeds,
// never trained on) at τ = 0.05 … 0.95 and writes models/NAME.tau-curve.json (format: @aura/core/fleet
// TauCurveSchema; docs/aura-mem.md "τ curve") and, with --svg, a plot of it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assessTauDial, buildTauCurve, TAU_CURVE_GRID } from '../src/fleet/index.js';
import {
  EPISODE_SUCCESS_ACCURACY,
  generateTaskEpisode,
  heldOutEpisodeSeed,
  measureTauCurve,
} from '../src/memory/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';
import { renderTauCurveSvg } from './render-tau-curve-svg.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const usage =
  'usage: pnpm model:curve --model models/NAME.onnx [--seeds 1001,...,1005] [--episodes 200] ' +
  '[--memory reset|carried] [--hz 10] [--out FILE] [--svg FILE]';
const { args, fail } = parseScriptArgs('model:curve', usage, {
  model: { type: 'string' },
  seeds: { type: 'string', default: '1001,1002,1003,1004,1005' },
  episodes: { type: 'string', default: '200' },
  memory: { type: 'string' },
  hz: { type: 'string', default: '10' },
  out: { type: 'string' },
  svg: { type: 'string' },
});
if (!args.model) fail('--model is required');
const seeds = (args.seeds as string).split(',').map(Number);
if (seeds.length < 2 || seeds.some((s) => !Number.isSafeInteger(s) || s < 0)) {
  fail('--seeds needs at least two non-negative integers, comma-separated');
}
const episodes = Number(args.episodes);
if (!Number.isInteger(episodes) || episodes < 1) fail('--episodes must be a positive integer');
const hz = Number(args.hz);
if (!(hz > 0)) fail('--hz must be > 0');

const {
  file: modelFile,
  name,
  sha256,
  params,
  metadata,
  task,
  backbone,
  defaultTau,
} = loadModelForAnalysis(args.model as string);
// the regime the model runs in on a robot: v1 models are used with the memory cleared per episode
const memory =
  (args.memory as 'reset' | 'carried' | undefined) ??
  (metadata['aura.memory'] === 'carried' ? 'carried' : 'reset');
if (memory !== 'reset' && memory !== 'carried') fail('--memory must be reset or carried');

const start = Date.now();
const episodesBySeed = seeds.map((s) =>
  Array.from({ length: episodes }, (_, i) => generateTaskEpisode(task, heldOutEpisodeSeed(s, i))),
);
const measurements = measureTauCurve(params, backbone, episodesBySeed, TAU_CURVE_GRID, {
  carryState: memory === 'carried',
});
const seconds = (Date.now() - start) / 1000;
const rel = (f: string) => path.relative(root, f);
const curve = buildTauCurve({
  model: { name, version: metadata['aura.version'] ?? name, sha256, defaultTau },
  task: {
    name: task.name,
    description: task.description,
    episodeLength: task.episodeLength,
    successThreshold: EPISODE_SUCCESS_ACCURACY,
    config: { ...task },
  },
  evaluation: {
    seeds,
    episodesPerSeed: episodes,
    episodeSeeds:
      'odd: 2·(seed·1e8 + i) + 1 for i < episodesPerSeed (heldOutEpisodeSeed; training uses even seeds)',
    memory: memory === 'carried' ? 'carried' : 'reset-per-episode',
    interval: 'student-t-95-over-seeds',
  },
  measurements,
  persistence: { stepsPerSecond: hz },
  generatedBy: {
    command: `pnpm model:curve --model ${rel(modelFile)} --seeds ${seeds.join(',')} --episodes ${episodes} --memory ${memory} --hz ${hz}`,
    at: new Date().toISOString(),
    seconds: Math.round(seconds * 10) / 10,
  },
});
const out = path.resolve(args.out ?? modelFile.replace(/\.onnx$/, '.tau-curve.json'));
writeFileSync(out, `${JSON.stringify(curve, null, 2)}\n`);
if (args.svg) writeFileSync(path.resolve(args.svg), renderTauCurveSvg(curve));

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(
  `${name} (${curve.model.version}, sha256 ${sha256.slice(0, 12)}…), task ${task.name}, memory ${curve.evaluation.memory}`,
);
console.log(`held-out seeds ${seeds.join(', ')} × ${episodes} episodes; ${seconds.toFixed(1)} s\n`);
console.log(
  '   τ   writes/step [95% CI]        accuracy [95% CI]        success [95% CI]      delta-log B/h',
);
for (const p of curve.points) {
  console.log(
    `${p.tau.toFixed(2)}  ${pct(p.writesPerStep.mean).padStart(6)} [${pct(p.writesPerStep.lo)}, ${pct(p.writesPerStep.hi)}]`.padEnd(
      38,
    ) +
      `${p.accuracy.mean.toFixed(3)} [${p.accuracy.lo.toFixed(3)}, ${p.accuracy.hi.toFixed(3)}]`.padEnd(25) +
      `${p.successRate.mean.toFixed(3)} [${p.successRate.lo.toFixed(3)}, ${p.successRate.hi.toFixed(3)}]`.padEnd(
        22,
      ) +
      `${Math.round(p.flashBytesPerHour['delta-log'].mean).toLocaleString('en-US')}`,
  );
}
const dial = assessTauDial(curve);
console.log(
  `\ndial: monotone ${dial.monotone}; writes(0.2)/writes(0.8) ${dial.fallRatio20to80.toFixed(2)}× (target ≥ 3); ` +
    `largest 0.1-step move ${pct(dial.maxShareOfRangePer0_1)} of the range at τ ${dial.steepestTau.toFixed(2)} (target ≤ 35%); ` +
    `accuracy knee τ ${dial.accuracyKneeTau ?? '—'}, largest accuracy drop per 0.1 step ${dial.maxAccuracyDropPer0_1.toFixed(3)}; ` +
    `targets ${dial.meetsDialTargets ? 'met' : 'NOT met'}`,
);
console.log(`wrote ${rel(out)}${args.svg ? ` and ${rel(path.resolve(args.svg))}` : ''}`);
