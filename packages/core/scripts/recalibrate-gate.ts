// `pnpm model:recalibrate --model models/NAME.onnx [--out FILE] [--episodes 100] [--dry-run]`
// Re-fits a trained AURA-Mem model's post-hoc gate temperature with the current criterion
// (fitGateTemperature: issue 14's dial targets first, then the smallest largest 0.1 step of τ), on the same
// training-seed calibration episodes the training script uses (run 10,000 + `aura.trainSeed`, never
// held-out ones), in the memory regime the file ships in (`aura.memory`). Only the gate's output weights
// (Go, Gc) change, by new scale ÷ the file's `aura.gateScale`; every other weight is copied bit for bit and
// checked. The decisions at τ = 0.5 are unchanged. Re-measure the τ curve after it (`pnpm model:curve`).
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  calibrationEpisodes,
  exportAuraMemOnnx,
  exportMetadataOf,
  fitGateTemperature,
  importAuraMemOnnx,
  scaleGateLogit,
  tensorShapes,
} from '../src/memory/index.js';
import { loadModelForAnalysis } from './load-model-for-analysis.js';
import { parseScriptArgs } from './parse-script-args.js';

const usage =
  'usage: pnpm model:recalibrate --model models/NAME.onnx [--out FILE (default: overwrite --model)] ' +
  '[--episodes 100] [--dry-run]';
const { args, fail } = parseScriptArgs('model:recalibrate', usage, {
  model: { type: 'string' },
  out: { type: 'string' },
  episodes: { type: 'string', default: '100' },
  'dry-run': { type: 'boolean', default: false },
});
if (!args.model) fail('--model is required');
const episodes = Number(args.episodes);
if (!Number.isInteger(episodes) || episodes < 2) fail('--episodes must be an integer ≥ 2');

const model = loadModelForAnalysis(args.model as string);
const { metadata, params } = model;
const trainSeed = Number(metadata['aura.trainSeed']);
if (!Number.isSafeInteger(trainSeed)) fail(`${model.file}: metadata has no aura.trainSeed`);
const oldScale = Number(metadata['aura.gateScale'] ?? '1');
if (!(oldScale > 0)) fail(`${model.file}: aura.gateScale must be > 0, got ${metadata['aura.gateScale']}`);
const carried = metadata['aura.memory'] === 'carried';

// the trained gate (scale 1): the file holds Go and Gc multiplied by its aura.gateScale
const raw = oldScale === 1 ? params : scaleGateLogit(params, 1 / oldScale);
const start = Date.now();
console.error(
  `fitting the gate temperature of ${model.name} on ${episodes} calibration episodes (run 10,000 + ${trainSeed}, memory ${carried ? 'carried' : 'reset'})…`,
);
const fit = fitGateTemperature(
  raw,
  model.backbone,
  calibrationEpisodes(model.task, trainSeed, episodes),
  undefined,
  {
    carryState: carried,
  },
);
for (const c of fit.candidates)
  console.log(
    `scale ${String(c.scale).padEnd(4)}  largest 0.1 step ${(100 * c.maxShare).toFixed(1).padStart(5)} %  ` +
      `fall 0.2→0.8 ${c.fallRatio20to80.toFixed(2).padStart(8)}×  monotone ${c.monotone ? 'yes' : 'no'}` +
      (c.scale === fit.scale ? '   ← chosen' : ''),
  );
console.log(
  `${model.name}: gate scale ${oldScale} → ${fit.scale} ` +
    `(${fit.meetsDialTargets ? 'meets the dial targets on the calibration episodes' : 'no candidate meets the dial targets; smallest largest step'}; ` +
    `${((Date.now() - start) / 1000).toFixed(0)} s)`,
);
if (args['dry-run']) process.exit(0);

const out = (args.out as string | undefined) ?? model.file;
if (fit.scale === oldScale) {
  // rescaling by new ÷ old = 1 through float32 could still move Go and Gc by an ulp: keep the file as it is
  if (path.resolve(out) !== path.resolve(model.file)) copyFileSync(model.file, out);
  console.log(
    `the scale is unchanged: ${path.resolve(out) === path.resolve(model.file) ? `${out} left as it is` : `copied ${model.file} to ${out} unchanged`}`,
  );
  process.exit(0);
}

const next = fit.scale === 1 ? raw : scaleGateLogit(raw, fit.scale);
const meta = exportMetadataOf(metadata, model.file);
const bytes = exportAuraMemOnnx(next, {
  ...meta,
  extra: { ...meta.extra, 'aura.gateScale': String(fit.scale) },
});

// the file read back: every weight but Go and Gc bit-identical to the input, those two the refit ones
const back = importAuraMemOnnx(bytes);
const same = (a: Float32Array, b: Float32Array) =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;
for (const [name] of tensorShapes(params.config)) {
  const expected = (name === 'Go' || name === 'Gc' ? next : params)[name];
  if (!same(back.params[name], expected))
    throw new Error(`weights of ${name} changed unexpectedly: refusing to write`);
}
const { 'aura.gateScale': _scale, ...rest } = back.metadata;
const { 'aura.gateScale': _oldScale, ...restOld } = metadata;
if (JSON.stringify(rest) !== JSON.stringify(restOld))
  throw new Error('metadata other than aura.gateScale changed');
writeFileSync(out, bytes);
console.log(
  `wrote ${out} (aura.gateScale ${fit.scale}); next: pnpm model:verify --model ${out} and pnpm model:curve --model ${out}`,
);
